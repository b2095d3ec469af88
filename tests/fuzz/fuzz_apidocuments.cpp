// libFuzzer target: the JSON:API document readers of core/api: one list page (parsePageDocument), the
// typed readers of its data (apps, analytics report requests, reports, instances, segments) and Apple's
// error documents (parseAppleErrors, describeHttpFailure).
//
// Input: one byte for an HTTP status, then a response body. Promises checked: a page that parses gives one
// record per data entry; instances and segments are refused as a whole or every one has a valid
// processingDate / an http(s) URL; every refusal names the problem; error documents give a sentence for any
// status.

#include "fuzzsupport.h"

#include "core/api/analyticsendpoints.h"
#include "core/api/apiclient.h"
#include "core/api/appleerror.h"
#include "core/api/appsendpoint.h"

using namespace ascsync::api;
using namespace Qt::StringLiterals;

namespace {

bool isBadAnswer(const ascsync::Error &error)
{
    return error.code == u"api.badResponse"_s || error.code == u"api.badId"_s;
}

void checkTypedReaders(const QJsonArray &data)
{
    // Each reader gives every entry or a clear error (a bad id, date or link), never a partial list.
    const auto sameSizeOrBadResponse = [&data](const auto &parsed) {
        FUZZ_CHECK(parsed ? parsed->size() == data.size() : isBadAnswer(parsed.error()));
    };
    sameSizeOrBadResponse(parseApps(data));
    sameSizeOrBadResponse(parseReportRequests(data, u"1"_s));
    sameSizeOrBadResponse(parseReports(data, u"r"_s));
    const auto instances = parseInstances(data, u"r"_s);
    if (instances) {
        FUZZ_CHECK(instances->size() == data.size());
        for (const InstanceInfo &instance : *instances) {
            FUZZ_CHECK(instance.processingDate.isValid());
        }
    } else {
        FUZZ_CHECK(isBadAnswer(instances.error()));
    }
    const auto segments = parseSegments(data, u"i"_s);
    if (segments) {
        FUZZ_CHECK(segments->size() == data.size());
        for (const SegmentInfo &segment : *segments) {
            FUZZ_CHECK(segment.url.isValid());
            FUZZ_CHECK(segment.url.scheme() == u"https"_s || segment.url.scheme() == u"http"_s);
        }
    } else {
        FUZZ_CHECK(isBadAnswer(segments.error()));
    }
}

} // namespace

ASCSYNC_FUZZ_QUIET_QT()

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) {
        return 0;
    }
    static const int kStatuses[] = {400, 401, 403, 404, 409, 410, 422, 429, 500, 503};
    const int status = kStatuses[data[0] % std::size(kStatuses)];
    const QByteArray body = ascsync::fuzz::bytesOf(data + 1, size - 1);

    const auto page = parsePageDocument(body, u"listing your apps"_s);
    if (page) {
        checkTypedReaders(page->data);
    } else {
        FUZZ_CHECK(page.error().code == u"api.badResponse"_s);
        FUZZ_CHECK(page.error().message.contains(u"listing your apps"_s));
    }

    const QList<AppleError> errors = parseAppleErrors(body);
    const QString sentence = describeHttpFailure(status, errors, u"listing your apps"_s);
    FUZZ_CHECK(sentence.contains(u"listing your apps"_s));
    FUZZ_CHECK(sentence.contains(QString::number(status)));
    return 0;
}
