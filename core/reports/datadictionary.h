#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace ascsync::reports {

// What a table holds: rows of an Apple report (analytics, Sales and Trends, finance) or ascsync's own
// bookkeeping (every name starting with `_ascsync_`); Other is a table of a destination that ascsync did not
// make (someone's own table in the schema).
enum class TableKind { Analytics, Sales, Finance, Bookkeeping, Other };

// "analytics", "sales", "finance", "bookkeeping", "other".
QString tableKindName(TableKind kind);

// One column of the data dictionary. `type` is the logical type ("text", "date", "decimal", "integer",
// "timestamp", "json") for the catalogue, or the type the database declares when the dictionary describes a
// real destination.
struct DictionaryColumn {
    QString name;
    QString type;
    // Apple's header for the column, empty for ascsync's own columns.
    QString header;
    QString meaning;
    bool primaryKey = false;
    bool unique = false;
    // "table.column" this column points to, empty when it points nowhere.
    QString references;
};

struct DictionaryTable {
    QString name;
    TableKind kind = TableKind::Bookkeeping;
    // The Apple report (analytics name, `TYPE/SUBTYPE` for sales, finance type); empty for bookkeeping.
    QString source;
    // Apple's category of an analytics report (`COMMERCE` ...), empty otherwise.
    QString category;
    QString meaning;
    // Tables with the same columns that hold another granularity (`downloads_weekly`, `downloads_monthly`).
    QStringList siblings;
    // False when API-NOTES does not document the report's columns: the table then gets whatever columns
    // Apple's files bring, and the dictionary lists only ascsync's own.
    bool appleColumnsDocumented = true;
    QList<DictionaryColumn> columns;

    const DictionaryColumn *column(QStringView columnName) const;
};

// A many-to-one link: every row of `fromTable` points with `fromColumn` at one row of `toTable`. `external`
// marks a target that is not a table of the destination (the App Store Connect app itself).
struct DictionaryRelation {
    QString fromTable;
    QString fromColumn;
    QString toTable;
    QString toColumn;
    QString meaning;
    bool external = false;
};

// A described schema: its tables and how they relate. `fromDestination` tells whether the tables were read
// from a real destination (types are then the declared ones) or come from the catalogue.
struct DataDictionary {
    QString schema;
    bool fromDestination = false;
    QString destination; // the destination described, credentials never included
    QList<DictionaryTable> tables;
    QList<DictionaryRelation> relations;

    const DictionaryTable *table(QStringView tableName) const;
};

// Every table ascsync knows: the bookkeeping tables, one table per documented analytics report variant
// (Standard, Detailed; weekly and monthly tables as its siblings), one per Sales and Trends type/subtype and
// one per finance type, with columns, types (from columnTypeFor, the loader's own), keys and meanings.
DataDictionary catalogueDictionary(const QString &schema = QStringLiteral("apple_app_store"));

// The catalogue's entry for a table name, also for the `_weekly` / `_monthly` sibling of an analytics table
// (the entry is then renamed to it and its meaning says which granularity it holds).
std::optional<DictionaryTable> catalogueTable(QStringView table);

// What a column of `table` means: the catalogue's text for that table, else the common text for the column
// name, else empty. Used for PostgreSQL's COMMENT ON and for tables the catalogue does not know.
QString columnMeaning(QStringView table, QStringView column);

// What a table holds, empty when the catalogue does not know it.
QString tableMeaning(QStringView table);

// The relations of the given tables: analytics rows to `_ascsync_instances`, instance days to instances,
// instances to the App Store Connect app.
QList<DictionaryRelation> relationsFor(const QList<DictionaryTable> &tables);

} // namespace ascsync::reports
