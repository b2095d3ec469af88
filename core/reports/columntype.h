#pragma once

#include <QString>

namespace ascsync::reports {

// How a column is stored. Decimal exists so that sums divide without integer truncation (the conversion-rate
// query divides two sums): back-ends must store it as a fractional type (PostgreSQL NUMERIC, SQLite REAL),
// never as an integer affinity that would turn "12" into the integer 12.
enum class ColumnType { Text, Date, Decimal, Integer };

// The type of an Apple column, looked up by its snake_case name (so case and spacing drift do not matter)
// in a catalogue built from the documented reports (API-NOTES §5.6, §6.3, §7.3): dates -> Date; counts,
// durations and money -> Decimal; identifiers (`Apple Identifier`, `App Apple Identifier`, `SKU` ...) ->
// Text, because they are names, not quantities, and may carry leading zeros; anything unknown -> Text.
ColumnType columnTypeFor(QStringView header);

// "text", "date", "decimal number", "whole number": for messages.
QString columnTypeName(ColumnType type);

} // namespace ascsync::reports
