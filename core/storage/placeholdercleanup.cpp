#include "placeholdercleanup.h"

#include "destination.h"
#include "sqlidentifier.h"

using namespace Qt::StringLiterals;

namespace ascsync::storage {

Result<qint64> clearMissingValuePlaceholders(Destination &destination, const QString &table)
{
    const auto columns = destination.tableColumns(table);
    if (!columns)
        return columns.error();
    if (!columns->has_value())
        return qint64(0);
    qint64 changed = 0;
    for (const Column &column : columns->value()) {
        if (column.type != ColumnType::Text || column.name.startsWith(u'_'))
            continue;
        // One statement per column: each touches only the rows holding the placeholder.
        const auto updated =
            destination.execute(u"UPDATE %1 SET %2 = NULL WHERE %2 = ?"_s.arg(destination.qualified(table),
                                                                              quoteIdentifier(column.name)),
                                {u" "_s});
        if (!updated)
            return updated.error();
        changed += updated.value();
    }
    return changed;
}

} // namespace ascsync::storage
