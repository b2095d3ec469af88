#include "metadatastore.h"

#include "instanceregistry.h"
#include "sqlexec.h"
#include "sqlidentifier.h"
#include "storagelog.h"

#include "ascsync/version.h"

#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace ascsync::storage {

namespace {

QString timestampText(const QDateTime &when)
{
    if (!when.isValid())
        return QString();
    return when.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime timestampFrom(const QVariant &value)
{
    if (value.isNull())
        return QDateTime();
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs).toUTC();
}

QString jsonText(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject jsonFrom(const QVariant &value)
{
    if (value.isNull())
        return QJsonObject();
    return QJsonDocument::fromJson(value.toString().toUtf8()).object();
}

} // namespace

QString MetadataStore::metaTable()
{
    return u"_ascsync_meta"_s;
}

QString MetadataStore::loadsTable()
{
    return u"_ascsync_loads"_s;
}

QString MetadataStore::runsTable()
{
    return u"_ascsync_runs"_s;
}

QString MetadataStore::lockTable()
{
    return u"_ascsync_lock"_s;
}

MetadataStore::MetadataStore(QSqlDatabase &db, QString schema, SqlDialect dialect, Clock clock)
    : m_db(db)
    , m_schema(std::move(schema))
    , m_dialect(dialect)
    , m_clock(std::move(clock))
{}

QString MetadataStore::table(const QString &name) const
{
    return qualifiedName(m_schema, name);
}

QStringList MetadataStore::migrationTo(int version) const
{
    const QString ts = m_dialect.timestampType();
    const QString bigint = m_dialect.bigintType();
    if (version == 1) {
        return {
            u"CREATE TABLE %1 (key TEXT PRIMARY KEY, value TEXT NOT NULL)"_s.arg(table(metaTable())),
            u"CREATE TABLE %1 (stream TEXT NOT NULL, unit_key TEXT NOT NULL, checksum TEXT, row_count %2 NOT "
            u"NULL, "
            "loaded_at %3 NOT NULL, PRIMARY KEY (stream, unit_key))"_s.arg(table(loadsTable()), bigint, ts),
        };
    }
    if (version == 2) {
        QStringList statements = {
            u"ALTER TABLE %1 ADD COLUMN source TEXT"_s.arg(table(loadsTable())),
            u"ALTER TABLE %1 ADD COLUMN details TEXT"_s.arg(table(loadsTable())),
            u"CREATE TABLE %1 (run_id TEXT PRIMARY KEY, started_at %2 NOT NULL, finished_at %2, outcome "
            u"TEXT, "
            "summary TEXT)"_s.arg(table(runsTable()), ts),
        };
        if (!m_dialect.isSqlite()) {
            statements << u"CREATE TABLE %1 (id integer PRIMARY KEY CHECK (id = 1), host text NOT NULL, "
                          "pid bigint NOT NULL, since timestamptz NOT NULL)"_s.arg(table(lockTable()));
        }
        return statements;
    }
    if (version == 3)
        return InstanceRegistry::createStatements(m_schema, m_dialect);
    return {};
}

Result<QString> MetadataStore::metaValue(const QString &key) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    const QString action = u"read %1 from ascsync's metadata"_s.arg(key);
    if (const Status ok =
            prepareSql(query, u"SELECT value FROM %1 WHERE key = ?"_s.arg(table(metaTable())), action);
        !ok)
        return ok.error();
    query.addBindValue(key);
    if (const Status ok = execPrepared(query, action); !ok)
        return ok.error();
    return query.next() ? query.value(0).toString() : QString();
}

Status MetadataStore::setMetaValue(const QString &key, const QString &value)
{
    QSqlQuery query(m_db);
    const QString action = u"record %1 in ascsync's metadata"_s.arg(key);
    const QString sql =
        value.isNull() ? u"DELETE FROM %1 WHERE key = ?"_s.arg(table(metaTable()))
                       : u"INSERT INTO %1 (key, value) VALUES (?, ?) "
                         "ON CONFLICT (key) DO UPDATE SET value = excluded.value"_s.arg(table(metaTable()));
    if (const Status ok = prepareSql(query, sql, action); !ok)
        return ok;
    query.addBindValue(key);
    if (!value.isNull())
        query.addBindValue(value);
    return execPrepared(query, action);
}

