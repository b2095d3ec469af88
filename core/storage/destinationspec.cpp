#include "destinationspec.h"

#include "sqlidentifier.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ascsync::storage {

namespace {

constexpr QStringView sqlitePrefix = u"sqlite:";

const QString formsHint = u"use sqlite:PATH (for example sqlite:~/ascsync.db) or "
                          "postgresql://USER@HOST:PORT/DATABASE"_s;

// The destination text as it may appear in a message: a password someone typed into a URL is masked.
QString redacted(const QString &text)
{
    static const QRegularExpression userInfoPassword(u"(//[^/?#@]*?):[^/?#@]*@"_s);
    QString shown = text;
    shown.replace(userInfoPassword, u"\\1:***@"_s);
    return shown;
}

// True when the authority of `text` (after "://") carries user:password@.
bool hasPasswordInAuthority(QStringView text)
{
    const qsizetype start = text.indexOf(u"://");
    if (start < 0)
        return false;
    const QStringView rest = text.mid(start + 3);
    const auto endOf = [&rest](QStringView stops) {
        for (qsizetype i = 0; i < rest.size(); ++i) {
            if (stops.contains(rest[i]))
                return i;
        }
        return rest.size();
    };
    // RFC 3986: the authority ends at '/', '?' or '#', and its userinfo at the last '@' in it.
    const QStringView authority = rest.first(endOf(u"/?#"));
    const qsizetype at = authority.lastIndexOf(u'@');
    if (at >= 0 && authority.first(at).contains(u':'))
        return true;
    // People do not percent-encode a '/' in a password ("ana:ab/cd@host"): read that way, the authority
    // looks invalid and the whole text, password included, would be quoted in the error message.
    const qsizetype firstAt = rest.first(endOf(u"?#")).indexOf(u'@');
    return firstAt >= 0 && rest.first(firstAt).contains(u':');
}

Error passwordInUrlError()
{
    return makeError(
        u"storage.spec.passwordInUrl"_s,
        u"The PostgreSQL URL contains a password. Passwords must not be written there (the URL is "
        "stored in the settings and shows up in shell history): remove it from the URL and store "
        "it in the keychain, or set PGPASSWORD, or put it in ~/.pgpass."_s);
}

bool isValidSslMode(const QString &mode)
{
    static const QStringList modes = {u"disable"_s, u"allow"_s,     u"prefer"_s,
                                      u"require"_s, u"verify-ca"_s, u"verify-full"_s};
    return modes.contains(mode);
}

} // namespace

QString DestinationSpec::defaultSchema()
{
    return u"apple_app_store"_s;
}

Result<DestinationSpec> DestinationSpec::parse(const QString &text, const QString &schema)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return makeError(u"storage.spec.empty"_s, u"No destination is set: "_s + formsHint + u'.');
    if (const Status schemaOk = checkSchemaName(schema); !schemaOk)
        return schemaOk.error();

    Result<DestinationSpec> spec = makeError(QString(), QString());
    if (trimmed.startsWith(sqlitePrefix, Qt::CaseInsensitive)) {
        spec = parseSqlite(trimmed);
    } else if (trimmed.startsWith(u"postgresql://"_s, Qt::CaseInsensitive) ||
               trimmed.startsWith(u"postgres://"_s, Qt::CaseInsensitive)) {
        spec = parsePostgres(trimmed);
    } else {
        if (hasPasswordInAuthority(trimmed))
            return passwordInUrlError();
        return makeError(
            u"storage.spec.unknown"_s,
            u"The destination \"%1\" is neither SQLite nor PostgreSQL: "_s.arg(redacted(trimmed)) +
                formsHint + u'.');
    }
    if (spec.ok())
        spec.value().m_schema = schema;
    return spec;
}

Result<DestinationSpec> DestinationSpec::parseSqlite(const QString &text)
{
    QString path = text.mid(sqlitePrefix.size());
    if (path.startsWith(u"//"_s)) {
        return makeError(u"storage.spec.sqliteSlashes"_s,
                         u"Write SQLite destinations as sqlite:PATH without \"//\", for example "
                         "sqlite:/home/ana/ascsync.db or sqlite:~/ascsync.db."_s);
    }
    if (path.isEmpty()) {
        return makeError(
            u"storage.spec.sqliteEmpty"_s,
            u"The SQLite destination has no file path: write for example sqlite:~/ascsync.db."_s);
    }
    // A NUL makes QFileInfo give up (the path stayed relative and named another file than the text);
    // no control character belongs in a file name someone types.
    if (std::any_of(path.begin(), path.end(),
                    [](QChar c) { return c.unicode() < 0x20 || c.unicode() == 0x7F; })) {
        return makeError(
            u"storage.spec.sqliteControl"_s,
            u"The SQLite path contains a control character (a NUL, tab or line break, for example), "
            "which no file name should have: type the path again."_s);
    }
    if (path == u":memory:"_s) {
        return makeError(
            u"storage.spec.sqliteMemory"_s,
            u"An in-memory SQLite database would lose everything when ascsync exits: give a file "
            "path, for example sqlite:~/ascsync.db."_s);
    }
    if (path.startsWith(u'~')) {
        if (path.size() > 1 && path[1] != u'/') {
            return makeError(u"storage.spec.sqliteTildeUser"_s,
                             u"\"%1\": only ~ (your own home folder) is expanded, not ~user: write the full "
                             "path instead."_s.arg(path));
        }
        path = QDir::homePath() + path.mid(1);
    }
    // "/data/.." names a folder as much as "/data/" does (found by fuzz_destinationspec: "sqlite:/." became
    // the spec "sqlite:/", which parse() then refused).
    const QString lastPart = path.section(u'/', -1);
    if (path.endsWith(u'/') || lastPart == u"."_s || lastPart == u".."_s) {
        return makeError(u"storage.spec.sqliteFolder"_s,
                         u"\"%1\" names a folder: add a file name, for example %2ascsync.db."_s.arg(
                             path, path.endsWith(u'/') ? path : path + u'/'));
    }
    // QFileInfo takes a path starting with ':' for a Qt resource (":a/../b" became ":/b"); here it is a file.
    if (path.startsWith(u':')) {
        path.prepend(u"./"_s);
    }
    DestinationSpec spec;
    spec.m_kind = Kind::Sqlite;
    spec.m_path = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    return spec;
}

