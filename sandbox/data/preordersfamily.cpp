#include "data/preordersfamily.h"

#include "data/rng.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

PreOrdersFamily::PreOrdersFamily(const AppProfile &app)
    : FamilyModel(app)
{
    addDateColumn();
    addAppNameColumn();
    addAppIdColumn();
    addDimension(u"Device"_s);
    addDimension(u"Platform Version"_s);
    addDimension(u"Source Type"_s);
    addDimension(u"Source Info"_s, true);
    addDimension(u"Campaign"_s, true);
    addDimension(u"Page Type"_s);
    addDimension(u"Page Title"_s, true);
    addDimension(u"Territory"_s);
    addDimension(u"Pre-Order Start Date"_s);
    addDimension(u"Pre-Order End Date"_s);
    addMetric(u"Pre-Orders Placed"_s, MetricKind::Count, true);
    addMetric(u"Pre-Orders Canceled"_s, MetricKind::Count);
}

double PreOrdersFamily::expectedVolume(QDate date) const
{
    return m_app.preOrdersPlaced(date);
}

void PreOrdersFamily::rootChoices(const DayContext &day, std::vector<Choice> &out) const
{
    const double placed = m_app.preOrdersPlaced(day.date);
    double total = 0.0;
    for (const Choice &device : day.devices)
        total += device.weight;
    if (!(placed > 0.0) || !(total > 0.0))
        return;
    for (const Choice &device : day.devices)
        out.push_back({device.value, placed * device.weight / total});
}

const std::vector<Choice> &PreOrdersFamily::choices(int level, const AnalyticsRow &row, const DayContext &day,
                                                    std::vector<Choice> &scratch) const
{
    switch (level) {
    case Platform:
        return platforms(row.dims[Device], day);
    case SourceType:
        return sourceTypes();
    case SourceInfo:
        return sourceInfos(row.dims[SourceType]);
    case Campaign:
        return campaignsFor(row.dims[SourceType], day);
    case PageType:
        return pageTypes(PageMix::Attribution);
    case PageTitle:
        return pageTitles(row.dims[PageType]);
    case Territory:
        return territories();
    case StartDate:
        return single(ValuePool::dateId(m_app.preOrderStart), scratch);
    case EndDate:
        return single(ValuePool::dateId(m_app.launchDate.addDays(-1)), scratch);
    default:
        return single(0, scratch);
    }
}

void PreOrdersFamily::fillMetrics(AnalyticsRow &row, qint64 volume, const DayContext &, Rng &rng) const
{
    row.metrics[0] = double(volume);
    row.metrics[1] = double(std::llround(double(volume) * rng.uniform(0.0, 0.15)));
}

} // namespace ascsync::sandbox
