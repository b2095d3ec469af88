#pragma once

#include "column.h"
#include "destinationspec.h"
#include "instancerecord.h"
#include "interrupter.h"
#include "loadrecord.h"
#include "rowfilter.h"
#include "rowsink.h"
#include "runrecord.h"
#include "sqldialect.h"
#include "synclock.h"
#include "tableplan.h"

#include "core/common/clock.h"
#include "core/common/result.h"

#include <QSqlDatabase>
#include <QStringList>
#include <QVariantList>

#include <functional>
#include <memory>
#include <optional>

class QSqlQuery;
class QThread;

namespace ascsync::storage {

class InstanceRegistry;
class MetadataStore;

// Where the reports go: a SQLite file or a PostgreSQL database, with every table under one schema (on SQLite
// the file is ATTACHed under the schema name, so "schema"."table" -- and users' own SQL such as
// conversion-rate.sql -- work the same on both). A Destination owns its own named QtSql connection, opened in
// the calling thread; use it from that thread only. It is closed and removed when the Destination is
// destroyed.
//
// A load: begin(), prepareTable(), deleteRows() for what the new data replaces, openSink() + append() +
// finish(), recordLoad(), commit(). Everything between begin() and commit() is kept or dropped together, also
// when the process is killed.
// How Destination::open treats a destination written by an older ascsync.
struct OpenOptions {
    // true: bring it to the current metadata version and layout, in place (AnalyticsLayoutMigration), under
    // the sync lock. false: read it as it is (`ascsync migrate --dry-run`): nothing is created or changed,
    // and every write is refused.
    bool upgrade = true;
    // Lines that say how an upgrade goes (which table, how many rows); by default the storage log.
    std::function<void(const QString &line)> progress;
    // "Now" for what the destination stamps itself (load times, the lock holder, an upgrade): the sync's
    // clock.
    Clock clock = systemClock();
    // Lets another thread stop this destination's statements (the desktop app closing); none by default.
    std::shared_ptr<Interrupter> interrupter;
};

class Destination {
public:
    using ColumnsCallback = std::function<void(const QStringList &columns)>;
    // Called per result row, values as text (null QString = NULL); return false to stop early.
    using RowCallback = std::function<bool(const QList<QString> &values)>;

    // Opens (and creates when new) the destination, its schema and ascsync's metadata, migrating older
    // metadata. `password` is for PostgreSQL, from the keychain; empty leaves it to libpq (PGPASSWORD,
    // ~/.pgpass).
    static Result<std::unique_ptr<Destination>>
    open(const DestinationSpec &spec, const QString &password = {}, const OpenOptions &options = {});
    virtual ~Destination();
    Destination(const Destination &) = delete;
    Destination &operator=(const Destination &) = delete;

    const DestinationSpec &spec() const { return m_spec; }
    QString schema() const { return m_spec.schema(); }
    const SqlDialect &dialect() const { return m_dialect; }
    // "schema"."table", quoted.
    QString qualified(const QString &table) const;

    Status begin();
    Status commit();
    Status rollback();
    bool inTransaction() const { return m_inTransaction; }

    // The table's columns with their types, or std::nullopt when the table does not exist.
    Result<std::optional<QList<Column>>> tableColumns(const QString &table);

    // Creates the table when missing, and fits it to the file's columns according to `policy` (see
    // planSchemaChanges). Runs in the open transaction, or in one of its own: with MigrationPolicy::Fail, or
    // on any error, nothing is changed.
    Result<TablePlan> prepareTable(const QString &table, const QList<Column> &fileColumns,
                                   const QList<Column> &metadataColumns, MigrationPolicy policy);

    // Deletes the rows matching `filter`; gives how many. Large IN lists are split into several statements,
    // run in the open transaction or one of their own.
    Result<qint64> deleteRows(const QString &table, const RowFilter &filter);

    // Starts a bulk load of `columns` (TablePlan::loadColumns) into `table`; needs an open transaction. Until
    // the sink is finished or destroyed, the destination refuses other work.
    Result<std::unique_ptr<RowSink>> openSink(const QString &table, const QList<Column> &columns);

    // ascsync's bookkeeping (see MetadataStore); recordLoad belongs in the transaction of the rows it
    // describes.
    Status recordLoad(const LoadRecord &record);
    Result<std::optional<LoadRecord>> findLoad(const QString &stream, const QString &unitKey);
    Result<QList<LoadRecord>> loads(const QString &stream);
    Result<QList<LoadRecord>> loadsUnder(const QString &streamPrefix);
    Status forgetLoad(const QString &stream, const QString &unitKey);
    Status startRun(const QString &runId, const QDateTime &startedAt);
    Status finishRun(const QString &runId, const QDateTime &finishedAt, const QString &outcome,
                     const QJsonObject &summary);
    Result<QList<RunRecord>> recentRuns(int limit);
    Result<int> metadataVersion();

