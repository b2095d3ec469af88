#include "sqldialect.h"

#include "sqlidentifier.h"

using namespace Qt::StringLiterals;

namespace ascsync::storage {

QString SqlDialect::typeName(ColumnType type) const
{
    switch (type) {
    case ColumnType::Text:
        return isSqlite() ? u"TEXT"_s : u"text"_s;
    case ColumnType::Date:
        return isSqlite() ? u"TEXT"_s : u"date"_s;
    case ColumnType::Decimal:
        return isSqlite() ? u"REAL"_s : u"numeric"_s;
    case ColumnType::Integer:
        return isSqlite() ? u"INTEGER"_s : u"bigint"_s;
    }
    return u"TEXT"_s;
}

ColumnType SqlDialect::columnType(QStringView declaredType) const
{
    const QString type = declaredType.trimmed().toString().toLower();
    if (isSqlite()) {
        // SQLite's affinity rules (https://sqlite.org/datatype3.html, 3.1), in their order. A column without
        // a declared type holds anything, like text.
        if (type.contains(u"int"_s))
            return ColumnType::Integer;
        if (type.contains(u"char"_s) || type.contains(u"clob"_s) || type.contains(u"text"_s) ||
            type.isEmpty() || type.contains(u"blob"_s))
            return ColumnType::Text;
        if (type.contains(u"date"_s) || type.contains(u"time"_s))
            return ColumnType::Date;
        return ColumnType::Decimal; // REAL, FLOAT, DOUBLE, NUMERIC, DECIMAL
    }
    if (type == u"date"_s)
        return ColumnType::Date;
    if (type == u"numeric"_s || type.startsWith(u"numeric("_s) || type == u"double precision"_s ||
        type == u"real"_s)
        return ColumnType::Decimal;
    if (type == u"bigint"_s || type == u"integer"_s || type == u"smallint"_s)
        return ColumnType::Integer;
    // text, varchar and anything else: values are sent as text and the server converts or refuses them.
    return ColumnType::Text;
}

QString SqlDialect::bigintType() const
{
    return isSqlite() ? u"INTEGER"_s : u"bigint"_s;
}

QString SqlDialect::timestampType() const
{
    return isSqlite() ? u"TEXT"_s : u"timestamptz"_s;
}

QString SqlDialect::timestampAsText(const QString &quotedColumn) const
{
    if (isSqlite())
        return quotedColumn;
    return u"to_char(%1 AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"_s.arg(quotedColumn);
}

Qt::CaseSensitivity SqlDialect::identifierCase() const
{
    return isSqlite() ? Qt::CaseInsensitive : Qt::CaseSensitive;
}

QString SqlDialect::tableExistsQuery(const QString &schema) const
{
    if (isSqlite()) {
        return u"SELECT 1 FROM %1.sqlite_master WHERE type = 'table' AND name = ? COLLATE NOCASE"_s.arg(
            quoteIdentifier(schema));
    }
    return u"SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = ? AND tablename = ?"_s;
}

QString SqlDialect::tableColumnsQuery(const QString &schema) const
{
    if (isSqlite()) {
        return u"SELECT name, type FROM pragma_table_info(?, '%1') ORDER BY cid"_s.arg(schema);
    }
    return u"SELECT column_name, data_type FROM information_schema.columns "
           "WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position"_s;
}

} // namespace ascsync::storage
