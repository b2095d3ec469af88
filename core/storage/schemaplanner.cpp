#include "schemaplanner.h"

#include "sqlidentifier.h"

using namespace Qt::StringLiterals;

namespace ascsync::storage {

namespace {

Status checkTableName(const QString &table)
{
    if (const Status ok = checkIdentifier(table, u"table"); !ok)
        return ok;
    if (table.startsWith(u"_ascsync"_s, Qt::CaseInsensitive) ||
        table.startsWith(u"sqlite_"_s, Qt::CaseInsensitive)) {
        return makeError(
            u"storage.identifier.reserved"_s,
            u"The table name \"%1\" is reserved for the database's or ascsync's own bookkeeping: "
            "choose another name."_s.arg(table));
    }
    return {};
}

qsizetype indexOfColumn(const QList<Column> &columns, const QString &name, Qt::CaseSensitivity cs)
{
    for (qsizetype i = 0; i < columns.size(); ++i) {
        if (columns[i].name.compare(name, cs) == 0)
            return i;
    }
    return -1;
}

// The wanted columns must have valid names, and distinct ones as the database compares them.
Status checkWantedColumns(const QString &table, const QList<Column> &wanted,
                          Qt::CaseSensitivity identifierCase)
{
    if (wanted.isEmpty()) {
        return makeError(u"storage.schema.noColumns"_s,
                         u"Table %1 cannot be prepared without any columns."_s.arg(table));
    }
    for (qsizetype i = 0; i < wanted.size(); ++i) {
        if (const Status ok = checkIdentifier(wanted[i].name, u"column"); !ok)
            return ok;
        if (indexOfColumn(wanted.first(i), wanted[i].name, identifierCase) >= 0) {
            return makeError(u"storage.schema.duplicateColumn"_s,
                             u"Two columns for table %1 are both named \"%2\"%3: each column needs its own "
                             "name."_s.arg(table, wanted[i].name,
                                           identifierCase == Qt::CaseInsensitive
                                               ? u" (SQLite does not tell upper from lower case)"_s
                                               : QString()));
        }
    }
    return {};
}

SchemaChanges planNewTable(const QString &table, const QList<Column> &wanted)
{
    SchemaChanges changes;
    changes.plan.table = table;
    changes.plan.created = true;
    changes.createColumns = wanted;
    changes.plan.loadColumns = wanted;
    for (qsizetype i = 0; i < wanted.size(); ++i)
        changes.plan.sourceIndexes << i;
    return changes;
}

// Wanted column `index` is not in the table: add it, skip it, or name it as a conflict, by `policy`.
void planMissingColumn(const Column &column, qsizetype index, MigrationPolicy policy, SchemaChanges &changes,
                       QStringList &conflicts)
{
    switch (policy) {
    case MigrationPolicy::Evolve:
        changes.addColumns << column;
        changes.plan.addedColumns << column;
        changes.plan.loadColumns << column;
        changes.plan.sourceIndexes << index;
        break;
    case MigrationPolicy::Ignore:
        changes.plan.ignoredColumns << IgnoredColumn{column, std::nullopt};
        break;
    case MigrationPolicy::Fail:
        conflicts << u"column \"%1\" (%2) is new"_s.arg(column.name, columnTypeName(column.type));
        break;
    }
}

// Wanted column `index` is in the table as `current`: load into it, widen it, skip it, or name a conflict.
void planExistingColumn(const Column &column, const Column &current, qsizetype index, MigrationPolicy policy,
                        SchemaChanges &changes, QStringList &conflicts)
{
    TablePlan &plan = changes.plan;
    if (columnHolds(current.type, column.type)) {
        plan.loadColumns << current; // keeps the table's spelling of the name
        plan.sourceIndexes << index;
        return;
    }
    switch (policy) {
    case MigrationPolicy::Evolve: {
        const Column widened{current.name, widerType(current.type, column.type)};
        changes.widenColumns << widened;
        plan.widenedColumns << WidenedColumn{current.name, current.type, widened.type};
        plan.loadColumns << widened;
        plan.sourceIndexes << index;
        break;
    }
    case MigrationPolicy::Ignore:
        plan.ignoredColumns << IgnoredColumn{column, current.type};
        break;
    case MigrationPolicy::Fail:
        conflicts << u"column \"%1\" is %2 in the table but %3 in the file"_s.arg(
            column.name, columnTypeName(current.type), columnTypeName(column.type));
        break;
    }
}

} // namespace

Result<SchemaChanges> planSchemaChanges(const QString &table,
                                        const std::optional<QList<Column>> &existingColumns,
                                        const QList<Column> &fileColumns,
                                        const QList<Column> &metadataColumns, MigrationPolicy policy,
                                        Qt::CaseSensitivity identifierCase)
{
    if (const Status ok = checkTableName(table); !ok)
        return ok.error();
    const QList<Column> wanted = fileColumns + metadataColumns;
    if (const Status ok = checkWantedColumns(table, wanted, identifierCase); !ok)
        return ok.error();
    if (!existingColumns)
        return planNewTable(table, wanted);

    SchemaChanges changes;
    changes.plan.table = table;
    const QList<Column> &existing = *existingColumns;
    QStringList conflicts; // for MigrationPolicy::Fail
    for (qsizetype i = 0; i < wanted.size(); ++i) {
        // ascsync's own metadata columns always evolve: the user's policy is about Apple's columns.
        const MigrationPolicy columnPolicy = i < fileColumns.size() ? policy : MigrationPolicy::Evolve;
        const qsizetype at = indexOfColumn(existing, wanted[i].name, identifierCase);
        if (at < 0)
            planMissingColumn(wanted[i], i, columnPolicy, changes, conflicts);
        else
            planExistingColumn(wanted[i], existing[at], i, columnPolicy, changes, conflicts);
    }
    if (!conflicts.isEmpty()) {
        return makeError(
            u"storage.schema.conflict"_s,
            u"The file does not fit table %1 and the migration policy is 'fail', so nothing was "
            "changed: %2. Choose the policy 'evolve' to add or widen these columns, or 'ignore' to "
            "load the file without them."_s.arg(table, conflicts.join(u"; "_s)));
    }
    if (changes.plan.loadColumns.isEmpty()) {
        return makeError(
            u"storage.schema.nothingToLoad"_s,
            u"None of the file's columns can be loaded into table %1 with the migration policy "
            "'ignore': choose 'evolve', or check that the file belongs to this table."_s.arg(table));
    }
    for (const Column &column : existing) {
        if (indexOfColumn(wanted, column.name, identifierCase) < 0)
            changes.plan.columnsMissingFromFile << column.name;
    }
    return changes;
}

} // namespace ascsync::storage
