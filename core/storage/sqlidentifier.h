#pragma once

#include "core/common/result.h"

#include <QString>

namespace ascsync::storage {

// PostgreSQL silently cuts longer identifiers (NAMEDATALEN - 1), so two long names could become one table.
// Refusing them keeps names identical on both back-ends.
inline constexpr qsizetype MaxIdentifierBytes = 63;

// Checks a table or column name before it reaches SQL. Any text is allowed (it is always quoted), except what
// no back-end can store: an empty name, NUL and other control characters, broken UTF-16, or more than 63
// UTF-8 bytes. `what` names the kind of object in the message ("table", "column").
Status checkIdentifier(QStringView name, QStringView what);

// The schema name (the attached database name on SQLite): [a-z_][a-z0-9_]*, at most 63 characters, and not a
// name either back-end reserves (main, temp, pg_*, information_schema).
Status checkSchemaName(QStringView schema);

// `name` in double quotes with embedded quotes doubled: safe in SQL whatever the name contains.
QString quoteIdentifier(QStringView name);

// "schema"."table", both quoted.
QString qualifiedName(QStringView schema, QStringView table);

} // namespace ascsync::storage
