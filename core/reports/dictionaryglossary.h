#pragma once

#include <QString>
#include <QStringView>

namespace ascsync::reports {

// What an Apple report column means, looked up by its destination name (columnName() of the header, so
// `Unique Counts` and `unique_counts` find the same text). Written for ascsync from the facts of Apple's
// report documentation gathered in API-NOTES §5.6, §6.3 and §7.3. Empty when the column is unknown.
// A column whose meaning depends on the report (`event`, `counts` ...) has a general text here; the data
// dictionary gives the report's own text where it differs.
QString glossaryMeaning(QStringView column);

// ascsync's own columns on report tables (`_instance`, `_report_date` ...); empty when unknown.
QString bookkeepingColumnMeaning(QStringView column);

} // namespace ascsync::reports
