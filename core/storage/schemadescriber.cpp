#include "schemadescriber.h"

#include "destination.h"
#include "sqlidentifier.h"

#include <QMap>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ascsync::storage {

namespace {

using reports::DictionaryColumn;
using reports::DictionaryTable;
using reports::TableKind;

// Destination::query runs plain SQL without bound values, so the few names these catalogue queries need
// (the schema, validated when the destination was opened, and table names read from the database itself)
// go in as standard SQL string literals.
QString literal(const QString &text)
{
    return u'\'' + QString(text).replace(u'\'', u"''"_s) + u'\'';
}

bool isTrue(const QString &value)
{
    return value == u"1"_s || value == u"true"_s || value == u"t"_s;
}

DictionaryColumn declaredColumn(const QList<QString> &values, qsizetype first)
{
    DictionaryColumn column;
    column.name = values.value(first);
    column.type = values.value(first + 1).toLower();
    column.primaryKey = isTrue(values.value(first + 2));
    column.unique = isTrue(values.value(first + 3));
    return column;
}

using TableColumns = QMap<QString, QList<DictionaryColumn>>; // sorted by table name

Result<TableColumns> readSqlite(Destination &destination)
{
    const QString schema = destination.schema();
    QStringList tables;
    const auto listed = destination.query(
        u"SELECT name FROM %1.sqlite_master WHERE type = 'table'"_s.arg(quoteIdentifier(schema)), {},
        [&tables](const QList<QString> &values) {
            tables << values.value(0);
            return true;
        });
    if (!listed)
        return listed.error();
    TableColumns result;
    for (const QString &table : std::as_const(tables)) {
        // A single-column UNIQUE constraint or unique index (not the primary key) marks the column unique.
        const QString sql =
            u"SELECT p.name, p.type, p.pk > 0, EXISTS (SELECT 1 FROM pragma_index_list(%1, %2) l "
            u"WHERE l.\"unique\" = 1 AND l.origin <> 'pk' "
            u"AND (SELECT count(*) FROM pragma_index_info(l.name, %2)) = 1 "
            u"AND (SELECT i.name FROM pragma_index_info(l.name, %2) i) = p.name) "
            u"FROM pragma_table_info(%1, %2) p ORDER BY p.cid"_s.arg(literal(table), literal(schema));
        QList<DictionaryColumn> &columns = result[table];
        const auto read = destination.query(sql, {}, [&columns](const QList<QString> &values) {
            columns << declaredColumn(values, 0);
            return true;
        });
        if (!read)
            return read.error();
    }
    return result;
}

Result<TableColumns> readPostgres(Destination &destination)
{
    const QString index =
        u"EXISTS (SELECT 1 FROM pg_catalog.pg_index x "
        u"JOIN pg_catalog.pg_class r ON r.oid = x.indrelid "
        u"JOIN pg_catalog.pg_namespace n ON n.oid = r.relnamespace "
        u"JOIN pg_catalog.pg_attribute a ON a.attrelid = r.oid AND a.attnum = ANY (x.indkey) "
        u"WHERE n.nspname = c.table_schema AND r.relname = c.table_name "
        u"AND a.attname = c.column_name AND %1)"_s;
    const QString sql =
        u"SELECT c.table_name, c.column_name, c.data_type, %1, %2 FROM information_schema.columns c "
        u"JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = "
        u"c.table_name "
        u"AND t.table_type = 'BASE TABLE' WHERE c.table_schema = %3 "
        u"ORDER BY c.table_name, c.ordinal_position"_s.arg(
            index.arg(u"x.indisprimary"_s),
            index.arg(u"x.indisunique AND NOT x.indisprimary AND x.indnatts = 1"_s),
            literal(destination.schema()));
    TableColumns result;
    const auto read = destination.query(sql, {}, [&result](const QList<QString> &values) {
        result[values.value(0)] << declaredColumn(values, 1);
        return true;
    });
    if (!read)
        return read.error();
    return result;
}

// What a table the catalogue does not know most likely is, from ascsync's own columns on it.
TableKind guessKind(const QString &name, const QList<DictionaryColumn> &columns)
{
    const auto has = [&columns](QStringView column) {
        return std::any_of(columns.begin(), columns.end(),
                           [column](const DictionaryColumn &c) { return c.name == column; });
    };
    if (name.startsWith(u"_ascsync_"_s))
        return TableKind::Bookkeeping;
    if (has(u"_instance"))
        return TableKind::Analytics;
    if (has(u"_frequency") && has(u"_report_date"))
        return TableKind::Sales;
    if (has(u"_fiscal_month"))
        return TableKind::Finance;
    return TableKind::Other;
}

DictionaryTable describeTable(const QString &name, const QList<DictionaryColumn> &declared)
{
    const std::optional<DictionaryTable> known = reports::catalogueTable(name);
    DictionaryTable table;
    table.name = name;
    if (known) {
        table.kind = known->kind;
        table.source = known->source;
        table.category = known->category;
        table.meaning = known->meaning;
    } else {
        table.kind = guessKind(name, declared);
        if (table.kind == TableKind::Analytics) {
            table.meaning = u"An analytics report that is not in ascsync's catalogue; its report name is in "
                            u"_ascsync_instances.report_name."_s;
        } else if (table.kind == TableKind::Other) {
            table.meaning = u"Not made by ascsync."_s;
        }
    }
    for (DictionaryColumn column : declared) {
        const DictionaryColumn *catalogued = known ? known->column(column.name) : nullptr;
        if (catalogued) {
            column.header = catalogued->header;
            column.references = catalogued->references;
        } else if (column.name == u"_instance"_s) {
            column.references = u"_ascsync_instances.instance_key"_s;
        }
        if (table.kind != TableKind::Other)
            column.meaning = reports::columnMeaning(name, column.name);
        table.columns << column;
    }
    return table;
}

} // namespace

Result<reports::DataDictionary> describeDestination(Destination &destination)
{
    const Result<TableColumns> read =
        destination.dialect().isSqlite() ? readSqlite(destination) : readPostgres(destination);
    if (!read) {
        return makeError(read.error().code,
                         u"Could not read the tables of %1: %2 Check that this database user may read the "
                         u"schema %3; describing it only reads the database's catalog."_s.arg(
                             destination.spec().describe(), read.errorMessage(), destination.schema()));
    }
    reports::DataDictionary dictionary;
    dictionary.schema = destination.schema();
    dictionary.fromDestination = true;
    dictionary.destination = destination.spec().describe();
    for (auto it = read->constBegin(); it != read->constEnd(); ++it)
        dictionary.tables << describeTable(it.key(), it.value());
    dictionary.relations = reports::relationsFor(dictionary.tables);
    return dictionary;
}

} // namespace ascsync::storage
