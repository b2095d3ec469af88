#pragma once

#include "column.h"
#include "copyencoder.h"
#include "rowsink.h"

#include <optional>

struct pg_conn;
struct pg_result;

namespace ascsync::storage {

// PostgreSQL bulk load: `COPY "schema"."table" (columns) FROM STDIN` on the connection's native PGconn, rows
// encoded by CopyEncoder into a buffer sent with PQputCopyData in batches. The server checks the values; its
// error, with the failing line, comes back from finish() (the transaction is then aborted: roll it back).
class PostgresRowSink final : public RowSink {
public:
    static constexpr qsizetype BatchBytes = 256 * 1024;

    static Result<std::unique_ptr<RowSink>> open(pg_conn *connection, std::shared_ptr<Lease> lease,
                                                 const QString &qualifiedTable, const QList<Column> &columns);
    ~PostgresRowSink() override;

    Status appendUtf8(const QList<QByteArrayView> &values) override;
    Result<qint64> finish() override;
    void abandon() override;

private:
    PostgresRowSink(std::shared_ptr<Lease> lease, pg_conn *connection, QString table, qsizetype columnCount);
    Status flush();
    Status fail(Error error);
    void endCopy(const char *failure);
    Error connectionError(const QString &action) const;

    pg_conn *m_connection = nullptr;
    QString m_table;
    qsizetype m_columnCount = 0;
    QByteArray m_buffer;
    qint64 m_rows = 0;
    bool m_copying = false;
    std::optional<Error> m_error;
};

// The server's error in a result, as one sentence: primary message, detail and where it happened (for COPY:
// "COPY downloads, line 3, column counts: ...").
QString postgresResultMessage(const pg_result *result);

} // namespace ascsync::storage