Result<DestinationSpec> DestinationSpec::parsePostgres(const QString &text)
{
    // Checked on the raw text first: an invalid URL must not be echoed with its password.
    if (hasPasswordInAuthority(text))
        return passwordInUrlError();

    const QUrl url(text, QUrl::StrictMode);
    const QString shown = redacted(text);
    const QString example = u"postgresql://USER@HOST:5432/DATABASE"_s;
    if (!url.isValid()) {
        return makeError(u"storage.spec.badUrl"_s,
                         u"\"%1\" is not a valid PostgreSQL URL: write it as %2 (the port, and "
                         "?sslmode=require, are optional)."_s.arg(shown, example));
    }
    if (!url.fragment().isNull()) {
        return makeError(
            u"storage.spec.fragment"_s,
            u"The PostgreSQL URL \"%1\" has a #fragment, which means nothing here: remove it."_s.arg(shown));
    }

    DestinationSpec spec;
    spec.m_kind = Kind::Postgres;
    spec.m_host = url.host(QUrl::FullyDecoded);
    spec.m_user = url.userName(QUrl::FullyDecoded);
    spec.m_port = url.port(DefaultPostgresPort);
    QString path = url.path(QUrl::FullyDecoded);
    if (path.startsWith(u'/'))
        path.remove(0, 1);
    spec.m_database = path;

    if (spec.m_host.isEmpty()) {
        return makeError(u"storage.spec.noHost"_s,
                         u"The PostgreSQL URL \"%1\" names no server: write it as %2."_s.arg(shown, example));
    }
    if (spec.m_user.isEmpty()) {
        return makeError(u"storage.spec.noUser"_s,
                         u"The PostgreSQL URL \"%1\" names no user: write it as %2."_s.arg(shown, example));
    }
    if (spec.m_database.isEmpty() || spec.m_database.contains(u'/')) {
        return makeError(u"storage.spec.noDatabase"_s,
                         u"The PostgreSQL URL \"%1\" must end with one database name: write it as %2."_s.arg(
                             shown, example));
    }
    if (spec.m_port <= 0 || spec.m_port > 65535) {
        return makeError(u"storage.spec.badPort"_s,
                         u"The port in \"%1\" is not a valid TCP port (1-65535)."_s.arg(shown));
    }

    const QUrlQuery query(url);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == u"password"_s)
            return passwordInUrlError();
        if (key != u"sslmode"_s) {
            return makeError(u"storage.spec.option"_s,
                             u"The PostgreSQL URL option \"%1\" is not supported; only sslmode is "
                             "(for example ?sslmode=require)."_s.arg(key));
        }
        if (!isValidSslMode(value)) {
            return makeError(u"storage.spec.sslmode"_s,
                             u"sslmode=%1 is not a valid SSL mode: use disable, allow, prefer, require, "
                             "verify-ca or verify-full."_s.arg(value));
        }
        spec.m_sslMode = value;
    }
    return spec;
}

QString DestinationSpec::toString() const
{
    if (m_kind == Kind::Sqlite)
        return u"sqlite:"_s + m_path;
    QUrl url;
    url.setScheme(u"postgresql"_s);
    url.setUserName(m_user);
    url.setHost(m_host);
    url.setPort(m_port);
    url.setPath(u'/' + m_database);
    if (!m_sslMode.isEmpty())
        url.setQuery(u"sslmode="_s + m_sslMode);
    return url.toString(QUrl::FullyEncoded); // parse() reads it back in strict mode
}

QString DestinationSpec::describe() const
{
    if (m_kind == Kind::Sqlite)
        return u"the SQLite file %1"_s.arg(m_path);
    return u"PostgreSQL database %1 on %2 (user %3)"_s.arg(m_database, hostAndPort(), m_user);
}

QString DestinationSpec::hostAndPort() const
{
    if (m_host.contains(u':')) // IPv6 literal
        return u"[%1]:%2"_s.arg(m_host).arg(m_port);
    return u"%1:%2"_s.arg(m_host).arg(m_port);
}

} // namespace ascsync::storage
