#pragma once

#include "daterange.h"
#include "reportlayout.h"

#include "core/common/result.h"

#include <QString>
#include <QStringList>

namespace ascsync::reports {

// What a downloaded sales or finance file must agree with before it is loaded.
struct ReportFileExpectation {
    ReportLayout layout = ReportLayout::Plain;
    // The period that was requested; the file's own dates (`Begin Date` / `Start Date` ... `End Date`) must
    // cover it. Not checked when invalid or when the file has no such columns (subscription reports).
    DateRange period;
    // FINANCIAL files end in a trailer (`Total_Rows`, `Total_Amount`, `Total_Units`) the data must match.
    bool verifyTrailer = false;
};

// Reads the file once (constant memory) and checks it against `expected`:
// - trailer (when asked): Total_Rows = the data rows, Total_Amount = the sum of Extended Partner Share
//   (returns included), Total_Units = the units sold (the sum of positive Quantity: Apple does not subtract
//   returns). A mismatch or a missing trailer is an error naming the figure and both values: the file was
//   truncated or edited, so none of it can be trusted.
// - period: the file's dates not covering the requested period gives a warning with both periods (returned
//   in the list); such a file is still loaded, as the period that was requested.
// Errors of the file itself (gzip, TSV) are errors too.
Result<QStringList> checkReportFile(const QString &path, const ReportFileExpectation &expected);

} // namespace ascsync::reports
