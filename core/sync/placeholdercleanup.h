#pragma once

#include "common/result.h"
#include "storage/destination.h"

#include <QString>

namespace ascsync::sync {

// Rewrites Apple's missing-value placeholder (a single space) to NULL in every text data column of `table`
// (bookkeeping columns, whose names start with `_`, are left alone), so rows loaded before ascsync stored
// the placeholder as NULL answer `IS NULL` like the rows loaded since. Meant for the schema migration that
// introduces the rule: run it inside the migration's transaction. Returns the number of values changed; a
// missing table changes nothing.
Result<qint64> clearMissingValuePlaceholders(storage::Destination &destination, const QString &table);

} // namespace ascsync::sync
