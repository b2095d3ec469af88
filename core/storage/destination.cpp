#include "destination.h"

#include "analyticslayoutmigration.h"
#include "instanceregistry.h"
#include "metadatastore.h"
#include "postgresdestination.h"
#include "schemaplanner.h"
#include "sqlexec.h"
#include "sqlidentifier.h"
#include "sqlitedestination.h"
#include "storagelog.h"

#include "ascsync/version.h"

#include <QCryptographicHash>
#include <QDate>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QThread>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace ascsync::storage {

namespace {

// Values per IN (...) statement: far below SQLite's and PostgreSQL's parameter limits.
constexpr qsizetype InChunk = 500;

// Starts a transaction unless the caller already holds one, and ends only the one it started: so a single
// call is atomic on its own and also composes into the caller's larger transaction.
class ImplicitTransaction {
public:
    explicit ImplicitTransaction(Destination &destination)
        : m_destination(destination)
    {}

    Status begin()
    {
        if (m_destination.inTransaction())
            return {};
        m_owned = true;
        return m_destination.begin();
    }

    Status end(Status outcome)
    {
        if (!m_owned)
            return outcome;
        if (!outcome) {
            if (const Status rolledBack = m_destination.rollback(); !rolledBack)
                qCWarning(lcStorage).noquote() << rolledBack.errorMessage();
            return outcome;
        }
        return m_destination.commit();
    }

private:
    Destination &m_destination;
    bool m_owned = false;
};

QString valueText(const QVariant &value)
{
    if (value.isNull())
        return QString();
    switch (value.typeId()) {
    case QMetaType::Double:
    case QMetaType::Float:
        return QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest);
    case QMetaType::QDate:
        return value.toDate().toString(Qt::ISODate);
    case QMetaType::QDateTime:
        return value.toDateTime().toString(Qt::ISODateWithMs);
    case QMetaType::QByteArray:
        return u"\\x"_s + QString::fromLatin1(value.toByteArray().toHex());
    default: {
        QString text = value.toString();
        if (text.isNull())
            text = u""_s; // a non-NULL value is never reported as NULL
        return text;
    }
    }
}

} // namespace

Result<std::unique_ptr<Destination>> Destination::open(const DestinationSpec &spec, const QString &password,
                                                       const OpenOptions &options)
{
    if (spec.kind() == DestinationSpec::Kind::Sqlite) {
        Result<std::unique_ptr<SqliteDestination>> opened = SqliteDestination::open(spec, options);
        if (!opened)
            return opened.error();
        return std::unique_ptr<Destination>(std::move(opened).value());
    }
    Result<std::unique_ptr<PostgresDestination>> opened = PostgresDestination::open(spec, password, options);
    if (!opened)
        return opened.error();
    return std::unique_ptr<Destination>(std::move(opened).value());
}

Destination::Destination(DestinationSpec spec, SqlDialect dialect)
    : m_spec(std::move(spec))
    , m_dialect(dialect)
    , m_connectionName(uniqueConnectionName(dialect.isSqlite() ? u"sqlite" : u"postgres"))
    , m_lease(std::make_shared<RowSink::Lease>())
    , m_thread(QThread::currentThread())
{}

Destination::~Destination()
{
    if (m_interrupter) {
        m_interrupter->disarm(m_interruptId); // before the connection below closes
    }
    if (m_lease->sink) {
        qCWarning(lcStorage) << "a row sink into" << m_spec.describe()
                             << "was still open; its rows are dropped";
        m_lease->sink->abandon();
    }
    if (m_inTransaction) {
        qCWarning(lcStorage) << "closing" << m_spec.describe() << "inside a transaction; it is rolled back";
        m_db.rollback();
    }
    m_instances.reset();
    m_metadata.reset();
    if (m_db.isValid())
        m_db.close();
    m_db = QSqlDatabase();
    if (QSqlDatabase::contains(m_connectionName))
        QSqlDatabase::removeDatabase(m_connectionName);
}

QString Destination::qualified(const QString &table) const
{
    return qualifiedName(m_spec.schema(), table);
}