Result<int> MetadataStore::version() const
{
    QSqlQuery exists(m_db);
    if (const Status ok =
            prepareSql(exists, m_dialect.tableExistsQuery(m_schema), u"look for ascsync's metadata"_s);
        !ok)
        return ok.error();
    if (!m_dialect.isSqlite())
        exists.addBindValue(m_schema);
    exists.addBindValue(metaTable());
    if (const Status ok = execPrepared(exists, u"look for ascsync's metadata"_s); !ok)
        return ok.error();
    if (!exists.next())
        return 0;

    QSqlQuery query(m_db);
    if (!query.exec(u"SELECT value FROM %1 WHERE key = 'schema_version'"_s.arg(table(metaTable()))))
        return sqlError(query.lastError(), u"read the metadata version"_s);
    bool ok = false;
    const int found = query.next() ? query.value(0).toString().toInt(&ok) : 0;
    if (!ok || found <= 0) {
        return makeError(
            u"storage.meta.damaged"_s,
            u"The table %1 exists but holds no valid schema_version: the destination's metadata is "
            "damaged. Restore it from a backup, or use a new schema or file."_s.arg(table(metaTable())));
    }
    return found;
}

Status MetadataStore::ensureCurrent()
{
    const Result<int> current = version();
    if (!current)
        return current.error();
    int at = current.value();
    if (at > CurrentVersion) {
        return makeError(
            u"storage.meta.newer"_s,
            u"This destination was written by a newer ascsync (metadata version %1; this ascsync "
            "knows up to %2): upgrade ascsync before syncing into it."_s.arg(at)
                .arg(CurrentVersion));
    }
    if (at == CurrentVersion)
        return {};

    const int from = at;
    while (at < CurrentVersion) {
        ++at;
        for (const QString &statement : migrationTo(at)) {
            if (const Status ok =
                    execSql(m_db, statement, u"upgrade ascsync's metadata to version %1"_s.arg(at));
                !ok)
                return ok;
        }
    }
    const QString now = timestampText(m_clock());
    QList<std::pair<QString, QString>> values = {
        {u"schema_version"_s, QString::number(CurrentVersion)},
        {from == 0 ? u"created_at"_s : u"migrated_at"_s, now},
        {from == 0 ? u"created_by"_s : u"migrated_by"_s, u"ascsync " ASCSYNC_VERSION ""_s},
    };
    // The version is raised first, so an older ascsync refuses the destination from now on, and the
    // analytics tables are moved afterwards, one transaction each (AnalyticsLayoutMigration).
    if (from > 0 && from < 3)
        values.append({QString(PendingMigrationKey), u"analytics-layout-v3"_s});
    for (const auto &[key, value] : values) {
        if (const Status ok = setMetaValue(key, value); !ok)
            return ok;
    }
    if (from == 0)
        qCDebug(lcStorage) << "created ascsync metadata version" << CurrentVersion << "in schema" << m_schema;
    else
        qCInfo(lcStorage) << "migrated ascsync metadata in schema" << m_schema << "from version" << from
                          << "to" << CurrentVersion;
    return {};
}

Status MetadataStore::recordLoad(const LoadRecord &record)
{
    QSqlQuery query(m_db);
    const QString action = u"record the load of %1 %2"_s.arg(record.stream, record.unitKey);
    const QString sql =
        u"INSERT INTO %1 (stream, unit_key, checksum, row_count, source, loaded_at, details) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (stream, unit_key) DO UPDATE SET checksum = "
        "excluded.checksum, "
        "row_count = excluded.row_count, source = excluded.source, loaded_at = excluded.loaded_at, "
        "details = excluded.details"_s.arg(table(loadsTable()));
    if (const Status ok = prepareSql(query, sql, action); !ok)
        return ok;
    query.addBindValue(record.stream);
    query.addBindValue(record.unitKey);
    query.addBindValue(record.checksum);
    query.addBindValue(record.rowCount);
    query.addBindValue(record.source);
    query.addBindValue(timestampText(record.loadedAt.isValid() ? record.loadedAt : m_clock()));
    query.addBindValue(jsonText(record.details));
    return execPrepared(query, action);
}

Result<std::optional<LoadRecord>> MetadataStore::findLoad(const QString &stream, const QString &unitKey) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    const QString action = u"read the load record of %1 %2"_s.arg(stream, unitKey);
    const QString sql = u"SELECT stream, unit_key, checksum, row_count, source, %2, details FROM %1 "
                        "WHERE stream = ? AND unit_key = ?"_s.arg(table(loadsTable()),
                                                                  m_dialect.timestampAsText(u"loaded_at"_s));
    if (const Status ok = prepareSql(query, sql, action); !ok)
        return ok.error();
    query.addBindValue(stream);
    query.addBindValue(unitKey);
    if (const Status ok = execPrepared(query, action); !ok)
        return ok.error();
    if (!query.next())
        return std::optional<LoadRecord>();
    return std::optional<LoadRecord>(LoadRecord{query.value(0).toString(), query.value(1).toString(),
                                                query.value(2).toString(), query.value(3).toLongLong(),
                                                query.value(4).toString(), timestampFrom(query.value(5)),
                                                jsonFrom(query.value(6))});
}

