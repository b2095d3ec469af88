#include "rowaggregator.h"

#include "stablehash.h"

#include <cstring>

namespace ascsync::sandbox {

namespace {

quint64 hashOf(const DimensionKey &dims, quint64 salt)
{
    quint64 hash = salt;
    for (const qint32 value : dims)
        hash = StableHash::mix(hash ^ quint64(quint32(value)));
    return hash;
}

} // namespace

void RowAggregator::add(const DimensionKey &dims, const MetricValues &metrics)
{
    for (quint64 salt = 0;; ++salt) {
        const quint64 hash = hashOf(dims, salt);
        const auto it = m_index.constFind(hash);
        if (it == m_index.cend()) {
            m_index.insert(hash, qsizetype(m_rows.size()));
            m_rows.push_back(AnalyticsRow{dims, metrics});
            return;
        }
        AnalyticsRow &row = m_rows[size_t(*it)];
        if (std::memcmp(row.dims.data(), dims.data(), sizeof(DimensionKey)) == 0) {
            for (size_t i = 0; i < metrics.size(); ++i)
                row.metrics[i] += metrics[i];
            return;
        }
        // Two different keys with the same 64-bit hash: try the next salt.
    }
}

} // namespace ascsync::sandbox
