#pragma once

#include <QLatin1StringView>
#include <QString>
#include <QStringList>

namespace ascsync::reports {

// ascsync's own columns beside Apple's; they all start with `_`, which columnName() never produces.
namespace metadata {
inline constexpr QLatin1StringView Frequency("_frequency");
inline constexpr QLatin1StringView ReportDate("_report_date");
inline constexpr QLatin1StringView VendorNumber("_vendor_number");
inline constexpr QLatin1StringView RegionCode("_region_code");
inline constexpr QLatin1StringView FiscalMonth("_fiscal_month");
inline constexpr QLatin1StringView LoadedAt("_loaded_at");
} // namespace metadata

// Which rows a loaded sales or finance file replaces (DESIGN "Sales and finance"): the rows of `table` whose
// `fileColumns` hold this file's values. (Analytics rows are replaced per instance and day instead: see
// sync::UnitLoad::Replace::NewestPerDate.)
struct PartitionKey {
    QString table;
    QStringList fileColumns;
};

// Sales and Trends: one file per (type, subtype, frequency, reportDate, vendor); type and subtype are the
// table.
PartitionKey salesPartitionKey(QStringView reportType, QStringView reportSubType);

// Finance: one file per (type, region, fiscal month, vendor); the type is the table.
PartitionKey financePartitionKey(QStringView reportType);

} // namespace ascsync::reports
