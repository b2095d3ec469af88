#include "data/downloadsfamily.h"

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

DownloadsFamily::DownloadsFamily(const AppProfile &app)
    : FamilyModel(app)
{
    addDateColumn();
    addAppNameColumn();
    addAppIdColumn();
    addDimension(u"Download Type"_s);
    addDimension(u"App Version"_s);
    addDimension(u"Device"_s);
    addDimension(u"Platform Version"_s);
    addDimension(u"Source Type"_s);
    addDimension(u"Source Info"_s, true);
    addDimension(u"Campaign"_s, true);
    addDimension(u"Page Type"_s);
    addDimension(u"Page Title"_s, true);
    addDimension(u"Pre-Order"_s);
    addDimension(u"Territory"_s);
    addMetric(u"Counts"_s, MetricKind::Count, true);

    // Lower-case "download" as real files and users' SQL spell it (reference/conversion-rate.sql).
    m_firstTime = id(u"First-time download"_s);
    m_redownload = id(u"Redownload"_s);
    m_manualUpdate = id(u"Manual update"_s);
    m_autoUpdate = id(u"Auto-update"_s);
    m_restore = id(u"Restore"_s);
    m_yes = id(u"Yes"_s); // UNVERIFIED: Apple's spelling of the Pre-Order flag
    m_no = id(u"No"_s);
    m_unavailable = id(u"Unavailable"_s);
}

bool DownloadsFamily::isUpdate(qint32 downloadType) const
{
    return downloadType == m_manualUpdate || downloadType == m_autoUpdate;
}

double DownloadsFamily::expectedVolume(QDate date) const
{
    return m_app.firstTimeDownloads(date) * 1.39 + m_app.preOrderDeliveries(date) +
           m_app.autoUpdates(date) * 1.12;
}

void DownloadsFamily::prepareDay(DayContext &day) const
{
    const double deliveries = m_app.preOrderDeliveries(day.date);
    const double total = deliveries + m_app.firstTimeDownloads(day.date);
    day.scalars[0] = total > 0.0 ? deliveries / total : 0.0;
}

void DownloadsFamily::rootChoices(const DayContext &day, std::vector<Choice> &out) const
{
    const double firstTime = m_app.firstTimeDownloads(day.date);
    const double updates = m_app.autoUpdates(day.date);
    out.push_back({m_firstTime, firstTime + m_app.preOrderDeliveries(day.date)});
    out.push_back({m_redownload, firstTime * 0.35});
    out.push_back({m_manualUpdate, updates * 0.12});
    out.push_back({m_autoUpdate, updates});
    out.push_back({m_restore, firstTime * 0.04});
}

const std::vector<Choice> &DownloadsFamily::choices(int level, const AnalyticsRow &row, const DayContext &day,
                                                    std::vector<Choice> &scratch) const
{
    const qint32 type = row.dims[DownloadType];
    switch (level) {
    case AppVersion:
        return day.currentVersion;
    case Device:
        return day.devices;
    case Platform:
        return platforms(row.dims[Device], day);
    case SourceType:
        if (isUpdate(type))
            return updateSourceTypes();
        return type == m_restore ? single(m_unavailable, scratch) : sourceTypes();
    case SourceInfo:
        return sourceInfos(row.dims[SourceType]);
    case Campaign:
        return campaignsFor(row.dims[SourceType], day);
    case PageType:
        return pageTypes(isUpdate(type) || type == m_restore ? PageMix::Update : PageMix::Attribution);
    case PageTitle:
        return pageTitles(row.dims[PageType]);
    case PreOrder:
        if (type == m_firstTime && day.scalars[0] > 0.0) {
            scratch = {{m_yes, day.scalars[0]}, {m_no, 1.0 - day.scalars[0]}};
            return scratch;
        }
        return single(m_no, scratch);
    case Territory:
        return territories();
    default:
        return single(0, scratch);
    }
}

void DownloadsFamily::fillMetrics(AnalyticsRow &row, qint64 volume, const DayContext &, Rng &) const
{
    row.metrics[0] = double(volume);
}

} // namespace ascsync::sandbox
