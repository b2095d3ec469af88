#pragma once

#include "column.h"

#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace ascsync::storage {

// A file column that is not loaded, and why: the table lacks it (tableType empty) or its column cannot hold
// the file's values (tableType set) and the policy said to ignore rather than evolve.
struct IgnoredColumn {
    Column column;
    std::optional<ColumnType> tableType;
};

struct WidenedColumn {
    QString name;
    ColumnType from = ColumnType::Text;
    ColumnType to = ColumnType::Text;
};

// The result of Destination::prepareTable: which values go into which table columns, and what changed or was
// left out. The caller opens its sink with `loadColumns` and feeds it rows built by selectValues().
struct TablePlan {
    QString table;
    bool created = false;
    // The table columns a row loads, in sink order, with the table's types (those the sink binds with).
    QList<Column> loadColumns;
    // For each load column, the index of its value in the file columns followed by the metadata columns.
    QList<qsizetype> sourceIndexes;
    QList<Column> addedColumns;
    QList<WidenedColumn> widenedColumns;
    QList<IgnoredColumn> ignoredColumns;
    // Table columns the file does not bring: they are NULL in the loaded rows.
    QStringList columnsMissingFromFile;

    bool changedSchema() const { return created || !addedColumns.isEmpty() || !widenedColumns.isEmpty(); }

    // Fills `row` (reused between calls, so a load does not allocate per row) with the values of one file
    // row and its metadata, in loadColumns order.
    void selectValues(const QList<QString> &fileValues, const QList<QString> &metadataValues,
                      QList<QString> &row) const;
    // The same for UTF-8 values (RowSink::appendUtf8); a null view is NULL.
    void selectValues(const QList<QByteArrayView> &fileValues, const QList<QByteArrayView> &metadataValues,
                      QList<QByteArrayView> &row) const;

    // One line per change or omission, for the activity log ("added column x (text)", ...). Empty when the
    // table was used as it was.
    QStringList describeChanges() const;
};

} // namespace ascsync::storage