Status Destination::checkUsable(const QString &action) const
{
    if (QThread::currentThread() != m_thread) {
        return makeError(
            u"storage.thread"_s,
            u"Could not %1: the destination was opened in another thread, and a database connection "
            "may only be used by the thread that opened it."_s.arg(action));
    }
    if (m_lease->sink) {
        return makeError(
            u"storage.busy"_s,
            u"Could not %1: a bulk load into this destination is still open; finish it first."_s.arg(action));
    }
    return {};
}

Status Destination::initialise(const OpenOptions &options)
{
    m_clock = options.clock;
    if (options.interrupter) {
        m_interrupter = options.interrupter;
        m_interruptId = m_interrupter->arm(makeStop());
    }
    m_metadata = std::make_unique<MetadataStore>(m_db, m_spec.schema(), m_dialect, m_clock);
    m_instances = std::make_unique<InstanceRegistry>(m_db, m_spec.schema(), m_dialect, m_clock);
    if (!options.upgrade) {
        // Inspection only: say so when this ascsync could not read it, change nothing either way.
        m_readOnly = true;
        const Result<int> version = m_metadata->version();
        if (version && version.value() > MetadataStore::CurrentVersion)
            return m_metadata->ensureCurrent(); // only says "written by a newer ascsync"
        return version ? Status() : Status(version.error());
    }
    ImplicitTransaction transaction(*this);
    if (const Status ok = transaction.begin(); !ok)
        return ok;
    Status outcome = prepareSchema();
    if (outcome)
        outcome = m_metadata->ensureCurrent();
    if (const Status ended = transaction.end(outcome); !ended)
        return ended;
    return upgradeLayout(options);
}

Status Destination::upgradeLayout(const OpenOptions &options)
{
    const Result<QString> pending = m_metadata->metaValue(QString(MetadataStore::PendingMigrationKey));
    if (!pending)
        return pending.error();
    if (pending->isNull())
        return {};
    // One upgrade at a time, and never beside a sync of an older process that still holds the lock.
    const auto lock = acquireSyncLock();
    if (!lock) {
        return makeError(lock.error().code,
                         u"%1 is being upgraded to the layout of this ascsync, but: %2"_s.arg(
                             m_spec.describe(), lock.errorMessage()));
    }
    const auto progress = options.progress ? options.progress
                                           : [](const QString &line) { qCInfo(lcStorage).noquote() << line; };
    const Status migrated = AnalyticsLayoutMigration(*this).run(progress);
    if (!migrated) {
        return makeError(
            migrated.error().code,
            u"Could not upgrade %1 to the layout of ascsync %2: %3 The tables already moved keep "
            "the new layout; the next run of ascsync goes on with the others."_s.arg(
                m_spec.describe(), QStringLiteral(ASCSYNC_VERSION), migrated.errorMessage()));
    }
    return {};
}

Status Destination::beginTransaction()
{
    if (!m_db.transaction())
        return sqlError(m_db.lastError(), u"start a transaction"_s);
    return {};
}

Status Destination::begin()
{
    if (const Status ok = checkUsable(u"start a transaction"_s); !ok)
        return ok;
    if (m_readOnly) {
        return makeError(
            u"storage.readOnly"_s,
            u"%1 was opened to be looked at only: nothing may be written to it."_s.arg(m_spec.describe()));
    }
    if (m_inTransaction) {
        return makeError(u"storage.transaction.nested"_s,
                         u"Could not start a transaction: one is already open on this destination."_s);
    }
    if (const Status ok = beginTransaction(); !ok)
        return ok;
    m_inTransaction = true;
    return {};
}

Status Destination::commit()
{
    if (const Status ok = checkUsable(u"commit"_s); !ok)
        return ok;
    if (!m_inTransaction)
        return makeError(u"storage.transaction.none"_s, u"Could not commit: no transaction is open."_s);
    m_inTransaction = false;
    if (!m_db.commit()) {
        const Error error = sqlError(m_db.lastError(), u"commit the changes to %1"_s.arg(m_spec.describe()));
        // A failed COMMIT leaves SQLite's transaction open (when busy); PostgreSQL has already ended it.
        if (m_dialect.isSqlite())
            m_db.rollback();
        return error;
    }
    return {};
}

