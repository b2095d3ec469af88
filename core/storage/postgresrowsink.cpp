#include "postgresrowsink.h"

#include "sqlidentifier.h"

#include <libpq-fe.h>

using namespace Qt::StringLiterals;

namespace ascsync::storage {

QString postgresResultMessage(const pg_result *result)
{
    const auto field = [result](int code) {
        return QString::fromUtf8(PQresultErrorField(result, code)).trimmed();
    };
    QString message = field(PG_DIAG_MESSAGE_PRIMARY);
    if (message.isEmpty())
        message = QString::fromUtf8(PQresultErrorMessage(result)).trimmed();
    if (const QString detail = field(PG_DIAG_MESSAGE_DETAIL); !detail.isEmpty())
        message += u". "_s + detail;
    if (const QString context = field(PG_DIAG_CONTEXT); !context.isEmpty())
        message += u" (at "_s + context + u')';
    return message;
}

Result<std::unique_ptr<RowSink>> PostgresRowSink::open(pg_conn *connection, std::shared_ptr<Lease> lease,
                                                       const QString &qualifiedTable,
                                                       const QList<Column> &columns)
{
    QString sql = u"COPY "_s + qualifiedTable + u" ("_s;
    for (qsizetype i = 0; i < columns.size(); ++i)
        sql += (i ? u", "_s : QString()) + quoteIdentifier(columns[i].name);
    sql += u") FROM STDIN"_s;

    PGresult *result = PQexec(connection, sql.toUtf8().constData());
    const ExecStatusType status = PQresultStatus(result);
    if (status != PGRES_COPY_IN) {
        const QString message =
            result ? postgresResultMessage(result) : QString::fromUtf8(PQerrorMessage(connection)).trimmed();
        PQclear(result);
        while (PGresult *more = PQgetResult(connection))
            PQclear(more);
        return makeError(u"storage.sink.copy"_s,
                         u"Could not start loading rows into %1: %2"_s.arg(qualifiedTable, message));
    }
    PQclear(result);
    return std::unique_ptr<RowSink>(
        new PostgresRowSink(std::move(lease), connection, qualifiedTable, columns.size()));
}

PostgresRowSink::PostgresRowSink(std::shared_ptr<Lease> lease, pg_conn *connection, QString table,
                                 qsizetype columnCount)
    : RowSink(std::move(lease))
    , m_connection(connection)
    , m_table(std::move(table))
    , m_columnCount(columnCount)
    , m_copying(true)
{
    m_buffer.reserve(BatchBytes + 64 * 1024);
}

PostgresRowSink::~PostgresRowSink()
{
    abandon();
}

void PostgresRowSink::endCopy(const char *failure)
{
    if (!m_copying)
        return;
    m_copying = false;
    PQputCopyEnd(m_connection, failure);
    while (PGresult *result = PQgetResult(m_connection))
        PQclear(result);
}

void PostgresRowSink::abandon()
{
    // Ending the COPY with an error message makes the server discard the rows and abort the transaction.
    endCopy("ascsync abandoned this load before it finished");
    releaseLease();
}

Error PostgresRowSink::connectionError(const QString &action) const
{
    return makeError(
        u"storage.sink.copy"_s,
        u"Could not %1: %2 (the connection to PostgreSQL may have been lost: check the server, then "
        "run the sync again)"_s.arg(action, QString::fromUtf8(PQerrorMessage(m_connection)).trimmed()));
}

Status PostgresRowSink::fail(Error error)
{
    m_error = error;
    abandon();
    return error;
}

Status PostgresRowSink::flush()
{
    if (m_buffer.isEmpty())
        return {};
    if (PQputCopyData(m_connection, m_buffer.constData(), int(m_buffer.size())) != 1)
        return connectionError(u"send rows to %1"_s.arg(m_table));
    m_buffer.resize(0); // keeps the capacity for the next batch
    return {};
}

Status PostgresRowSink::appendUtf8(const QList<QByteArrayView> &values)
{
    if (m_error)
        return *m_error;
    if (!m_copying) {
        return makeError(u"storage.sink.closed"_s,
                         u"Rows were sent to %1 after its load had finished."_s.arg(m_table));
    }
    if (values.size() != m_columnCount) {
        return fail(
            makeError(u"storage.sink.width"_s,
                      u"Could not load row %1 into %2: it has %3 values for %4 columns."_s.arg(m_rows + 1)
                          .arg(m_table)
                          .arg(values.size())
                          .arg(m_columnCount)));
    }
    CopyEncoder::appendRow(values, m_buffer);
    ++m_rows;
    if (m_buffer.size() >= BatchBytes) {
        if (const Status ok = flush(); !ok)
            return fail(ok.error());
    }
    return {};
}

Result<qint64> PostgresRowSink::finish()
{
    if (m_error)
        return *m_error;
    if (!m_copying)
        return m_rows;
    if (const Status ok = flush(); !ok)
        return fail(ok.error()).error();

    m_copying = false;
    if (PQputCopyEnd(m_connection, nullptr) != 1) {
        const Error error = connectionError(u"finish loading rows into %1"_s.arg(m_table));
        while (PGresult *result = PQgetResult(m_connection))
            PQclear(result);
        return fail(error).error();
    }
    std::optional<Error> error;
    qint64 written = m_rows;
    if (PGresult *result = PQgetResult(m_connection)) {
        if (PQresultStatus(result) == PGRES_COMMAND_OK) {
            written = QByteArray(PQcmdTuples(result)).toLongLong();
        } else {
            error =
                makeError(u"storage.sink.copy"_s,
                          u"Could not load rows into %1: %2"_s.arg(m_table, postgresResultMessage(result)));
        }
        PQclear(result);
    } else {
        error = connectionError(u"finish loading rows into %1"_s.arg(m_table));
    }
    while (PGresult *result = PQgetResult(m_connection))
        PQclear(result);
    if (error)
        return fail(*error).error();
    releaseLease();
    return written;
}

} // namespace ascsync::storage
