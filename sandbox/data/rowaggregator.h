#pragma once

#include "analyticsrow.h"

#include <QHash>

#include <vector>

namespace ascsync::sandbox {

// Sums rows that share a dimension key, keeping the order in which keys first appeared (so the output is
// as deterministic as the input). Keys are found through a 64-bit hash and confirmed by comparing them.
class RowAggregator {
public:
    void add(const DimensionKey &dims, const MetricValues &metrics);
    const std::vector<AnalyticsRow> &rows() const { return m_rows; }
    std::vector<AnalyticsRow> takeRows() { return std::exchange(m_rows, {}); }

private:
    QHash<quint64, qsizetype> m_index;
    std::vector<AnalyticsRow> m_rows;
};

} // namespace ascsync::sandbox