Status Destination::rollback()
{
    if (QThread::currentThread() != m_thread)
        return checkUsable(u"roll back"_s);
    if (m_lease->sink)
        m_lease->sink->abandon();
    if (!m_inTransaction)
        return {};
    m_inTransaction = false;
    if (!m_db.rollback()) {
        // SQLite may already have rolled back by itself after an I/O error: that is the wanted outcome.
        const QString text = m_db.lastError().text();
        if (text.contains(u"no transaction is active"_s, Qt::CaseInsensitive))
            return {};
        return sqlError(m_db.lastError(), u"roll back the changes to %1"_s.arg(m_spec.describe()));
    }
    return {};
}

Result<std::optional<QList<Column>>> Destination::tableColumns(const QString &table)
{
    if (const Status ok = checkUsable(u"read table %1"_s.arg(table)); !ok)
        return ok.error();
    const QString action = u"read the columns of %1"_s.arg(qualified(table));

    QSqlQuery exists(m_db);
    exists.setForwardOnly(true);
    if (const Status ok = prepareSql(exists, m_dialect.tableExistsQuery(m_spec.schema()), action); !ok)
        return ok.error();
    if (!m_dialect.isSqlite())
        exists.addBindValue(m_spec.schema());
    exists.addBindValue(table);
    if (const Status ok = execPrepared(exists, action); !ok)
        return ok.error();
    if (!exists.next())
        return std::optional<QList<Column>>();
    exists.finish();

    QSqlQuery columns(m_db);
    columns.setForwardOnly(true);
    if (const Status ok = prepareSql(columns, m_dialect.tableColumnsQuery(m_spec.schema()), action); !ok)
        return ok.error();
    if (!m_dialect.isSqlite())
        columns.addBindValue(m_spec.schema());
    columns.addBindValue(table);
    if (const Status ok = execPrepared(columns, action); !ok)
        return ok.error();
    QList<Column> result;
    while (columns.next())
        result << Column{columns.value(0).toString(), m_dialect.columnType(columns.value(1).toString())};
    return std::optional<QList<Column>>(result);
}

Status Destination::createTable(const QString &table, const QList<Column> &columns)
{
    QString sql = u"CREATE TABLE "_s + qualified(table) + u" ("_s;
    for (qsizetype i = 0; i < columns.size(); ++i) {
        sql += (i ? u", "_s : QString()) + quoteIdentifier(columns[i].name) + u' ' +
               m_dialect.typeName(columns[i].type);
    }
    sql += u')';
    return execSql(m_db, sql, u"create table %1"_s.arg(qualified(table)));
}

Status Destination::addColumns(const QString &table, const QList<Column> &columns)
{
    for (const Column &column : columns) {
        const QString sql = u"ALTER TABLE %1 ADD COLUMN %2 %3"_s.arg(
            qualified(table), quoteIdentifier(column.name), m_dialect.typeName(column.type));
        if (const Status ok = execSql(m_db, sql, u"add column %1 to %2"_s.arg(column.name, qualified(table)));
            !ok)
            return ok;
    }
    return {};
}

Result<TablePlan> Destination::prepareTable(const QString &table, const QList<Column> &fileColumns,
                                            const QList<Column> &metadataColumns, MigrationPolicy policy)
{
    if (const Status ok = checkUsable(u"prepare table %1"_s.arg(table)); !ok)
        return ok.error();
    if (const Status ok = checkIdentifier(table, u"table"); !ok)
        return ok.error();

    ImplicitTransaction transaction(*this);
    if (const Status ok = transaction.begin(); !ok)
        return ok.error();
    const auto fail = [&transaction](const Error &error) -> Result<TablePlan> {
        return transaction.end(error).error();
    };

    const Result<std::optional<QList<Column>>> existing = tableColumns(table);
    if (!existing)
        return fail(existing.error());
    const Result<SchemaChanges> changes = planSchemaChanges(
        table, existing.value(), fileColumns, metadataColumns, policy, m_dialect.identifierCase());
    if (!changes)
        return fail(changes.error());

    Status applied;
    if (!changes->createColumns.isEmpty())
        applied = createTable(table, changes->createColumns);
    if (applied && !changes->createColumns.isEmpty())
        applied = describeNewColumns(table, changes->createColumns, true);
    if (applied && !changes->addColumns.isEmpty())
        applied = addColumns(table, changes->addColumns);
    if (applied && !changes->addColumns.isEmpty())
        applied = describeNewColumns(table, changes->addColumns, false);
    if (applied && !changes->widenColumns.isEmpty())
        applied = widenColumns(table, changes->widenColumns);
    if (const Status ended = transaction.end(applied); !ended)
        return ended.error();

    const TablePlan &plan = changes->plan;
    for (const QString &line : plan.describeChanges())
        qCDebug(lcStorage).noquote() << line;
    return plan;
}

