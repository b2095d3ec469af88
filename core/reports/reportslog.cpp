#include "reportslog.h"

namespace ascsync::reports {
Q_LOGGING_CATEGORY(lcReports, "ascsync.core.reports", QtInfoMsg)
} // namespace ascsync::reports
