#include "postgresconnection.h"

#include "sqlexec.h"
#include "storagelog.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace ascsync::storage {

namespace {

Error connectionError(const DestinationSpec &spec, const QSqlError &error)
{
    QString detail = error.databaseText().trimmed();
    if (detail.isEmpty())
        detail = error.driverText().trimmed();
    const QString where = spec.hostAndPort();
    const auto has = [&detail](const char *fragment) {
        return detail.contains(QLatin1StringView(fragment), Qt::CaseInsensitive);
    };

    if (has("password authentication failed")) {
        return makeError(
            u"storage.pg.password"_s,
            u"PostgreSQL at %1 refused the password for user %2: check the password in the keychain "
            "or PGPASSWORD (or ~/.pgpass)."_s.arg(where, spec.user()));
    }
    if (has("no password supplied")) {
        return makeError(
            u"storage.pg.noPassword"_s,
            u"PostgreSQL at %1 asks for a password for user %2, and none was found: store it in the "
            "keychain, or set PGPASSWORD, or add it to ~/.pgpass."_s.arg(where, spec.user()));
    }
    if (has("database") && has("does not exist")) {
        return makeError(
            u"storage.pg.noDatabase"_s,
            u"The database %1 does not exist on PostgreSQL at %2: create it (for example: createdb "
            "-h %3 -p %4 -U %5 %1) or correct the destination URL."_s.arg(spec.database(), where, spec.host())
                .arg(spec.port())
                .arg(spec.user()));
    }
    if (has("role") && has("does not exist")) {
        return makeError(
            u"storage.pg.noUser"_s,
            u"The user %1 does not exist on PostgreSQL at %2: correct the user in the destination "
            "URL, or ask the database administrator to create it."_s.arg(spec.user(), where));
    }
    if (has("could not translate host name")) {
        return makeError(
            u"storage.pg.unknownHost"_s,
            u"The server name %1 cannot be resolved: check the host in the destination URL and your "
            "network."_s.arg(spec.host()));
    }
    if (has("no pg_hba.conf entry")) {
        return makeError(u"storage.pg.hba"_s,
                         u"PostgreSQL at %1 does not accept connections from this machine for user %2 and "
                         "database %3 (pg_hba.conf): ask the database administrator to allow them, or check "
                         "sslmode."_s.arg(where, spec.user(), spec.database()));
    }
    if (has("SSL")) {
        return makeError(
            u"storage.pg.ssl"_s,
            u"The SSL connection to PostgreSQL at %1 failed: %2. Check sslmode in the destination "
            "URL."_s.arg(where, detail.section(u'\n', 0, 0)));
    }
    if (has("Connection refused") || has("could not connect") || has("timeout expired") ||
        has("No route to host") || has("Network is unreachable") || has("server closed the connection")) {
        return makeError(u"storage.pg.unreachable"_s,
                         u"PostgreSQL server not reachable: is PostgreSQL running on %1 and accepting TCP "
                         "connections? (%2)"_s.arg(where, detail.section(u'\n', 0, 0)));
    }
    return makeError(u"storage.pg.connect"_s,
                     u"Could not connect to PostgreSQL at %1: %2"_s.arg(where, detail.section(u'\n', 0, 0)));
}

} // namespace

namespace {

bool isLocalHost(const QString &host)
{
    return host.isEmpty() || host.startsWith(u'/') || host == u"localhost"_s || host == u"::1"_s ||
           host.startsWith(u"127."_s);
}

} // namespace

Result<QString> effectiveSslMode(const DestinationSpec &spec, bool withPassword)
{
    if (isLocalHost(spec.host())) {
        return spec.sslMode();
    }
    if (spec.sslMode().isEmpty()) {
        return u"require"_s;
    }
    const bool clearTextPossible =
        spec.sslMode() == u"disable"_s || spec.sslMode() == u"allow"_s || spec.sslMode() == u"prefer"_s;
    if (clearTextPossible && withPassword) {
        return makeError(
            u"storage.pg.cleartext"_s,
            u"With sslmode=%1 the database password could travel unencrypted to %2. Use "
            u"?sslmode=verify-full (or require) in the destination URL, or connect through a "
            u"local socket or an SSH tunnel on localhost."_s.arg(spec.sslMode(), spec.hostAndPort()));
    }
    return spec.sslMode();
}

Result<QSqlDatabase> openPostgresConnection(const DestinationSpec &spec, const QString &password,
                                            const QString &connectionName)
{
    const auto sslMode =
        effectiveSslMode(spec, !password.isEmpty() || qEnvironmentVariableIsSet("PGPASSWORD"));
    if (!sslMode) {
        return sslMode.error();
    }
    if (!QSqlDatabase::isDriverAvailable(u"QPSQL"_s)) {
        return makeError(u"storage.pg.driver"_s,
                         u"Qt's PostgreSQL driver (QPSQL) is not installed: install libqt6sql6-psql."_s);
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, connectionName);
    db.setHostName(spec.host());
    db.setPort(spec.port());
    db.setUserName(spec.user());
    db.setDatabaseName(spec.database());
    if (!password.isEmpty())
        db.setPassword(password);
    // Bounded waits: 10 s to connect, and client-side keepalives so a statement waiting on a server that
    // vanished fails within about a minute instead of the system's two hours.
    QString options = u"connect_timeout=10;application_name=ascsync;keepalives=1;keepalives_idle=30;"
                      u"keepalives_interval=10;keepalives_count=3"_s;
    if (!sslMode->isEmpty())
        options += u";sslmode="_s + sslMode.value();
    db.setConnectOptions(options);

    qCDebug(lcStorage) << "connecting to PostgreSQL at" << spec.hostAndPort() << "database" << spec.database()
                       << "as" << spec.user()
                       << (password.isEmpty() ? "(password from libpq)" : "(password given)");
    const auto failWith = [&db, &connectionName](const Error &error) -> Result<QSqlDatabase> {
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(connectionName);
        return error;
    };
    if (!db.open())
        return failWith(connectionError(spec, db.lastError()));

    // Fixed session settings: timestamps are read and written in UTC, dates print as YYYY-MM-DD whatever the
    // server's defaults, and "already exists, skipping" notices do not reach the terminal.
    for (const QString &setting : {u"SET TIME ZONE 'UTC'"_s, u"SET datestyle TO 'ISO, YMD'"_s,
                                   u"SET client_min_messages TO warning"_s}) {
        if (const Status ok = execSql(db, setting, u"set up the PostgreSQL session"_s); !ok)
            return failWith(ok.error());
    }
    return db;
}

pg_conn *nativePostgresHandle(const QSqlDatabase &db)
{
    if (!db.driver())
        return nullptr;
    const QVariant handle = db.driver()->handle();
    if (!handle.isValid() ||
        (qstrcmp(handle.typeName(), "PGconn*") != 0 && qstrcmp(handle.typeName(), "pg_conn*") != 0))
        return nullptr;
    return *static_cast<pg_conn *const *>(handle.constData());
}

} // namespace ascsync::storage
