#pragma once

#include "core/common/result.h"
#include "core/reports/datadictionary.h"

namespace ascsync::storage {

class Destination;

// The data dictionary of what `destination` really holds: every table of its schema with the columns, types
// and primary or unique keys the database declares, and the catalogue's meaning of each table and column
// (reports::catalogueTable, columnMeaning). A table or column the catalogue does not know is listed without a
// meaning, so nothing in the database is left out. Reads only.
Result<reports::DataDictionary> describeDestination(Destination &destination);

} // namespace ascsync::storage