Result<qint64> Destination::deleteRows(const QString &table, const RowFilter &filter)
{
    if (const Status ok = checkUsable(u"delete rows from %1"_s.arg(table)); !ok)
        return ok.error();
    if (filter.equals.isEmpty() && filter.inColumn.isEmpty()) {
        return makeError(
            u"storage.delete.unbounded"_s,
            u"Refusing to delete every row of %1: the delete has no condition."_s.arg(qualified(table)));
    }
    if (const Status ok = checkIdentifier(table, u"table"); !ok)
        return ok.error();
    for (const auto &[column, value] : filter.equals) {
        if (const Status ok = checkIdentifier(column, u"column"); !ok)
            return ok.error();
    }
    if (!filter.inColumn.isEmpty()) {
        if (const Status ok = checkIdentifier(filter.inColumn, u"column"); !ok)
            return ok.error();
        if (filter.inValues.isEmpty())
            return qint64(0);
    }

    QString where;
    QStringList equalValues;
    for (const auto &[column, value] : filter.equals) {
        where += (where.isEmpty() ? QString() : u" AND "_s) + quoteIdentifier(column) +
                 (value.isNull() ? u" IS NULL"_s : u" = ?"_s);
        if (!value.isNull())
            equalValues << value;
    }
    QList<QStringList> chunks;
    for (qsizetype at = 0; at < filter.inValues.size(); at += InChunk)
        chunks << filter.inValues.mid(at, InChunk);
    if (chunks.isEmpty())
        chunks << QStringList();

    const QString action = u"delete rows from %1"_s.arg(qualified(table));
    ImplicitTransaction transaction(*this);
    if (chunks.size() > 1) {
        if (const Status ok = transaction.begin(); !ok)
            return ok.error();
    }
    qint64 deleted = 0;
    Status outcome;
    for (const QStringList &chunk : std::as_const(chunks)) {
        QString sql = u"DELETE FROM "_s + qualified(table) + u" WHERE "_s + where;
        if (!filter.inColumn.isEmpty()) {
            QString marks = u"?"_s.repeated(chunk.size());
            for (qsizetype i = marks.size() - 1; i > 0; --i)
                marks.insert(i, u", "_s);
            sql += (where.isEmpty() ? QString() : u" AND "_s) + quoteIdentifier(filter.inColumn) +
                   u" IN ("_s + marks + u')';
        }
        QSqlQuery query(m_db);
        outcome = prepareSql(query, sql, action);
        if (!outcome)
            break;
        for (const QString &value : std::as_const(equalValues))
            query.addBindValue(value);
        for (const QString &value : chunk)
            query.addBindValue(value);
        outcome = execPrepared(query, action);
        if (!outcome)
            break;
        deleted += qMax(0, query.numRowsAffected());
    }
    if (const Status ended = transaction.end(outcome); !ended)
        return ended.error();
    return deleted;
}

Result<std::unique_ptr<RowSink>> Destination::openSink(const QString &table, const QList<Column> &columns)
{
    if (const Status ok = checkUsable(u"load rows into %1"_s.arg(table)); !ok)
        return ok.error();
    if (!m_inTransaction) {
        return makeError(u"storage.sink.noTransaction"_s,
                         u"Could not load rows into %1: a load must run inside a transaction (call begin() "
                         "first), so that it is kept or dropped as a whole."_s.arg(qualified(table)));
    }
    if (const Status ok = checkIdentifier(table, u"table"); !ok)
        return ok.error();
    if (columns.isEmpty()) {
        return makeError(u"storage.sink.noColumns"_s,
                         u"Could not load rows into %1: no columns were given."_s.arg(qualified(table)));
    }
    for (const Column &column : columns) {
        if (const Status ok = checkIdentifier(column.name, u"column"); !ok)
            return ok.error();
    }
    return createSink(m_lease, qualified(table), columns);
}

Status Destination::recordLoad(const LoadRecord &record)
{
    if (const Status ok = checkUsable(u"record a load"_s); !ok)
        return ok;
    return m_metadata->recordLoad(record);
}

