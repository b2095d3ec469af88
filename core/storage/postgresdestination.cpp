#include "postgresdestination.h"

#include "advisorysynclock.h"
#include "postgresconnection.h"
#include "postgresrowsink.h"
#include "sqlexec.h"
#include "sqlidentifier.h"
#include "storagelog.h"

#include "core/reports/datadictionary.h"

#include <QSqlQuery>
#include <QVariant>

#include <libpq-fe.h>
#include <memory>

using namespace Qt::StringLiterals;

namespace ascsync::storage {

namespace {

// Serialises schema creation and metadata migration between processes opening the same destination at once.
// Its class id differs from the sync lock's, so opening a destination never waits for a running sync.
constexpr qint32 SetupLockClassId = 0x6173636d; // "ascm"

} // namespace

Result<std::unique_ptr<PostgresDestination>>
PostgresDestination::open(const DestinationSpec &spec, const QString &password, const OpenOptions &options)
{
    std::unique_ptr<PostgresDestination> destination(new PostgresDestination(spec, password));
    {
        const Result<QSqlDatabase> connected =
            openPostgresConnection(spec, password, destination->connectionName());
        if (!connected)
            return connected.error();
        destination->database() = connected.value();
    } // no copy of the connection outlives this scope but the destination's own
    if (const Status ok = destination->initialise(options); !ok)
        return ok.error();
    destination->describeUncommentedTables();
    qCDebug(lcStorage) << "opened" << spec.describe() << "schema" << spec.schema();
    return destination;
}

PostgresDestination::PostgresDestination(const DestinationSpec &spec, QString password)
    : Destination(spec, SqlDialect(SqlDialect::Backend::Postgres))
    , m_password(std::move(password))
{}

PostgresDestination::~PostgresDestination()
{
    m_password.fill(u'\0');
}

Status PostgresDestination::prepareSchema()
{
    const QString action = u"prepare schema %1 in %2"_s.arg(spec().schema(), spec().describe());
    QSqlQuery query(database());
    if (const Status ok = prepareSql(query, u"SELECT pg_advisory_xact_lock(?, ?)"_s, action); !ok)
        return ok;
    query.addBindValue(SetupLockClassId);
    query.addBindValue(AdvisorySyncLock::lockObjectId(spec().schema()));
    if (const Status ok = execPrepared(query, action); !ok)
        return ok;

    // Checked before creating: CREATE SCHEMA IF NOT EXISTS needs the CREATE privilege on the database even
    // when the schema exists, and a user who may only write into an existing schema must still be able to
    // sync.
    QSqlQuery exists(database());
    if (const Status ok =
            prepareSql(exists, u"SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = ?"_s, action);
        !ok)
        return ok;
    exists.addBindValue(spec().schema());
    if (const Status ok = execPrepared(exists, action); !ok)
        return ok;
    if (exists.next())
        return {};
    const Status created = execSql(database(), u"CREATE SCHEMA "_s + quoteIdentifier(spec().schema()),
                                   u"create schema %1 in %2"_s.arg(spec().schema(), spec().describe()));
    if (!created) {
        return makeError(
            created.error().code,
            created.errorMessage() +
                u" To let ascsync use it, a database owner can run: CREATE SCHEMA %1 AUTHORIZATION %2;"_s.arg(
                    quoteIdentifier(spec().schema()), quoteIdentifier(spec().user())));
    }
    qCDebug(lcStorage) << "created schema" << spec().schema() << "in" << spec().describe();
    return {};
}

Status PostgresDestination::widenColumns(const QString &table, const QList<Column> &widened)
{
    QString clauses;
    for (const Column &column : widened) {
        const QString type = dialect().typeName(column.type);
        clauses += (clauses.isEmpty() ? QString() : u", "_s) +
                   u"ALTER COLUMN %1 TYPE %2 USING %1::%2"_s.arg(quoteIdentifier(column.name), type);
    }
    return execSql(database(), u"ALTER TABLE %1 %2"_s.arg(qualified(table), clauses),
                   u"change column types of %1"_s.arg(qualified(table)));
}

Result<std::unique_ptr<RowSink>> PostgresDestination::createSink(std::shared_ptr<RowSink::Lease> lease,
                                                                 const QString &table,
                                                                 const QList<Column> &columns)
{
    pg_conn *connection = nativePostgresHandle(database());
    if (!connection)
        return makeError(u"storage.pg.handle"_s, u"The PostgreSQL connection has no native handle."_s);
    return PostgresRowSink::open(connection, std::move(lease), table, columns);
}

Status PostgresDestination::describeNewColumns(const QString &table, const QList<Column> &columns,
                                               bool newTable)
{
    // COMMENT ON takes no bound parameters: the texts are ascsync's own, quoted as standard SQL literals.
    const auto literal = [](const QString &text) -> QString {
        return u'\'' + QString(text).replace(u'\'', u"''"_s) + u'\'';
    };
    QStringList statements;
    if (const QString meaning = reports::tableMeaning(table); newTable && !meaning.isEmpty())
        statements << u"COMMENT ON TABLE %1 IS %2"_s.arg(qualified(table), literal(meaning));
    for (const Column &column : columns) {
        if (const QString meaning = reports::columnMeaning(table, column.name); !meaning.isEmpty()) {
            statements << u"COMMENT ON COLUMN %1.%2 IS %3"_s.arg(
                qualified(table), quoteIdentifier(column.name), literal(meaning));
        }
    }
    for (const QString &statement : std::as_const(statements)) {
        if (const Status ok = execSql(database(), statement, u"describe %1"_s.arg(qualified(table))); !ok)
            return ok;
    }
    return {};
}

void PostgresDestination::describeUncommentedTables()
{
    // Only the tables' owner may comment on them: tables owned by another role are left alone, so a user who
    // may only write into the schema still opens the destination.
    const QString action = u"find tables without comments"_s;
    QSqlQuery query(database());
    query.setForwardOnly(true);
    Status found = prepareSql(query,
                              u"SELECT c.relname FROM pg_catalog.pg_class c "
                              u"JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                              u"WHERE n.nspname = ? AND c.relkind = 'r' "
                              u"AND obj_description(c.oid, 'pg_class') IS NULL "
                              u"AND pg_catalog.pg_has_role(c.relowner, 'USAGE')"_s,
                              action);
    if (found) {
        query.addBindValue(schema());
        found = execPrepared(query, action);
    }
    if (!found) {
        qCDebug(lcStorage).noquote() << found.errorMessage();
        return;
    }
    QStringList tables;
    while (query.next()) {
        if (const QString table = query.value(0).toString(); !reports::tableMeaning(table).isEmpty())
            tables << table;
    }
    query.finish();
    for (const QString &table : std::as_const(tables)) {
        const auto columns = tableColumns(table);
        const Status described = columns && columns->has_value()
                                     ? describeNewColumns(table, columns->value(), true)
                                     : Status(makeError(u"storage.pg.describe"_s, columns.errorMessage()));
        if (!described)
            qCDebug(lcStorage).noquote()
                << "left" << table << "without comments:" << described.errorMessage();
    }
}

std::function<void()> PostgresDestination::makeStop()
{
    // A cancel request goes over a connection of its own, so it works while this one waits for a result.
    pg_conn *connection = nativePostgresHandle(database());
    std::shared_ptr<PGcancel> cancel(connection ? PQgetCancel(connection) : nullptr, [](PGcancel *object) {
        if (object) {
            PQfreeCancel(object);
        }
    });
    return [cancel] {
        char error[256] = {};
        if (cancel && PQcancel(cancel.get(), error, int(sizeof error)) == 0) {
            qCInfo(lcStorage) << "PostgreSQL did not take the cancel request:" << error;
        }
    };
}

void PostgresDestination::configureQuery(QSqlQuery &query) const
{
    // numeric values come back as the server's exact text instead of a rounded double.
    query.setNumericalPrecisionPolicy(QSql::HighPrecision);
}

Result<std::unique_ptr<SyncLock>> PostgresDestination::acquireSyncLock()
{
    return AdvisorySyncLock::acquire(spec(), m_password, now());
}

} // namespace ascsync::storage
