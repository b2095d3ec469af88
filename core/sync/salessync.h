#pragma once

#include "synccontext.h"

namespace ascsync::sync {

// Sales and Trends: every period Apple keeps for each enabled report stream. A period loads once; the last
// `backfillDays` are asked for again (late or restated files replace their partition when they changed).
// "No sales" days are recorded as loaded and empty; "not available yet" is asked for on a later run.
void syncSales(SyncContext &context);

// How many sales and finance files a sync would ask for now (each is one request); asks nothing.
struct ReportFileOutlook {
    int salesRequests = 0;
    int financeRequests = 0;
};
Result<ReportFileOutlook> planReportFiles(SyncContext &context);

// Finance: FINANCIAL for each region and FINANCE_DETAIL (Z1) per Apple fiscal month.
void syncFinance(SyncContext &context);

} // namespace ascsync::sync
