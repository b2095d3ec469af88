#pragma once

#include <QString>
#include <QStringList>

namespace ascsync::reports {

// The destination column for an Apple header: snake_case words (`Unique Counts` -> `unique_counts`,
// `Proceeds in USD` -> `proceeds_in_usd`, `ISRC/ISBN` -> `isrc_isbn`, `visibleTime` -> `visible_time`).
// Headers are untrusted input, so the result is always `[a-z][a-z0-9_]*` and at most 63 bytes: a leading
// digit gets a `col_` prefix, a cut name ends in a stable hash, a name with no ASCII letters or digits at all
// (empty, emoji only) is `col_` plus a hash. It never starts with `_`, which is kept for ascsync's own
// metadata columns (`_app_id` ...). Callers still quote identifiers, so SQL keywords are harmless.
QString columnName(QStringView header);

// The column names for a whole header, in order. Headers that map to the same name get `_2`, `_3` ...
// in the order they appear; a header keeps its own name whenever it is the first to claim it, and the
// suffixed names avoid every other header's own name, so adding a duplicate never renames an existing column.
QStringList columnNames(const QStringList &headers);

} // namespace ascsync::reports
