#pragma once

#include "loadrecord.h"
#include "runrecord.h"
#include "sqldialect.h"

#include "core/common/clock.h"
#include "core/common/result.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace ascsync::storage {

// ascsync's bookkeeping inside the destination, under the schema:
//   _ascsync_meta  (key, value)        schema_version and when it was created or migrated
//   _ascsync_loads (stream, unit_key)  what was loaded, with checksums: written with the rows it describes
//   _ascsync_runs  (run_id)            sync history
//   _ascsync_lock  (PostgreSQL only)   who holds the sync lock (the advisory lock itself is the lock)
//   _ascsync_instances, _ascsync_instance_days   the analytics instances (InstanceRegistry)
// Version history: 1 = meta + loads(stream, unit_key, checksum, row_count, loaded_at);
//                  2 = loads gains source and details, runs and lock are added (ascsync 0.1.0);
//                  3 = analytics tables per granularity whose rows carry one `_instance` key into
//                      _ascsync_instances instead of six metadata columns (AnalyticsLayoutMigration moves the
//                      rows of older destinations, table by table, while `PendingMigrationKey` is set).
class MetadataStore {
public:
    static constexpr int CurrentVersion = 3;
    // Set in _ascsync_meta while a version-2 destination's analytics tables still have the old layout.
    static constexpr QLatin1StringView PendingMigrationKey{"pending_migration"};
    static QString metaTable();  // _ascsync_meta
    static QString loadsTable(); // _ascsync_loads
    static QString runsTable();  // _ascsync_runs
    static QString lockTable();  // _ascsync_lock

    // `db` must outlive the store (it is the owning Destination's connection).
    MetadataStore(QSqlDatabase &db, QString schema, SqlDialect dialect, Clock clock);

    // Creates the tables of a new destination, or migrates older ones to CurrentVersion. Runs inside the
    // caller's transaction, so a failed migration leaves the old layout intact. A destination written by a
    // newer ascsync is refused rather than misread.
    Status ensureCurrent();
    // 0 when the destination has no metadata yet.
    Result<int> version() const;
    // A value of _ascsync_meta (null when absent); setting a null value removes the key.
    Result<QString> metaValue(const QString &key) const;
    Status setMetaValue(const QString &key, const QString &value);

    // Inserts or replaces the record of (stream, unitKey).
    Status recordLoad(const LoadRecord &record);
    Result<std::optional<LoadRecord>> findLoad(const QString &stream, const QString &unitKey) const;
    Result<QList<LoadRecord>> loads(const QString &stream) const; // ordered by unit key
    // Every stream that starts with `prefix` (e.g. "analytics/"), ordered by stream and unit key.
    Result<QList<LoadRecord>> loadsUnder(const QString &prefix) const;
    Status forgetLoad(const QString &stream, const QString &unitKey);

    Status startRun(const QString &runId, const QDateTime &startedAt);
    Status finishRun(const QString &runId, const QDateTime &finishedAt, const QString &outcome,
                     const QJsonObject &summary);
    Result<QList<RunRecord>> recentRuns(int limit) const; // newest first

private:
    QStringList migrationTo(int version) const;
    QString table(const QString &name) const;

    QSqlDatabase &m_db;
    QString m_schema;
    SqlDialect m_dialect;
    Clock m_clock; // stamps a record that comes without a time
};

} // namespace ascsync::storage
