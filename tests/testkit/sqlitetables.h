#pragma once

// Reading the SQLite files the CLI wrote, directly with QtSql (never through ascsync), for the e2e suites.

#include <QByteArray>
#include <QString>
#include <QStringList>

// "rows:sha256" of a table's rows in a stable order, over every column but `_loaded_at` and `without`, with
// an `_instance` key read as the Apple id of its instance; `where` (SQL over the table as `t`, may be empty)
// selects the rows. "no table" when the table does not exist.
QByteArray sqliteFingerprint(const QString &path, const QString &table, const QStringList &without = {},
                             const QString &where = {});
// The table's column names in table order (empty when it does not exist).
QStringList sqliteColumns(const QString &path, const QString &table);
// The first column of every row of `sql`, as text ("<NULL>" for NULL); "error: ..." when the query fails.
QStringList sqliteValues(const QString &path, const QString &sql);
