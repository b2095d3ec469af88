#pragma once

#include "core/common/result.h"

#include <QString>

namespace ascsync::storage {

class Destination;

// Rewrites Apple's missing-value placeholder (a single space) to NULL in every text data column of `table`
// (bookkeeping columns, whose names start with `_`, are left alone), so rows loaded before ascsync stored
// the placeholder as NULL answer `IS NULL` like the rows loaded since. Run by the migration to metadata
// version 3 inside its transactions; doing it twice changes nothing. Returns the number of values changed; a
// missing table changes nothing.
Result<qint64> clearMissingValuePlaceholders(Destination &destination, const QString &table);

} // namespace ascsync::storage
