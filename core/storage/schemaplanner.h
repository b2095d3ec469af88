#pragma once

#include "column.h"
#include "tableplan.h"

#include "core/common/result.h"

#include <optional>

namespace ascsync::storage {

// What prepareTable has to do to a table, decided before anything is touched.
struct SchemaChanges {
    TablePlan plan;
    QList<Column> createColumns; // the table's columns when it must be created; empty otherwise
    QList<Column> addColumns;    // ALTER TABLE ADD COLUMN
    QList<Column> widenColumns;  // existing columns with the wider type they need
};

// Fits a file's columns (and the caller's metadata columns, such as _app_id) to a table, or to none when
// `existingColumns` is empty. The policy applies to the file's columns; metadata columns are ascsync's own
// and always evolve, so an upgrade that adds one never blocks a stream. With MigrationPolicy::Fail any new or
// incompatible file column is an error naming every such column, and nothing is to be changed. Names are
// checked (checkIdentifier); a table name starting with _ascsync or sqlite_ is refused as reserved.
Result<SchemaChanges> planSchemaChanges(const QString &table,
                                        const std::optional<QList<Column>> &existingColumns,
                                        const QList<Column> &fileColumns,
                                        const QList<Column> &metadataColumns, MigrationPolicy policy,
                                        Qt::CaseSensitivity identifierCase);

} // namespace ascsync::storage
