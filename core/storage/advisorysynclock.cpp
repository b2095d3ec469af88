#include "advisorysynclock.h"

#include "metadatastore.h"
#include "postgresconnection.h"
#include "sqlexec.h"
#include "sqlidentifier.h"
#include "storagelog.h"

#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace ascsync::storage {

namespace {

QString lockTableOf(const QString &schema)
{
    return qualifiedName(schema, MetadataStore::lockTable());
}

Result<std::optional<SyncLockHolder>> readHolder(const QSqlDatabase &db, const QString &schema)
{
    QSqlQuery query(db);
    const QString sql =
        u"SELECT host, pid, to_char(since AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') "
        "FROM %1 WHERE id = 1"_s.arg(lockTableOf(schema));
    if (!query.exec(sql))
        return sqlError(query.lastError(), u"read who holds the sync lock"_s);
    if (!query.next())
        return std::optional<SyncLockHolder>();
    return std::optional<SyncLockHolder>(
        SyncLockHolder{query.value(0).toString(), query.value(1).toLongLong(),
                       QDateTime::fromString(query.value(2).toString(), Qt::ISODateWithMs)});
}

// The server process (backend pid) of the session holding the lock, for pg_terminate_backend advice.
qint64 holderBackendPid(const QSqlDatabase &db, const QString &schema)
{
    QSqlQuery query(db);
    if (!query.prepare(
            u"SELECT pid FROM pg_catalog.pg_locks WHERE locktype = 'advisory' AND granted "
            "AND database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database()) "
            "AND classid::bigint = ? AND objid::bigint = ? AND objsubid = 2"_s))
        return 0;
    query.addBindValue(AdvisorySyncLock::lockClassId());
    query.addBindValue(AdvisorySyncLock::lockObjectId(schema));
    if (!query.exec() || !query.next())
        return 0;
    return query.value(0).toLongLong();
}

} // namespace

qint32 AdvisorySyncLock::lockClassId()
{
    return 0x61736373; // "ascs"
}

qint32 AdvisorySyncLock::lockObjectId(const QString &schema)
{
    // FNV-1a: stable across processes, Qt versions and machines (qHash is seeded per process).
    quint32 hash = 2166136261u;
    for (const char byte : schema.toUtf8()) {
        hash ^= quint8(byte);
        hash *= 16777619u;
    }
    return qint32(hash & 0x7fffffffu);
}

