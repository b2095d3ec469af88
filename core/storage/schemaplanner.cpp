#include "storage/schemaplanner.h"

#include "storage/sqlidentifier.h"

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
    if (wanted.isEmpty()) {
        return makeError(u"storage.schema.noColumns"_s,
                         u"Table %1 cannot be prepared without any columns."_s.arg(table));
    }
    for (qsizetype i = 0; i < wanted.size(); ++i) {
        if (const Status ok = checkIdentifier(wanted[i].name, u"column"); !ok)
            return ok.error();
        if (indexOfColumn(wanted.first(i), wanted[i].name, identifierCase) >= 0) {
            return makeError(u"storage.schema.duplicateColumn"_s,
                             u"Two columns for table %1 are both named \"%2\"%3: each column needs its own "
                             "name."_s.arg(table, wanted[i].name,
                                           identifierCase == Qt::CaseInsensitive
                                               ? u" (SQLite does not tell upper from lower case)"_s
                                               : QString()));
        }
    }

    SchemaChanges changes;
    TablePlan &plan = changes.plan;
    plan.table = table;

    if (!existingColumns) {
        plan.created = true;
        changes.createColumns = wanted;
        plan.loadColumns = wanted;
        for (qsizetype i = 0; i < wanted.size(); ++i)
            plan.sourceIndexes << i;
        return changes;
    }

    const QList<Column> &existing = *existingColumns;
    QStringList conflicts; // for MigrationPolicy::Fail
    for (qsizetype i = 0; i < wanted.size(); ++i) {
        const Column &column = wanted[i];
        const MigrationPolicy columnPolicy = i < fileColumns.size() ? policy : MigrationPolicy::Evolve;
        const qsizetype at = indexOfColumn(existing, column.name, identifierCase);
        if (at < 0) {
            switch (columnPolicy) {
            case MigrationPolicy::Evolve:
                changes.addColumns << column;
                plan.addedColumns << column;
                plan.loadColumns << column;
                plan.sourceIndexes << i;
                break;
            case MigrationPolicy::Ignore:
                plan.ignoredColumns << IgnoredColumn{column, std::nullopt};
                break;
            case MigrationPolicy::Fail:
                conflicts << u"column \"%1\" (%2) is new"_s.arg(column.name, columnTypeName(column.type));
                break;
            }
            continue;
        }
        const Column &current = existing[at]; // keeps the table's spelling of the name
        if (columnHolds(current.type, column.type)) {
            plan.loadColumns << current;
            plan.sourceIndexes << i;
            continue;
        }
        switch (columnPolicy) {
        case MigrationPolicy::Evolve: {
            const Column widened{current.name, widerType(current.type, column.type)};
            changes.widenColumns << widened;
            plan.widenedColumns << WidenedColumn{current.name, current.type, widened.type};
            plan.loadColumns << widened;
            plan.sourceIndexes << i;
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

    if (!conflicts.isEmpty()) {
        return makeError(
            u"storage.schema.conflict"_s,
            u"The file does not fit table %1 and the migration policy is 'fail', so nothing was "
            "changed: %2. Choose the policy 'evolve' to add or widen these columns, or 'ignore' to "
            "load the file without them."_s.arg(table, conflicts.join(u"; "_s)));
    }
    if (plan.loadColumns.isEmpty()) {
        return makeError(
            u"storage.schema.nothingToLoad"_s,
            u"None of the file's columns can be loaded into table %1 with the migration policy "
            "'ignore': choose 'evolve', or check that the file belongs to this table."_s.arg(table));
    }
    for (const Column &column : existing) {
        if (indexOfColumn(wanted, column.name, identifierCase) < 0)
            plan.columnsMissingFromFile << column.name;
    }
    return changes;
}

} // namespace ascsync::storage
