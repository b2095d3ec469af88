#pragma once

#include "column.h"
#include "rowsink.h"

#include <QByteArray>

#include <optional>

struct sqlite3;
struct sqlite3_stmt;

namespace ascsync::storage {

// SQLite bulk load: one prepared INSERT on the connection's native handle, bound and stepped per row inside
// the destination's transaction. Decimals are bound as doubles and integers as 64-bit integers (a value that
// does not parse is an error naming row and column, as PostgreSQL's COPY would give); text is encoded into
// UTF-8 bound in place (SQLITE_STATIC: the bytes only need to live until the row is stepped), so a row costs
// no allocation.
class SqliteRowSink final : public RowSink {
public:
    static Result<std::unique_ptr<RowSink>> open(sqlite3 *db, std::shared_ptr<Lease> lease,
                                                 const QString &qualifiedTable, const QList<Column> &columns);
    ~SqliteRowSink() override;

    Status appendUtf8(const QList<QByteArrayView> &values) override;
    Result<qint64> finish() override;
    void abandon() override;

private:
    SqliteRowSink(std::shared_ptr<Lease> lease, sqlite3 *db, sqlite3_stmt *statement, QString table,
                  QList<Column> columns);
    Status bindValue(int index, QByteArrayView value);
    Status fail(Error error);
    Error sqliteError(const QString &action) const;

    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_statement = nullptr;
    QString m_table;
    QList<Column> m_columns;
    qint64 m_rows = 0;
    std::optional<Error> m_error;
};

} // namespace ascsync::storage
