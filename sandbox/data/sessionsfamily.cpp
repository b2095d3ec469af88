#include "data/sessionsfamily.h"

#include "data/rng.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

SessionsFamily::SessionsFamily(const AppProfile &app)
    : FamilyModel(app)
{
    addDateColumn();
    addAppNameColumn();
    addAppIdColumn();
    addDimension(u"App Version"_s);
    addDimension(u"Device"_s);
    addDimension(u"Platform Version"_s);
    addDimension(u"Source Type"_s);
    addDimension(u"Source Info"_s, true);
    addDimension(u"Campaign"_s, true);
    addDimension(u"Page Type"_s);
    addDimension(u"Page Title"_s, true);
    addDimension(u"App Download Date"_s);
    addDimension(u"Territory"_s);
    addMetric(u"Sessions"_s, MetricKind::Count, true);
    addMetric(u"Total Session Duration"_s, MetricKind::Seconds);
    addMetric(u"Unique Devices"_s, MetricKind::Count, true);
}

double SessionsFamily::expectedVolume(QDate date) const
{
    return m_app.activeDevices(date);
}

void SessionsFamily::rootChoices(const DayContext &day, std::vector<Choice> &out) const
{
    double total = 0.0;
    for (const Choice &version : day.versionsInUse)
        total += version.weight;
    if (!(total > 0.0))
        return;
    const double devices = m_app.activeDevices(day.date);
    for (const Choice &version : day.versionsInUse)
        out.push_back({version.value, devices * version.weight / total});
}

const std::vector<Choice> &SessionsFamily::choices(int level, const AnalyticsRow &row, const DayContext &day,
                                                   std::vector<Choice> &scratch) const
{
    switch (level) {
    case Device:
        return day.devices;
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
    case AppDownloadDate:
        return day.olderDownloadDates;
    case Territory:
        return territories();
    default:
        return single(0, scratch);
    }
}

void SessionsFamily::fillMetrics(AnalyticsRow &row, qint64 volume, const DayContext &, Rng &rng) const
{
    const double devices = double(volume);
    const double sessions =
        std::max(devices, double(std::llround(devices * m_app.sessionsPerDevice * rng.uniform(0.8, 1.25))));
    row.metrics[Sessions] = sessions;
    row.metrics[Duration] = double(std::llround(sessions * m_app.sessionSeconds * rng.uniform(0.7, 1.3)));
    row.metrics[UniqueDevices] = devices;
}

void SessionsFamily::addNoise(AnalyticsRow &row, Rng &rng) const
{
    const double sessions = row.metrics[Sessions];
    const double average = sessions > 0.0 ? row.metrics[Duration] / sessions : 0.0;
    row.metrics[Sessions] = std::max(0.0, sessions + double(std::lround(2.0 * rng.normal())));
    row.metrics[UniqueDevices] =
        std::max(0.0, row.metrics[UniqueDevices] + double(std::lround(2.0 * rng.normal())));
    // Apple: duration noise with sigma = the row's average session duration / 4 (API-NOTES §5.4).
    row.metrics[Duration] =
        std::max(0.0, double(std::llround(row.metrics[Duration] + rng.normal() * average / 4.0)));
}

} // namespace ascsync::sandbox
