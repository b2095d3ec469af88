#include "sqliterowsink.h"

#include "sqlidentifier.h"

#include <sqlite3.h>

using namespace Qt::StringLiterals;

namespace ascsync::storage {

namespace {

// YYYY-MM-DD: the normalised form of a date. PostgreSQL checks dates itself; SQLite would store anything.
bool isIsoDate(QByteArrayView value)
{
    if (value.size() != 10 || value[4] != '-' || value[7] != '-')
        return false;
    for (const qsizetype i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (value[i] < '0' || value[i] > '9')
            return false;
    }
    return true;
}

QString hintForSqliteCode(int code)
{
    switch (code & 0xff) {
    case SQLITE_FULL:
        return u" (the disk is full: free some space and run the sync again)"_s;
    case SQLITE_READONLY:
        return u" (the SQLite file or its folder is read-only: make both writable)"_s;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return u" (another program is writing to the SQLite file: try again when it has finished)"_s;
    default:
        return QString();
    }
}

} // namespace

Result<std::unique_ptr<RowSink>> SqliteRowSink::open(sqlite3 *db, std::shared_ptr<Lease> lease,
                                                     const QString &qualifiedTable,
                                                     const QList<Column> &columns)
{
    QString sql = u"INSERT INTO "_s + qualifiedTable + u" ("_s;
    for (qsizetype i = 0; i < columns.size(); ++i)
        sql += (i ? u", "_s : QString()) + quoteIdentifier(columns[i].name);
    sql += u") VALUES ("_s;
    for (qsizetype i = 0; i < columns.size(); ++i)
        sql += i ? u", ?"_s : u"?"_s;
    sql += u')';

    sqlite3_stmt *statement = nullptr;
    const QByteArray utf8 = sql.toUtf8();
    const int rc = sqlite3_prepare_v3(db, utf8.constData(), int(utf8.size()), SQLITE_PREPARE_PERSISTENT,
                                      &statement, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(statement);
        return makeError(u"storage.sink.prepare"_s,
                         u"Could not start loading rows into %1: %2%3"_s.arg(
                             qualifiedTable, QString::fromUtf8(sqlite3_errmsg(db)), hintForSqliteCode(rc)));
    }
    return std::unique_ptr<RowSink>(
        new SqliteRowSink(std::move(lease), db, statement, qualifiedTable, columns));
}

SqliteRowSink::SqliteRowSink(std::shared_ptr<Lease> lease, sqlite3 *db, sqlite3_stmt *statement,
                             QString table, QList<Column> columns)
    : RowSink(std::move(lease))
    , m_db(db)
    , m_statement(statement)
    , m_table(std::move(table))
    , m_columns(std::move(columns))
{}

SqliteRowSink::~SqliteRowSink()
{
    abandon();
}

void SqliteRowSink::abandon()
{
    if (m_statement) {
        sqlite3_finalize(m_statement);
        m_statement = nullptr;
    }
    releaseLease();
}

Error SqliteRowSink::sqliteError(const QString &action) const
{
    return makeError(u"storage.sink.sqlite"_s,
                     u"Could not %1: %2%3"_s.arg(action, QString::fromUtf8(sqlite3_errmsg(m_db)),
                                                 hintForSqliteCode(sqlite3_errcode(m_db))));
}

Status SqliteRowSink::fail(Error error)
{
    m_error = error;
    abandon();
    return error;
}

Status SqliteRowSink::bindValue(int index, QByteArrayView value)
{
    const int parameter = index + 1;
    if (value.isNull())
        return sqlite3_bind_null(m_statement, parameter) == SQLITE_OK ? Status()
                                                                      : sqliteError(u"bind NULL"_s);

    const Column &column = m_columns[index];
    bool ok = true;
    int rc = SQLITE_OK;
    switch (column.type) {
    case ColumnType::Decimal: {
        const double number = value.toDouble(&ok);
        if (ok)
            rc = sqlite3_bind_double(m_statement, parameter, number);
        break;
    }
    case ColumnType::Integer: {
        const qlonglong number = value.toLongLong(&ok);
        if (ok)
            rc = sqlite3_bind_int64(m_statement, parameter, number);
        break;
    }
    case ColumnType::Date:
        ok = isIsoDate(value);
        [[fallthrough]];
    case ColumnType::Text:
        if (ok)
            rc = sqlite3_bind_text(m_statement, parameter, value.data(), int(value.size()), SQLITE_STATIC);
        break;
    }
    if (!ok)
        return valueError(m_rows + 1, m_table, column, value);
    if (rc != SQLITE_OK)
        return sqliteError(u"bind the value of column %1 in row %2"_s.arg(column.name).arg(m_rows + 1));
    return {};
}

Status SqliteRowSink::appendUtf8(const QList<QByteArrayView> &values)
{
    if (m_error)
        return *m_error;
    if (!m_statement) {
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
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (const Status ok = bindValue(int(i), values[i]); !ok)
            return fail(ok.error());
    }
    const int rc = sqlite3_step(m_statement);
    if (rc != SQLITE_DONE) {
        const Error error = sqliteError(u"load row %1 into %2"_s.arg(m_rows + 1).arg(m_table));
        sqlite3_reset(m_statement);
        return fail(error);
    }
    sqlite3_reset(m_statement);
    ++m_rows;
    return {};
}

Result<qint64> SqliteRowSink::finish()
{
    if (m_error)
        return *m_error;
    abandon();
    return m_rows;
}

} // namespace ascsync::storage