namespace {

struct TakenLock {
    SyncLockHolder holder;
    std::optional<SyncLockHolder> previous;
};

// Takes the lock on `db` and records this process as its holder. Every query lives and dies in here, so the
// caller can remove the connection right after a failure.
Result<TakenLock> takeLock(const QSqlDatabase &db, const DestinationSpec &spec, const QDateTime &now)
{
    // Server-side keepalives: the server ends the session of a client machine that vanished (and so releases
    // its lock) within about 30 + 3 * 10 seconds of silence, instead of the system default of hours.
    for (const QString &setting : {u"SET tcp_keepalives_idle TO 30"_s, u"SET tcp_keepalives_interval TO 10"_s,
                                   u"SET tcp_keepalives_count TO 3"_s}) {
        if (const Status ok = execSql(db, setting, u"set up the sync lock session"_s); !ok)
            qCDebug(lcStorage) << "keepalive setting refused:" << ok.errorMessage();
    }

    QSqlQuery tryLock(db);
    const QString action = u"take the sync lock"_s;
    if (const Status ok = prepareSql(tryLock, u"SELECT pg_try_advisory_lock(?, ?)"_s, action); !ok)
        return ok.error();
    tryLock.addBindValue(AdvisorySyncLock::lockClassId());
    tryLock.addBindValue(AdvisorySyncLock::lockObjectId(spec.schema()));
    if (const Status ok = execPrepared(tryLock, action); !ok)
        return ok.error();
    const bool locked = tryLock.next() && tryLock.value(0).toBool();
    tryLock.finish();

    const Result<std::optional<SyncLockHolder>> recorded = readHolder(db, spec.schema());
    if (!recorded)
        return recorded.error();

    if (!locked) {
        const qint64 backendPid = holderBackendPid(db, spec.schema());
        const QString who = recorded.value() ? recorded.value()->describe() : u"holder not recorded yet"_s;
        QString message =
            u"Another ascsync sync is already writing to %1, schema %2 (%3). Wait for it to finish; "
            "two syncs at once would load the same data twice."_s.arg(spec.describe(), spec.schema(), who);
        if (backendPid > 0) {
            message +=
                u" If that process no longer exists, the server ends its session (server process %1) "
                "within a few minutes, or end it now with SELECT pg_terminate_backend(%1)."_s.arg(backendPid);
        }
        return makeError(u"storage.lock.held"_s, message);
    }

    TakenLock taken{SyncLockHolder::current(now), recorded.value()};
    QSqlQuery record(db);
    const QString recordAction = u"record the sync lock holder"_s;
    const QString sql =
        u"INSERT INTO %1 (id, host, pid, since) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE "
        "SET host = excluded.host, pid = excluded.pid, since = excluded.since"_s.arg(
            lockTableOf(spec.schema()));
    if (const Status ok = prepareSql(record, sql, recordAction); !ok)
        return ok.error();
    record.addBindValue(taken.holder.host);
    record.addBindValue(taken.holder.pid);
    record.addBindValue(taken.holder.since.toString(Qt::ISODateWithMs));
    if (const Status ok = execPrepared(record, recordAction); !ok)
        return ok.error();
    return taken;
}

} // namespace

Result<std::unique_ptr<SyncLock>> AdvisorySyncLock::acquire(const DestinationSpec &spec,
                                                            const QString &password, const QDateTime &now)
{
    const QString connectionName = uniqueConnectionName(u"lock");
    // Every connection has client-side keepalives (openPostgresConnection): a lock holder whose server
    // vanished notices it too.
    QSqlDatabase db;
    {
        const Result<QSqlDatabase> opened = openPostgresConnection(spec, password, connectionName);
        if (!opened)
            return opened.error();
        db = opened.value();
    }
    Result<TakenLock> taken = takeLock(db, spec, now);
    if (!taken) {
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(connectionName);
        return taken.error();
    }
    if (taken->previous) {
        qCWarning(lcStorage).noquote()
            << "taking over the sync lock of schema" << spec.schema()
            << "left by a sync that ended without releasing it:" << taken->previous->describe();
    }
    return std::unique_ptr<SyncLock>(new AdvisorySyncLock(connectionName, db, spec.schema(),
                                                          std::move(taken.value().holder),
                                                          std::move(taken.value().previous)));
}

AdvisorySyncLock::AdvisorySyncLock(QString connectionName, QSqlDatabase db, QString schema,
                                   SyncLockHolder holder, std::optional<SyncLockHolder> previous)
    : SyncLock(std::move(holder), std::move(previous))
    , m_connectionName(std::move(connectionName))
    , m_db(std::move(db))
    , m_schema(std::move(schema))
{}

AdvisorySyncLock::~AdvisorySyncLock()
{
    // Forget the holder first, while still locked, so the next locker does not take a clean release for a
    // kill.
    {
        QSqlQuery query(m_db);
        if (!query.exec(u"DELETE FROM %1 WHERE id = 1"_s.arg(lockTableOf(m_schema))))
            qCWarning(lcStorage) << "could not clear the sync lock holder:" << query.lastError().text();
        if (!query.exec(
                u"SELECT pg_advisory_unlock(%1, %2)"_s.arg(lockClassId()).arg(lockObjectId(m_schema))))
            qCWarning(lcStorage) << "could not release the sync lock:" << query.lastError().text();
    }
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

} // namespace ascsync::storage
