#pragma once

#include <QStringView>

namespace ascsync {

// The number of SQL statements in `sql`: semicolons inside '...' strings, "..." identifiers, -- and /* */
// comments do not count, nor does a trailing semicolon. `ascsync query` runs exactly one statement (QtSql
// would silently run only the first of several).
int countSqlStatements(QStringView sql);

} // namespace ascsync