Result<std::optional<LoadRecord>> Destination::findLoad(const QString &stream, const QString &unitKey)
{
    if (const Status ok = checkUsable(u"read a load record"_s); !ok)
        return ok.error();
    return m_metadata->findLoad(stream, unitKey);
}

Result<QList<LoadRecord>> Destination::loads(const QString &stream)
{
    if (const Status ok = checkUsable(u"read load records"_s); !ok)
        return ok.error();
    return m_metadata->loads(stream);
}

Result<QList<LoadRecord>> Destination::loadsUnder(const QString &streamPrefix)
{
    if (const Status ok = checkUsable(u"read load records"_s); !ok)
        return ok.error();
    return m_metadata->loadsUnder(streamPrefix);
}

Status Destination::forgetLoad(const QString &stream, const QString &unitKey)
{
    if (const Status ok = checkUsable(u"forget a load"_s); !ok)
        return ok;
    return m_metadata->forgetLoad(stream, unitKey);
}

Status Destination::startRun(const QString &runId, const QDateTime &startedAt)
{
    if (const Status ok = checkUsable(u"record a run"_s); !ok)
        return ok;
    return m_metadata->startRun(runId, startedAt);
}

Status Destination::finishRun(const QString &runId, const QDateTime &finishedAt, const QString &outcome,
                              const QJsonObject &summary)
{
    if (const Status ok = checkUsable(u"record a run"_s); !ok)
        return ok;
    return m_metadata->finishRun(runId, finishedAt, outcome, summary);
}

Result<QList<RunRecord>> Destination::recentRuns(int limit)
{
    if (const Status ok = checkUsable(u"read the sync history"_s); !ok)
        return ok.error();
    return m_metadata->recentRuns(limit);
}

Result<int> Destination::metadataVersion()
{
    if (const Status ok = checkUsable(u"read the metadata version"_s); !ok)
        return ok.error();
    return m_metadata->version();
}

Result<qint64> Destination::registerInstance(const InstanceRecord &record)
{
    if (const Status ok = checkUsable(u"record an analytics instance"_s); !ok)
        return ok.error();
    return m_instances->registerInstance(record);
}

Result<std::optional<InstanceRecord>> Destination::findInstance(const QString &instanceId)
{
    if (const Status ok = checkUsable(u"read an analytics instance"_s); !ok)
        return ok.error();
    return m_instances->find(instanceId);
}

Result<QList<InstanceRecord>> Destination::instances()
{
    if (const Status ok = checkUsable(u"read the analytics instances"_s); !ok)
        return ok.error();
    return m_instances->all();
}

Result<QList<HeldDay>> Destination::instanceDays()
{
    if (const Status ok = checkUsable(u"read the days of the analytics instances"_s); !ok)
        return ok.error();
    return m_instances->heldDays();
}

Result<QHash<QString, DayHolder>> Destination::dayHolders(const QString &appId, const QString &table,
                                                          qint64 exceptKey)
{
    if (const Status ok = checkUsable(u"read the days of %1"_s.arg(table)); !ok)
        return ok.error();
    return m_instances->dayHolders(appId, table, exceptKey);
}

Status Destination::setInstanceDays(qint64 key, const QHash<QString, qint64> &days)
{
    if (const Status ok = checkUsable(u"record the days of an analytics instance"_s); !ok)
        return ok;
    return m_instances->setDays(key, days);
}

Status Destination::dropInstanceDays(qint64 key, const QStringList &days)
{
    if (const Status ok = checkUsable(u"update the days of an analytics instance"_s); !ok)
        return ok;
    return m_instances->dropDays(key, days);
}

