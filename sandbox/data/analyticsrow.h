#pragma once

#include <QtGlobal>

#include <array>

namespace ascsync::sandbox {

inline constexpr int kMaxDimensions = 14;
inline constexpr int kMaxMetrics = 6;

using DimensionKey = std::array<qint32, kMaxDimensions>;
using MetricValues = std::array<double, kMaxMetrics>;

// One generated analytics row before formatting: dimension values as ValuePool ids, metrics as numbers.
struct AnalyticsRow {
    DimensionKey dims{};
    MetricValues metrics{};
};

// A weighted option for one dimension of a row being generated.
struct Choice {
    qint32 value = 0;
    double weight = 0.0;
};

// Which state of a Date an instance shows (API-NOTES §5.3): partial while the Date is inside the report's
// completeness window, complete afterwards, and for a few Dates a complete-but-not-yet-corrected state until
// a late correction arrives.
struct Revision {
    enum class Stage { Partial, PreCorrection, Final };
    Stage stage = Stage::Final;
    int age = 0; // processingDate - Date, in days
};

} // namespace ascsync::sandbox
