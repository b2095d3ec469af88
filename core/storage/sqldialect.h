#pragma once

#include "column.h"

#include <QString>

namespace ascsync::storage {

// The SQL that differs between SQLite and PostgreSQL, in one place: type names, introspection queries and
// how timestamps are stored. Everything else ascsync writes is the same on both back-ends.
class SqlDialect {
public:
    enum class Backend { Sqlite, Postgres };

    explicit SqlDialect(Backend backend)
        : m_backend(backend)
    {}

    Backend backend() const { return m_backend; }
    bool isSqlite() const { return m_backend == Backend::Sqlite; }

    // SQLite: Date TEXT (ISO), Decimal REAL, Integer INTEGER, Text TEXT.
    // PostgreSQL: date, numeric, bigint, text.
    QString typeName(ColumnType type) const;
    // Reads back a declared column type, also of tables someone else created (SQLite's affinity rules).
    ColumnType columnType(QStringView declaredType) const;

    QString bigintType() const;
    // Timestamps of the metadata tables: ISO-8601 UTC text on SQLite, timestamptz on PostgreSQL.
    QString timestampType() const;
    // An expression that reads a timestamp column back as ISO-8601 UTC text ("2025-01-02T03:04:05.678Z").
    QString timestampAsText(const QString &quotedColumn) const;

    // SQLite compares identifiers case-insensitively (ASCII); PostgreSQL compares quoted ones exactly.
    Qt::CaseSensitivity identifierCase() const;

    // Introspection queries. Both bind (table) on SQLite, where the validated schema name is part of the
    // text, and (schema, table) on PostgreSQL. One row when the table exists.
    QString tableExistsQuery(const QString &schema) const;
    // (name, declared type) per column in table order.
    QString tableColumnsQuery(const QString &schema) const;

private:
    Backend m_backend;
};

} // namespace ascsync::storage
