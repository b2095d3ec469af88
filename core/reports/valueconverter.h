#pragma once

#include "columncatalogue.h"

#include "core/common/result.h"

#include <QByteArray>
#include <QByteArrayView>

namespace ascsync::reports {

// Normalises one field for storage; a null QString is SQL NULL.
// - Every type: an empty field and Apple's placeholder for a missing value, a single space (sales files write
//   one in every empty field, the last field of a line included), are null; for non-text types any
//   all-blank field is.
// - Text: otherwise returned exactly as read, never trimmed (two spaces stay two spaces).
// - Date: `YYYY-MM-DD`, `MM/DD/YYYY` or `M/D/YYYY` (sales and finance) -> `YYYY-MM-DD`, which sorts and
//   compares correctly as text on SQLite; impossible dates (02/30/2024) are errors.
// - Decimal: [+-]digits[.digits][e[+-]digits], leading zeros and `+` dropped (`-007.50` -> `-7.50`;
//   the digits are otherwise kept exactly, never rounded through a double). Negative values are valid
//   (refunds). Commas are refused: `1,234` is a thousand in the US and 1.234 in Europe, Apple writes
//   neither, and guessing wrong would silently change a value by a factor of 1000.
// - Integer: [+-]digits within 64 bits.
// Errors name the value and the expected form ("'abc' is not a date ..."); valueError() adds column and line.
Result<QString> convert(ColumnType type, QStringView text);

// convert() for UTF-8 bytes, without allocating for the usual values: the result is `text` itself when it
// already is in normal form (a trimmed ISO date, a plain number without leading zeros), a null view for
// SQL NULL, and otherwise the normal form written into `scratch`, which is then the view's storage (so use
// one scratch buffer per column of a row). Exactly the values and errors of convert().
Result<QByteArrayView> convertUtf8(ColumnType type, QByteArrayView text, QByteArray &scratch);

// True for Apple's missing-value placeholder: exactly one space.
bool isMissingValuePlaceholder(QByteArrayView text);

// "Column “Date”, line 12: 'abc' is not a date (…)" for an error returned by convert().
Error valueError(QStringView column, qint64 line, const Error &error);

} // namespace ascsync::reports