Result<QList<LoadRecord>> MetadataStore::loads(const QString &stream) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    const QString action = u"read the load records of %1"_s.arg(stream);
    const QString sql = u"SELECT stream, unit_key, checksum, row_count, source, %2, details FROM %1 "
                        "WHERE stream = ? ORDER BY unit_key"_s.arg(table(loadsTable()),
                                                                   m_dialect.timestampAsText(u"loaded_at"_s));
    if (const Status ok = prepareSql(query, sql, action); !ok)
        return ok.error();
    query.addBindValue(stream);
    if (const Status ok = execPrepared(query, action); !ok)
        return ok.error();
    QList<LoadRecord> records;
    while (query.next()) {
        records << LoadRecord{query.value(0).toString(), query.value(1).toString(),
                              query.value(2).toString(), query.value(3).toLongLong(),
                              query.value(4).toString(), timestampFrom(query.value(5)),
                              jsonFrom(query.value(6))};
    }
    return records;
}

Result<QList<LoadRecord>> MetadataStore::loadsUnder(const QString &prefix) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    const QString action = u"read the load records under %1"_s.arg(prefix);
    const QString sql = u"SELECT stream, unit_key, checksum, row_count, source, %2, details FROM %1 "
                        "WHERE substr(stream, 1, ?) = ? ORDER BY stream, unit_key"_s.arg(
                            table(loadsTable()), m_dialect.timestampAsText(u"loaded_at"_s));
    if (const Status ok = prepareSql(query, sql, action); !ok)
        return ok.error();
    query.addBindValue(int(prefix.size()));
    query.addBindValue(prefix);
    if (const Status ok = execPrepared(query, action); !ok)
        return ok.error();
    QList<LoadRecord> records;
    while (query.next()) {
        records << LoadRecord{query.value(0).toString(), query.value(1).toString(),
                              query.value(2).toString(), query.value(3).toLongLong(),
                              query.value(4).toString(), timestampFrom(query.value(5)),
                              jsonFrom(query.value(6))};
    }
    return records;
}

Status MetadataStore::forgetLoad(const QString &stream, const QString &unitKey)
{
    QSqlQuery query(m_db);
    const QString action = u"forget the load of %1 %2"_s.arg(stream, unitKey);
    if (const Status ok = prepareSql(
            query, u"DELETE FROM %1 WHERE stream = ? AND unit_key = ?"_s.arg(table(loadsTable())), action);
        !ok)
        return ok;
    query.addBindValue(stream);
    query.addBindValue(unitKey);
    return execPrepared(query, action);
}

Status MetadataStore::startRun(const QString &runId, const QDateTime &startedAt)
{
    QSqlQuery query(m_db);
    const QString action = u"record the start of run %1"_s.arg(runId);
    if (const Status ok = prepareSql(
            query, u"INSERT INTO %1 (run_id, started_at) VALUES (?, ?)"_s.arg(table(runsTable())), action);
        !ok)
        return ok;
    query.addBindValue(runId);
    query.addBindValue(timestampText(startedAt));
    return execPrepared(query, action);
}

Status MetadataStore::finishRun(const QString &runId, const QDateTime &finishedAt, const QString &outcome,
                                const QJsonObject &summary)
{
    QSqlQuery query(m_db);
    const QString action = u"record the end of run %1"_s.arg(runId);
    if (const Status ok =
            prepareSql(query,
                       u"UPDATE %1 SET finished_at = ?, outcome = ?, summary = ? WHERE run_id = ?"_s.arg(
                           table(runsTable())),
                       action);
        !ok)
        return ok;
    query.addBindValue(timestampText(finishedAt));
    query.addBindValue(outcome);
    query.addBindValue(jsonText(summary));
    query.addBindValue(runId);
    if (const Status ok = execPrepared(query, action); !ok)
        return ok;
    if (query.numRowsAffected() != 1) {
        return makeError(u"storage.runs.unknown"_s,
                         u"Could not %1: no run with that id was started in this destination."_s.arg(action));
    }
    return {};
}

Result<QList<RunRecord>> MetadataStore::recentRuns(int limit) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    const QString action = u"read the sync history"_s;
    const QString sql =
        u"SELECT run_id, %2, %3, outcome, summary FROM %1 ORDER BY started_at DESC, run_id DESC "
        "LIMIT %4"_s
            .arg(table(runsTable()), m_dialect.timestampAsText(u"started_at"_s),
                 m_dialect.timestampAsText(u"finished_at"_s))
            .arg(qMax(0, limit));
    if (!query.exec(sql))
        return sqlError(query.lastError(), action);
    QList<RunRecord> runs;
    while (query.next()) {
        runs << RunRecord{query.value(0).toString(), timestampFrom(query.value(1)),
                          timestampFrom(query.value(2)), query.value(3).toString(), jsonFrom(query.value(4))};
    }
    return runs;
}

} // namespace ascsync::storage
