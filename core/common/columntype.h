#pragma once

namespace ascsync {

// The logical type of a column, shared by the file side (reports: what a header's values are) and the
// database side (storage: how a column is declared; each back-end maps it with SqlDialect::typeName).
// Decimal exists so that sums divide without integer truncation (the conversion-rate query divides two
// sums): back-ends store it as a fractional type (PostgreSQL NUMERIC, SQLite REAL), never as an integer
// affinity that would turn "12" into the integer 12.
enum class ColumnType { Text, Date, Decimal, Integer };

} // namespace ascsync
