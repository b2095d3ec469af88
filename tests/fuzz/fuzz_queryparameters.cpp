// libFuzzer target: the simulator's query-parameter reader (sandbox::QueryParameters), its paging cursor
// (Pagination::read) and JWT scope matching of queries (JwtVerifier::scopeAllows).
//
// Input: a raw query string as a client sends it (without '?'). Promises checked: after the first error every
// later read gives the empty value or the fallback; list values are never empty and always among the allowed
// ones; integers stay in range; a page's limit is 1..200 and its offset never negative; a cursor the
// simulator wrote reads back as its offset; a scope naming exactly the request's query allows it.

#include "fuzzsupport.h"

#include "sandbox/server/jwtverifier.h"
#include "sandbox/server/pagination.h"
#include "sandbox/server/queryparameters.h"

using namespace ascsync::sandbox;
using namespace Qt::StringLiterals;

namespace {

void checkReads(const QUrlQuery &query)
{
    const QStringList granularities{u"DAILY"_s, u"WEEKLY"_s, u"MONTHLY"_s};
    QueryParameters parameters(query);
    parameters.allowOnly({u"filter[granularity]"_s, u"filter[processingDate]"_s, u"fields[apps]"_s,
                          u"limit"_s, u"cursor"_s, u"filter[id]"_s});
    const bool failedEarly = parameters.error().has_value();
    const QStringList values = parameters.list(u"filter[granularity]"_s, granularities);
    if (failedEarly) {
        FUZZ_CHECK(values.isEmpty());
    }
    for (const QString &value : values) {
        FUZZ_CHECK(granularities.contains(value));
    }
    for (const QString &id : parameters.list(u"filter[id]"_s)) {
        FUZZ_CHECK(!id.isEmpty());
    }
    const FieldSet fields = parameters.fieldSet(u"fields[apps]"_s, {u"name"_s, u"bundleId"_s, u"sku"_s});
    if (fields && !parameters.error()) {
        FUZZ_CHECK(fields->size() >= 1 && fields->size() <= 3);
    }
    const bool failedBeforePage = parameters.error().has_value();
    const Pagination page = Pagination::read(parameters);
    FUZZ_CHECK(page.limit() >= 1 && page.limit() <= Pagination::kMaxLimit);
    FUZZ_CHECK(page.offset() >= 0);
    if (failedBeforePage) {
        FUZZ_CHECK(page.limit() == Pagination::kDefaultLimit && page.offset() == 0);
    }
    if (parameters.error()) {
        FUZZ_CHECK(parameters.integer(u"limit"_s, 1, 10, 7) == 7);
        FUZZ_CHECK(parameters.list(u"filter[id]"_s).isEmpty());
    }
    QJsonObject document;
    page.decorate(document, QUrl(u"http://127.0.0.1:1/v1/apps"_s), 1000);
    const bool hasNext = document.value(u"links"_s).toObject().contains(u"next"_s);
    FUZZ_CHECK(hasNext == (page.end(1000) < 1000));
}

void checkCursorRoundTrip(const QByteArray &input)
{
    const int offset = int(qChecksum(input) % 100000);
    QUrlQuery query;
    query.addQueryItem(u"cursor"_s, Pagination::encodeCursor(offset));
    QueryParameters parameters(query);
    const Pagination page = Pagination::read(parameters);
    FUZZ_CHECK(!parameters.error() && page.offset() == offset);
}

void checkScope(const QString &rawQuery)
{
    if (rawQuery != rawQuery.trimmed() || rawQuery.contains(u'#')) {
        return;
    }
    HttpRequestData request;
    request.method = "GET";
    request.path = u"/v1/apps"_s;
    request.rawQuery = rawQuery;
    request.query = QUrlQuery(rawQuery);
    FUZZ_CHECK(JwtVerifier::scopeAllows(u"GET /v1/apps?"_s + rawQuery, request));
    FUZZ_CHECK(!JwtVerifier::scopeAllows(u"POST /v1/apps?"_s + rawQuery, request));
}

} // namespace

ASCSYNC_FUZZ_QUIET_QT()

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes = ascsync::fuzz::bytesOf(data, size);
    const QString rawQuery = QString::fromUtf8(bytes);
    checkReads(QUrlQuery(rawQuery));
    checkCursorRoundTrip(bytes);
    checkScope(rawQuery);
    return 0;
}
