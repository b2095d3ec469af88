#pragma once

#include "core/common/columntype.h"

#include <QStringView>

namespace ascsync::reports {

using ascsync::ColumnType;

// The type of an Apple column, looked up by its snake_case name (so case and spacing drift do not matter)
// in a catalogue built from the documented reports (API-NOTES §5.6, §6.3, §7.3): dates -> Date; counts,
// durations and money -> Decimal; identifiers (`Apple Identifier`, `App Apple Identifier`, `SKU` ...) ->
// Text, because they are names, not quantities, and may carry leading zeros; anything unknown -> Text.
ColumnType columnTypeFor(QStringView header);

} // namespace ascsync::reports
