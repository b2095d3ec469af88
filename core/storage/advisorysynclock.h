#pragma once

#include "destinationspec.h"
#include "synclock.h"

#include "core/common/result.h"

#include <QSqlDatabase>

#include <memory>

namespace ascsync::storage {

// The PostgreSQL sync lock: pg_try_advisory_lock on a session of its own, keyed by the schema (advisory locks
// are per database already). The server releases it when the session ends, so a killed sync's lock disappears
// as soon as the server notices the closed connection (TCP keepalives bound that to about two minutes when
// the client machine vanished). Who holds it is written to _ascsync_lock for the refusal message.
class AdvisorySyncLock final : public SyncLock {
public:
    static Result<std::unique_ptr<SyncLock>> acquire(const DestinationSpec &spec, const QString &password,
                                                     const QDateTime &now);
    ~AdvisorySyncLock() override;

    // The two int4 keys of pg_advisory_lock(int, int): a fixed ascsync class id and a stable hash of the
    // schema.
    static qint32 lockClassId();
    static qint32 lockObjectId(const QString &schema);

private:
    AdvisorySyncLock(QString connectionName, QSqlDatabase db, QString schema, SyncLockHolder holder,
                     std::optional<SyncLockHolder> previous);

    QString m_connectionName;
    QSqlDatabase m_db;
    QString m_schema;
};

} // namespace ascsync::storage
