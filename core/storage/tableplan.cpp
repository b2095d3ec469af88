#include "tableplan.h"

using namespace Qt::StringLiterals;

namespace ascsync::storage {

namespace {

template <typename Value>
void selectFrom(const QList<qsizetype> &sourceIndexes, const QList<Value> &fileValues,
                const QList<Value> &metadataValues, QList<Value> &row)
{
    row.resize(sourceIndexes.size());
    const qsizetype fileCount = fileValues.size();
    for (qsizetype i = 0; i < sourceIndexes.size(); ++i) {
        const qsizetype source = sourceIndexes[i];
        if (source < fileCount)
            row[i] = fileValues[source];
        else if (source - fileCount < metadataValues.size())
            row[i] = metadataValues[source - fileCount];
        else
            row[i] = Value(); // a short row: the missing values are NULL
    }
}

} // namespace

void TablePlan::selectValues(const QList<QString> &fileValues, const QList<QString> &metadataValues,
                             QList<QString> &row) const
{
    selectFrom(sourceIndexes, fileValues, metadataValues, row);
}

void TablePlan::selectValues(const QList<QByteArrayView> &fileValues,
                             const QList<QByteArrayView> &metadataValues, QList<QByteArrayView> &row) const
{
    selectFrom(sourceIndexes, fileValues, metadataValues, row);
}

QStringList TablePlan::describeChanges() const
{
    QStringList lines;
    if (created)
        lines << u"created table %1 with %2 columns"_s.arg(table).arg(loadColumns.size());
    for (const Column &column : addedColumns)
        lines << u"added column %1 (%2) to %3"_s.arg(column.name, columnTypeName(column.type), table);
    for (const WidenedColumn &column : widenedColumns) {
        lines << u"changed column %1 of %2 from %3 to %4, so the file's values fit"_s.arg(
            column.name, table, columnTypeName(column.from), columnTypeName(column.to));
    }
    for (const IgnoredColumn &column : ignoredColumns) {
        if (column.tableType) {
            lines << u"did not load column %1 into %2: the file has %3 values, the table's column is %4 "
                     "(migration policy: ignore)"_s.arg(column.column.name, table,
                                                        columnTypeName(column.column.type),
                                                        columnTypeName(*column.tableType));
        } else {
            lines << u"did not load the file's new column %1 (%2): %3 has no such column "
                     "(migration policy: ignore)"_s.arg(column.column.name,
                                                        columnTypeName(column.column.type), table);
        }
    }
    return lines;
}

} // namespace ascsync::storage
