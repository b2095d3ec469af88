#pragma once

#include <QLatin1StringView>
#include <QString>
#include <QStringList>

namespace ascsync::reports {

// ascsync's own columns beside Apple's; they all start with `_`, which columnName() never produces.
namespace metadata {
inline constexpr QLatin1StringView AppId("_app_id");
inline constexpr QLatin1StringView Granularity("_granularity");
inline constexpr QLatin1StringView ProcessingDate("_processing_date");
inline constexpr QLatin1StringView Frequency("_frequency");
inline constexpr QLatin1StringView ReportDate("_report_date");
inline constexpr QLatin1StringView VendorNumber("_vendor_number");
inline constexpr QLatin1StringView RegionCode("_region_code");
inline constexpr QLatin1StringView FiscalMonth("_fiscal_month");
inline constexpr QLatin1StringView LoadedAt("_loaded_at");
} // namespace metadata

// Which rows a loaded file replaces (DESIGN "Analytics corrections", "Sales and finance"): the rows of
// `table` whose `fileColumns` hold this file's values and, when `dateColumn` is set, whose `dateColumn` is
// one of the dates the file (all segments of the instance) contains.
struct PartitionKey {
    QString table;
    QStringList fileColumns;
    // Analytics only: the column of the file that carries the day (`date`, or `event_date` for subscription
    // events). Apple: the newest instance is the truth for every Date it contains; never sum across
    // instances.
    QString dateColumn;
    // Where that column sits in the file's header; -1 when there is none.
    qsizetype dateIndex = -1;
};

// Analytics: per (app, report, granularity, Date). The date column is `Date`, else `Event Date`. A file with
// neither (one client claims App Crashes files lack `Date`; UNVERIFIED) is keyed by its instance's processing
// date instead, so reloading that instance replaces it and other instances are kept.
PartitionKey analyticsPartitionKey(QStringView reportName, const QStringList &header);

// Sales and Trends: one file per (type, subtype, frequency, reportDate, vendor); type and subtype are the
// table.
PartitionKey salesPartitionKey(QStringView reportType, QStringView reportSubType);

// Finance: one file per (type, region, fiscal month, vendor); the type is the table.
PartitionKey financePartitionKey(QStringView reportType);

} // namespace ascsync::reports
