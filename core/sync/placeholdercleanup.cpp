#include "sync/placeholdercleanup.h"

#include "storage/sqlidentifier.h"

using namespace Qt::StringLiterals;

namespace ascsync::sync {

Result<qint64> clearMissingValuePlaceholders(storage::Destination &destination, const QString &table)
{
    const auto columns = destination.tableColumns(table);
    if (!columns) {
        return columns.error();
    }
    if (!columns->has_value()) {
        return qint64(0);
    }
    qint64 changed = 0;
    for (const storage::Column &column : columns->value()) {
        if (column.type != storage::ColumnType::Text || column.name.startsWith(u'_')) {
            continue;
        }
        // One statement per column: each touches only the rows holding the placeholder.
        const QString name = storage::quoteIdentifier(column.name);
        const auto updated = destination.query(
            u"UPDATE %1 SET %2 = NULL WHERE %2 = ' '"_s.arg(destination.qualified(table), name), {}, {});
        if (!updated) {
            return updated.error();
        }
        changed += updated.value();
    }
    return changed;
}

} // namespace ascsync::sync
