#include "data/installsfamily.h"

#include "data/rng.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

InstallsFamily::InstallsFamily(const AppProfile &app)
    : FamilyModel(app)
{
    addDateColumn();
    addAppNameColumn();
    addAppIdColumn();
    addDimension(u"Event"_s);
    addDimension(u"Download Type"_s);
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
    addMetric(u"Counts"_s, MetricKind::Count, true);
    addMetric(u"Unique Devices"_s, MetricKind::Count, true);

    m_install = id(u"Install"_s);
    m_delete = id(u"Delete"_s);
    m_downloadTypes =
        weighted({{u"First-time download"_s, 0.70}, {u"Redownload"_s, 0.26}, {u"Restore"_s, 0.04}});
}

double InstallsFamily::expectedVolume(QDate date) const
{
    return m_app.activeDevices(date); // the users the 5-user rule counts
}

void InstallsFamily::rootChoices(const DayContext &day, std::vector<Choice> &out) const
{
    const double firstTime = m_app.firstTimeDownloads(day.date) + m_app.preOrderDeliveries(day.date);
    out.push_back({m_install, firstTime * 1.39 * 0.97});
    out.push_back({m_delete, m_app.activeDevices(day.date) * 0.008 + firstTime * 0.25});
}

const std::vector<Choice> &InstallsFamily::choices(int level, const AnalyticsRow &row, const DayContext &day,
                                                   std::vector<Choice> &scratch) const
{
    const bool install = row.dims[Event] == m_install;
    switch (level) {
    case DownloadType:
        return m_downloadTypes;
    case AppVersion:
        return install ? day.currentVersion : day.versionsInUse;
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
        return install ? day.recentDownloadDates : day.olderDownloadDates;
    case Territory:
        return territories();
    default:
        return single(0, scratch);
    }
}

void InstallsFamily::fillMetrics(AnalyticsRow &row, qint64 volume, const DayContext &, Rng &rng) const
{
    row.metrics[0] = double(volume);
    row.metrics[1] = double(std::max<qint64>(1, std::llround(double(volume) * rng.uniform(0.9, 1.0))));
}

} // namespace ascsync::sandbox
