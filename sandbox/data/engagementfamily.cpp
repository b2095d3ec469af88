#include "data/engagementfamily.h"

#include "data/rng.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

EngagementFamily::EngagementFamily(const AppProfile &app)
    : FamilyModel(app)
{
    addDateColumn();
    addAppNameColumn();
    addAppIdColumn();
    addDimension(u"Event"_s);
    addDimension(u"Page Type"_s);
    addDimension(u"Page Title"_s, true);
    addDimension(u"Source Type"_s);
    addDimension(u"Source Info"_s, true);
    addDimension(u"Campaign"_s, true);
    addDimension(u"Engagement Type"_s);
    addDimension(u"Device"_s);
    addDimension(u"Platform Version"_s);
    addDimension(u"Territory"_s);
    addMetric(u"Counts"_s, MetricKind::Count, true);
    addMetric(u"Unique Counts"_s, MetricKind::Count, true);

    m_impression = id(u"Impression"_s);
    m_pageView = id(u"Page view"_s);
    m_tap = id(u"Tap"_s);
    m_tapEngagement = weighted({{u"Get"_s, 0.45},
                                {u"Redownload"_s, 0.12},
                                {u"Update"_s, 0.08},
                                {u"Open"_s, 0.25},
                                {u"IAE reminder"_s, 0.03},
                                {u"IAE reminder deactivated"_s, 0.005},
                                {u"Notification tap"_s, 0.02},
                                {u"Share"_s, 0.045}});
}

double EngagementFamily::expectedVolume(QDate date) const
{
    return m_app.audience(date);
}

void EngagementFamily::rootChoices(const DayContext &day, std::vector<Choice> &out) const
{
    const double audience = m_app.audience(day.date);
    // Counts exceed unique counts (fillMetrics keeps 72-90 %), so unique impressions come out near
    // `audience`.
    out.push_back({m_impression, audience * 1.25});
    out.push_back({m_pageView, audience * m_app.pageViewRate * 1.15});
    out.push_back({m_tap, m_app.firstTimeDownloads(day.date) * 1.6 + audience * 0.004});
}

const std::vector<Choice> &EngagementFamily::choices(int level, const AnalyticsRow &row,
                                                     const DayContext &day,
                                                     std::vector<Choice> &scratch) const
{
    const qint32 event = row.dims[Event];
    switch (level) {
    case PageType:
        return pageTypes(event == m_impression ? PageMix::Impression
                                               : (event == m_pageView ? PageMix::PageView : PageMix::Tap));
    case PageTitle:
        return pageTitles(row.dims[PageType]);
    case SourceType:
        return sourceTypes();
    case SourceInfo:
        return sourceInfos(row.dims[SourceType]);
    case Campaign:
        return campaignsFor(row.dims[SourceType], day);
    case EngagementType:
        return event == m_tap ? m_tapEngagement : single(0, scratch);
    case Device:
        return day.devices;
    case Platform:
        return platforms(row.dims[Device], day);
    case Territory:
        return territories();
    default:
        return single(0, scratch);
    }
}

void EngagementFamily::fillMetrics(AnalyticsRow &row, qint64 volume, const DayContext &, Rng &rng) const
{
    row.metrics[0] = double(volume);
    row.metrics[1] = double(std::max<qint64>(1, std::llround(double(volume) * rng.uniform(0.72, 0.9))));
}

} // namespace ascsync::sandbox
