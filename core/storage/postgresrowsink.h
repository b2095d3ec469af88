#pragma once

#include "column.h"
#include "copybinaryencoder.h"
#include "copyencoder.h"
#include "rowsink.h"

#include <optional>

struct pg_conn;
struct pg_result;

namespace ascsync::storage {

// PostgreSQL bulk load: `COPY "schema"."table" (columns) FROM STDIN` on the connection's native PGconn, rows
// encoded into a buffer sent with PQputCopyData in batches. When every column has the type ascsync creates
// for it, the binary format (CopyBinaryEncoder: the server parses nothing, which saves it about a seventh
// of its time), else the text format (CopyEncoder: the server converts the text to whatever type a column was
// given). A value the binary form cannot hold fails the load here; in the text format the server checks the
// values and its error, with the failing line, comes back from finish(). Either way the transaction is then
// aborted: roll it back.
class PostgresRowSink final : public RowSink {
public:
    static constexpr qsizetype BatchBytes = 256 * 1024;
    enum class Format { Text, Binary };

    static Result<std::unique_ptr<RowSink>> open(pg_conn *connection, std::shared_ptr<Lease> lease,
                                                 const QString &qualifiedTable, const QList<Column> &columns);
    ~PostgresRowSink() override;

    Status appendUtf8(const QList<QByteArrayView> &values) override;
    Result<qint64> finish() override;
    void abandon() override;

    Format format() const { return m_binary ? Format::Binary : Format::Text; }

private:
    PostgresRowSink(std::shared_ptr<Lease> lease, pg_conn *connection, QString table, QList<Column> columns,
                    Format format);
    Status flush();
    Status fail(Error error);
    void endCopy(const char *failure);
    Error connectionError(const QString &action) const;

    pg_conn *m_connection = nullptr;
    QString m_table;
    QList<Column> m_columns;
    std::optional<CopyBinaryEncoder> m_binary;
    QByteArray m_buffer;
    qint64 m_rows = 0;
    bool m_copying = false;
    std::optional<Error> m_error;
};

// The server's error in a result, as one sentence: primary message, detail and where it happened (for COPY:
// "COPY downloads, line 3, column counts: ...").
QString postgresResultMessage(const pg_result *result);

} // namespace ascsync::storage
