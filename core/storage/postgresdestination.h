#pragma once

#include "destination.h"

namespace ascsync::storage {

// A PostgreSQL database; the tables live in the spec's schema, created when missing. Bulk loads use COPY on
// the QPSQL connection's native PGconn. The password (from the keychain, or empty to let libpq read
// PGPASSWORD and ~/.pgpass) stays in memory only, for the sync lock's own session.
class PostgresDestination final : public Destination {
public:
    static Result<std::unique_ptr<PostgresDestination>>
    open(const DestinationSpec &spec, const QString &password, const OpenOptions &options);
    ~PostgresDestination() override;

    Result<std::unique_ptr<SyncLock>> acquireSyncLock() override;

protected:
    Status prepareSchema() override;
    Status widenColumns(const QString &table, const QList<Column> &widened) override;
    Result<std::unique_ptr<RowSink>> createSink(std::shared_ptr<RowSink::Lease> lease, const QString &table,
                                                const QList<Column> &columns) override;
    std::function<void()> makeStop() override;
    void configureQuery(QSqlQuery &query) const override;
    Status describeNewColumns(const QString &table, const QList<Column> &columns, bool newTable) override;

private:
    PostgresDestination(const DestinationSpec &spec, QString password);
    // Gives the tables the data dictionary knows that still have no comment their texts: ascsync's
    // bookkeeping (made by the metadata migrations, not prepareTable) and tables made by migrations or older
    // versions. Best effort: a failure is logged, never fatal.
    void describeUncommentedTables();

    QString m_password;
};

} // namespace ascsync::storage
