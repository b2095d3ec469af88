#include "postgresrowsink.h"

#include "sqlidentifier.h"

#include <QHash>

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

namespace {

// The type each ColumnType is created with (SqlDialect::typeName), by its fixed OID (catalog/pg_type.dat).
constexpr unsigned TextOid = 25;
constexpr unsigned DateOid = 1082;
constexpr unsigned NumericOid = 1700;
constexpr unsigned BigintOid = 20;

unsigned createdTypeOid(ColumnType type)
{
    switch (type) {
    case ColumnType::Text:
        return TextOid;
    case ColumnType::Date:
        return DateOid;
    case ColumnType::Decimal:
        return NumericOid;
    case ColumnType::Integer:
        return BigintOid;
    }
    return 0;
}

// Binary when every column has the type ascsync creates for its ColumnType. A column someone changed (to
// integer, varchar, real ...) needs the server's conversion from text, so the whole load uses text then.
Result<PostgresRowSink::Format> chooseFormat(pg_conn *connection, const QString &qualifiedTable,
                                             const QList<Column> &columns)
{
    const QByteArray table = qualifiedTable.toUtf8();
    const char *parameters[] = {table.constData()};
    PGresult *result = PQexecParams(connection,
                                    "SELECT attname, atttypid::bigint FROM pg_catalog.pg_attribute "
                                    "WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped",
                                    1, nullptr, parameters, nullptr, nullptr, 0);
    if (PQresultStatus(result) != PGRES_TUPLES_OK) {
        const QString message =
            result ? postgresResultMessage(result) : QString::fromUtf8(PQerrorMessage(connection)).trimmed();
        PQclear(result);
        return makeError(u"storage.sink.copy"_s,
                         u"Could not read the column types of %1: %2"_s.arg(qualifiedTable, message));
    }
    QHash<QString, unsigned> typeOf;
    for (int row = 0; row < PQntuples(result); ++row)
        typeOf.insert(QString::fromUtf8(PQgetvalue(result, row, 0)),
                      QByteArray(PQgetvalue(result, row, 1)).toUInt());
    PQclear(result);
    for (const Column &column : columns) {
        if (typeOf.value(column.name) != createdTypeOid(column.type))
            return PostgresRowSink::Format::Text;
    }
    return PostgresRowSink::Format::Binary;
}

} // namespace

Result<std::unique_ptr<RowSink>> PostgresRowSink::open(pg_conn *connection, std::shared_ptr<Lease> lease,
                                                       const QString &qualifiedTable,
                                                       const QList<Column> &columns)
{
    const Result<Format> format = chooseFormat(connection, qualifiedTable, columns);
    if (!format)
        return format.error();
    QString sql = u"COPY "_s + qualifiedTable + u" ("_s;
    for (qsizetype i = 0; i < columns.size(); ++i)
        sql += (i ? u", "_s : QString()) + quoteIdentifier(columns[i].name);
    sql += *format == Format::Binary ? u") FROM STDIN WITH (FORMAT binary)"_s : u") FROM STDIN"_s;

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
        new PostgresRowSink(std::move(lease), connection, qualifiedTable, columns, *format));
}

PostgresRowSink::PostgresRowSink(std::shared_ptr<Lease> lease, pg_conn *connection, QString table,
                                 QList<Column> columns, Format format)
    : RowSink(std::move(lease))
    , m_connection(connection)
    , m_table(std::move(table))
    , m_columns(std::move(columns))
    , m_copying(true)
{
    m_buffer.reserve(BatchBytes + 64 * 1024);
    if (format == Format::Binary) {
        QList<ColumnType> types;
        for (const Column &column : std::as_const(m_columns))
            types.append(column.type);
        m_binary.emplace(types);
        m_buffer.append(CopyBinaryEncoder::header());
    }
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
    if (values.size() != m_columns.size()) {
        return fail(
            makeError(u"storage.sink.width"_s,
                      u"Could not load row %1 into %2: it has %3 values for %4 columns."_s.arg(m_rows + 1)
                          .arg(m_table)
                          .arg(values.size())
                          .arg(m_columns.size())));
    }
    if (!m_binary) {
        CopyEncoder::appendRow(values, m_buffer);
    } else if (const std::optional<qsizetype> refused = m_binary->appendRow(values, m_buffer)) {
        return fail(valueError(m_rows + 1, m_table, m_columns[*refused], values[*refused]));
    }
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
    if (m_binary)
        m_buffer.append(CopyBinaryEncoder::trailer());
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