    // The analytics bookkeeping (InstanceRegistry): written in the transaction of the rows it describes.
    Result<qint64> registerInstance(const InstanceRecord &record);
    Result<std::optional<InstanceRecord>> findInstance(const QString &instanceId);
    Result<QList<InstanceRecord>> instances();
    Result<QList<HeldDay>> instanceDays();
    Result<QHash<QString, DayHolder>> dayHolders(const QString &appId, const QString &table,
                                                 qint64 exceptKey);
    Status setInstanceDays(qint64 key, const QHash<QString, qint64> &days);
    Status dropInstanceDays(qint64 key, const QStringList &days);

    // Creates an index on `columns` of `table` unless one of that name exists; the name derives from the
    // table and the columns, so asking twice is free.
    Status ensureIndex(const QString &table, const QStringList &columns);

    // Makes this process the only sync writing to the destination, until the lock is destroyed. A second sync
    // gets an error naming the holder; a lock left by a killed sync is taken over.
    virtual Result<std::unique_ptr<SyncLock>> acquireSyncLock() = 0;

    // Runs any SQL (for `ascsync query`) and streams the result: column names once, then row by row, so a
    // huge result never sits in memory. Gives the number of rows passed on (or affected, for statements
    // without a result).
    Result<qint64> query(const QString &sql, const ColumnsCallback &onColumns, const RowCallback &onRow);
    // The same with values bound to the statement's `?` placeholders.
    Result<qint64> query(const QString &sql, const QVariantList &bindings, const ColumnsCallback &onColumns,
                         const RowCallback &onRow);
    // One statement with bound values; gives the rows it affected.
    Result<qint64> execute(const QString &sql, const QVariantList &bindings = {});

    // A value of ascsync's _ascsync_meta table (null when absent); a null value removes the key.
    Result<QString> metaValue(const QString &key);
    Status setMetaValue(const QString &key, const QString &value);

protected:
    Destination(DestinationSpec spec, SqlDialect dialect);

    QSqlDatabase &database() { return m_db; }
    QString connectionName() const { return m_connectionName; }
    // Called by the subclass once database() is open: creates the schema and metadata in one transaction, and
    // upgrades a destination of an older ascsync (see OpenOptions).
    Status initialise(const OpenOptions &options);
    QDateTime now() const { return m_clock(); }

    virtual Status beginTransaction();
    // Inside initialise()'s transaction, before the metadata: make sure the schema exists.
    virtual Status prepareSchema() = 0;
    // Gives existing columns wider types (text wins), keeping every value.
    virtual Status widenColumns(const QString &table, const QList<Column> &widened) = 0;
    virtual Result<std::unique_ptr<RowSink>>
    createSink(std::shared_ptr<RowSink::Lease> lease, const QString &table, const QList<Column> &columns) = 0;
    // How another thread stops the statement this connection runs (Interrupter); called under its lock.
    virtual std::function<void()> makeStop() = 0;
    // Sets per-back-end reading options (numeric precision) on a query before it runs.
    virtual void configureQuery(QSqlQuery &query) const = 0;
    // Right after prepareTable created `table` (newTable) or added `columns` to it, in the same transaction:
    // a back-end that can store what they mean does so (PostgreSQL: COMMENT ON from the data dictionary).
    virtual Status describeNewColumns(const QString & /*table*/, const QList<Column> & /*columns*/,
                                      bool /*newTable*/)
    {
        return {};
    }

private:
    Status checkUsable(const QString &action) const;
    Status upgradeLayout(const OpenOptions &options);
    Status createTable(const QString &table, const QList<Column> &columns);
    Status addColumns(const QString &table, const QList<Column> &columns);

    DestinationSpec m_spec;
    Clock m_clock = systemClock();
    SqlDialect m_dialect;
    QString m_connectionName;
    QSqlDatabase m_db;
    std::unique_ptr<MetadataStore> m_metadata;
    std::unique_ptr<InstanceRegistry> m_instances;
    std::shared_ptr<RowSink::Lease> m_lease;
    QThread *m_thread = nullptr;
    bool m_inTransaction = false;
    bool m_readOnly = false; // opened with OpenOptions::upgrade false
    std::shared_ptr<Interrupter> m_interrupter;
    quint64 m_interruptId = 0;
};

} // namespace ascsync::storage