Status Destination::ensureIndex(const QString &table, const QStringList &columns)
{
    if (const Status ok = checkUsable(u"index %1"_s.arg(table)); !ok)
        return ok;
    if (const Status ok = checkIdentifier(table, u"table"); !ok)
        return ok;
    QStringList quoted;
    for (const QString &column : columns) {
        if (const Status ok = checkIdentifier(column, u"column"); !ok)
            return ok;
        quoted << quoteIdentifier(column);
    }
    // A stable name from the table and its columns: short enough for PostgreSQL's 63 bytes, and different
    // for every index ascsync makes.
    const QByteArray digest = QCryptographicHash::hash((table + u'(' + columns.join(u',') + u')').toUtf8(),
                                                       QCryptographicHash::Sha1);
    const QString name = quoteIdentifier(QString(u"ix_"_s + QString::fromLatin1(digest.toHex().left(16))));
    const QString sql =
        m_dialect.isSqlite()
            ? u"CREATE INDEX IF NOT EXISTS %1.%2 ON %3 (%4)"_s.arg(
                  quoteIdentifier(m_spec.schema()), name, quoteIdentifier(table), quoted.join(u", "_s))
            : u"CREATE INDEX IF NOT EXISTS %1 ON %2 (%3)"_s.arg(name, qualified(table), quoted.join(u", "_s));
    return execSql(m_db, sql, u"index %1"_s.arg(qualified(table)));
}

Result<QString> Destination::metaValue(const QString &key)
{
    if (const Status ok = checkUsable(u"read ascsync's metadata"_s); !ok)
        return ok.error();
    return m_metadata->metaValue(key);
}

Status Destination::setMetaValue(const QString &key, const QString &value)
{
    if (const Status ok = checkUsable(u"write ascsync's metadata"_s); !ok)
        return ok;
    if (m_readOnly)
        return makeError(u"storage.readOnly"_s,
                         u"%1 was opened to be looked at only."_s.arg(m_spec.describe()));
    return m_metadata->setMetaValue(key, value);
}

Result<qint64> Destination::execute(const QString &sql, const QVariantList &bindings)
{
    if (const Status ok = checkUsable(u"run a statement"_s); !ok)
        return ok.error();
    if (m_readOnly)
        return makeError(u"storage.readOnly"_s,
                         u"%1 was opened to be looked at only."_s.arg(m_spec.describe()));
    QSqlQuery query(m_db);
    const QString action = u"change %1"_s.arg(m_spec.describe());
    if (bindings.isEmpty()) {
        // Statements without values (DDL among them, which PostgreSQL cannot PREPARE) run as they are.
        if (!query.exec(sql))
            return sqlError(query.lastError(), action);
        return qint64(qMax(0, query.numRowsAffected()));
    }
    if (const Status ok = prepareSql(query, sql, action); !ok)
        return ok.error();
    for (const QVariant &value : bindings)
        query.addBindValue(value);
    if (const Status ok = execPrepared(query, action); !ok)
        return ok.error();
    return qint64(qMax(0, query.numRowsAffected()));
}

Result<qint64> Destination::query(const QString &sql, const ColumnsCallback &onColumns,
                                  const RowCallback &onRow)
{
    return query(sql, {}, onColumns, onRow);
}

Result<qint64> Destination::query(const QString &sql, const QVariantList &bindings,
                                  const ColumnsCallback &onColumns, const RowCallback &onRow)
{
    if (const Status ok = checkUsable(u"run the query"_s); !ok)
        return ok.error();
    QSqlQuery query(m_db);
    query.setForwardOnly(true); // streams: QPSQL fetches row by row, QSQLITE steps the statement
    configureQuery(query);
    if (bindings.isEmpty()) {
        if (!query.exec(sql))
            return sqlError(query.lastError(), u"run the query"_s);
    } else {
        if (const Status ok = prepareSql(query, sql, u"run the query"_s); !ok)
            return ok.error();
        for (const QVariant &value : bindings)
            query.addBindValue(value);
        if (const Status ok = execPrepared(query, u"run the query"_s); !ok)
            return ok.error();
    }
    if (!query.isSelect()) {
        if (onColumns)
            onColumns({});
        return qint64(qMax(0, query.numRowsAffected()));
    }
    const QSqlRecord record = query.record();
    QStringList names;
    names.reserve(record.count());
    for (int i = 0; i < record.count(); ++i)
        names << record.fieldName(i);
    if (onColumns)
        onColumns(names);

    QList<QString> row(record.count());
    qint64 rows = 0;
    while (query.next()) {
        for (int i = 0; i < row.size(); ++i)
            row[i] = valueText(query.value(i));
        ++rows;
        if (onRow && !onRow(row))
            break;
    }
    if (query.lastError().isValid())
        return sqlError(query.lastError(), u"read the query's result"_s);
    return rows;
}

} // namespace ascsync::storage
