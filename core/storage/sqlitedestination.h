#pragma once

#include "destination.h"

namespace ascsync::storage {

// A SQLite file. The connection's main database is ":memory:" and the file is ATTACHed under the schema name,
// so every table is "schema"."table" as on PostgreSQL. The file uses a write-ahead log (readers never block
// the writer, a killed writer leaves the last commit intact) and waits up to BusyTimeoutMs for other writers.
// Transactions start with BEGIN IMMEDIATE, taking the write lock up front instead of failing half-way.
class SqliteDestination final : public Destination {
public:
    static constexpr int BusyTimeoutMs = 10000;

    static Result<std::unique_ptr<SqliteDestination>> open(const DestinationSpec &spec,
                                                           const OpenOptions &options);
    ~SqliteDestination() override;

    Result<std::unique_ptr<SyncLock>> acquireSyncLock() override;

protected:
    Status beginTransaction() override;
    Status prepareSchema() override;
    Status widenColumns(const QString &table, const QList<Column> &widened) override;
    Result<std::unique_ptr<RowSink>> createSink(std::shared_ptr<RowSink::Lease> lease, const QString &table,
                                                const QList<Column> &columns) override;
    std::function<void()> makeStop() override;
    void configureQuery(QSqlQuery &query) const override;

private:
    explicit SqliteDestination(const DestinationSpec &spec);
    Status connect();
};

} // namespace ascsync::storage
