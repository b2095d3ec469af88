#pragma once

#include <QString>

namespace ascsync::reports {

// The destination table of an analytics report (DESIGN "Data model"): a leading `App Store ` or `App ` is
// dropped, a trailing ` Standard` dropped, a trailing ` Detailed` becomes `_detailed`, the rest is
// snake_cased: `App Store Discovery and Engagement Standard` -> `discovery_and_engagement`,
// `App Downloads Detailed` -> `downloads_detailed`, `CarPlay App Usage` -> `carplay_app_usage`.
//
// Always a safe identifier `[a-z][a-z0-9_]*` of at most 63 bytes. Two names share a table only when they are
// equal after ignoring letter case, reading `-` as a space, and the prefix/suffix rule above (Apple: report
// values are not case sensitive). Names with any other punctuation, non-ASCII letters, doubled spaces or more
// than 63 bytes get a stable hash suffix, so they never collide with each other or with the plain names.
QString analyticsTableName(QStringView reportName);
// The table of one granularity of that report (DESIGN "One table per granularity"): DAILY rows keep the plain
// name, WEEKLY and MONTHLY rows go to `<name>_weekly` and `<name>_monthly`, so a query over `downloads` never
// mixes a week into a day. Any other granularity Apple may add gets its own `_<granularity>` table too.
QString analyticsTableName(QStringView reportName, QStringView granularity);

// Sales and Trends: lower(type) + "_" + lower(subType): (`SALES`, `SUMMARY`) -> `sales_summary`,
// (`INSTALLS`, `SUMMARY_CHANNEL`) -> `installs_summary_channel`.
QString salesTableName(QStringView reportType, QStringView reportSubType);

// Finance: `FINANCIAL` -> `financial`, `FINANCE_DETAIL` -> `finance_detail`.
QString financeTableName(QStringView reportType);

} // namespace ascsync::reports
