// libFuzzer target: storage::DestinationSpec::parse, the `sqlite:PATH` / `postgresql://user@host/db` grammar
// users type into settings, the wizard and `--destination`.
//
// Input: one byte chooses the schema (default or a fuzzed one), the rest is the destination text (UTF-8, or
// Windows-1252 read as Latin-1). Promises checked: parse(toString()) gives the same spec back; a spec never
// holds a password; a PostgreSQL port is a TCP port; a refusal is a sentence that never repeats a password
// the URL carried.

#include "fuzzsupport.h"

#include "core/storage/destinationspec.h"

using ascsync::storage::DestinationSpec;
using namespace Qt::StringLiterals;

namespace {

// The password of `postgresql://user:PASSWORD@…` when it is distinctive enough to search for in messages.
QString distinctivePassword(const QString &text, const QString &schema)
{
    // A sqlite: destination is a path: "sqlite:a://b:c@d" names a file, not a password.
    const qsizetype scheme = text.indexOf(u"://"_s);
    if (scheme < 0 || text.trimmed().startsWith(u"sqlite:"_s, Qt::CaseInsensitive)) {
        return {};
    }
    // Up to the query: people do not percent-encode a '/' in their password.
    qsizetype end = scheme + 3;
    while (end < text.size() && text[end] != u'?' && text[end] != u'#') {
        ++end;
    }
    // The userinfo ends at the first '@' (an '@' in a user name is written %40).
    const qsizetype at = text.indexOf(u'@', scheme + 3);
    if (at >= end) {
        return {};
    }
    const qsizetype colon = text.indexOf(u':', scheme + 3);
    if (at < scheme + 3 || colon < 0 || colon > at) {
        return {};
    }
    const QString password = text.mid(colon + 1, at - colon - 1);
    const bool alphanumeric = std::all_of(password.begin(), password.end(), [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'/';
    });
    // A digit keeps words of the messages themselves ("password") from counting as a leak.
    const bool hasDigit = std::any_of(password.begin(), password.end(), [](QChar c) { return c.isDigit(); });
    if (password.size() < 8 || !alphanumeric || !hasDigit || text.count(password) != 1 ||
        schema.contains(password)) {
        return {};
    }
    return password;
}

bool sameSpec(const DestinationSpec &a, const DestinationSpec &b)
{
    return a.kind() == b.kind() && a.schema() == b.schema() && a.sqlitePath() == b.sqlitePath() &&
           a.host() == b.host() && a.port() == b.port() && a.user() == b.user() &&
           a.database() == b.database() && a.sslMode() == b.sslMode() && a.toString() == b.toString();
}

} // namespace

ASCSYNC_FUZZ_QUIET_QT()

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) {
        return 0;
    }
    const QByteArray bytes = ascsync::fuzz::bytesOf(data + 1, size - 1);
    QString text = QString::fromUtf8(bytes);
    QString schema = DestinationSpec::defaultSchema();
    if (data[0] & 1) {
        const qsizetype newline = text.indexOf(u'\n');
        schema = newline < 0 ? QString() : text.left(newline);
        text = text.mid(newline + 1);
    }
    const auto spec = DestinationSpec::parse(text, schema);
    if (!spec) {
        FUZZ_CHECK(!spec.error().code.isEmpty() && !spec.error().message.isEmpty());
        const QString password = distinctivePassword(text, schema);
        if (!password.isEmpty()) {
            FUZZ_CHECK(!spec.error().message.contains(password));
        }
        return 0;
    }
    if (spec->kind() == DestinationSpec::Kind::Postgres) {
        FUZZ_CHECK(spec->port() >= 1 && spec->port() <= 65535);
        FUZZ_CHECK(!spec->host().isEmpty() && !spec->user().isEmpty() && !spec->database().isEmpty());
    } else {
        FUZZ_CHECK(!spec->sqlitePath().isEmpty());
    }
    FUZZ_CHECK(!spec->describe().isEmpty());
    const QString password = distinctivePassword(text, schema);
    if (!password.isEmpty()) {
        FUZZ_CHECK(!spec->toString().contains(password) && !spec->describe().contains(password));
    }
    const auto again = DestinationSpec::parse(spec->toString(), spec->schema());
    if (!again) {
        std::fprintf(stderr, "round trip of \"%s\" refused: %s\n", qPrintable(spec->toString()),
                     qPrintable(again.error().message));
    }
    FUZZ_CHECK(again);
    FUZZ_CHECK(sameSpec(*spec, *again));
    return 0;
}
