#pragma once

#include <QLoggingCategory>

namespace ascsync::reports {
// Developer diagnostics of core/reports (QT_LOGGING_RULES="ascsync.core.reports.debug=true"). Never carries
// report values, only counts and positions.
Q_DECLARE_LOGGING_CATEGORY(lcReports)
} // namespace ascsync::reports
