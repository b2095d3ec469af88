#include "data/webpreviewfamily.h"

#include "data/osreleases.h"
#include "data/rng.h"

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

namespace {
const QDate kBrowserEpoch(2024, 1, 1);

// Chrome/Edge and Firefox ship a major version about every four weeks.
int chromiumMajor(QDate date)
{
    return 120 + int(kBrowserEpoch.daysTo(date) / 28);
}
int firefoxMajor(QDate date)
{
    return 122 + int(kBrowserEpoch.daysTo(date) / 28);
}
} // namespace

WebPreviewFamily::WebPreviewFamily(const AppProfile &app)
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
    addDimension(u"Engagement Type"_s);
    addDimension(u"Browser"_s);
    addDimension(u"Browser Version"_s);
    addDimension(u"Device"_s);
    addDimension(u"Platform Version"_s);
    addDimension(u"Territory"_s);
    addMetric(u"Counts"_s, MetricKind::Count, true);

    m_pageViewEvent = id(u"Page View"_s); // capitalised as in Apple's web-preview page (API-NOTES §5.6)
    m_tapEvent = id(u"Tap"_s);
    m_webPages = weighted({{u"Product page"_s, 0.9}, {u"Developer page"_s, 0.05}, {u"In-app event"_s, 0.05}});
    m_webSources = weighted({{u"Web referrer"_s, 0.7}, {u"Unavailable"_s, 0.3}});
    m_tapEngagement = weighted({{u"Get"_s, 0.6}, {u"Open"_s, 0.3}, {u"Share"_s, 0.1}});
    m_browsers = weighted({{u"Safari"_s, 0.55}, {u"Chrome"_s, 0.3}, {u"Edge"_s, 0.1}, {u"Firefox"_s, 0.05}});
    m_safari = id(u"Safari"_s);
    m_chrome = id(u"Chrome"_s);
    m_edge = id(u"Edge"_s);
    m_firefox = id(u"Firefox"_s);
    m_webDevices = weighted({{u"iPhone"_s, 0.45},
                             {u"iPad"_s, 0.08},
                             {u"Mac"_s, 0.22},
                             {u"Windows"_s, 0.18},
                             {u"Android"_s, 0.07}});
    for (const OsReleases::Release &release : OsReleases::releases(u"iOS"_s))
        id(release.label.mid(4)); // Safari's version follows the OS: "iOS 18.1" -> "18.1"
    for (int major = 100; major < 200; ++major)
        id(QString::number(major) + u".0"_s);
}

double WebPreviewFamily::expectedVolume(QDate date) const
{
    return m_app.audience(date) * 0.02;
}

void WebPreviewFamily::prepareDay(DayContext &day) const
{
    day.scalars[0] = m_values.idOf(QString::number(chromiumMajor(day.date)) + u".0"_s);
    day.scalars[1] = m_values.idOf(QString::number(firefoxMajor(day.date)) + u".0"_s);
    for (const OsReleases::Share &share : OsReleases::sharesOn(u"iPhone"_s, day.date))
        day.familyChoices.push_back({m_values.idOf(share.label.mid(4)), share.weight});
}

void WebPreviewFamily::rootChoices(const DayContext &day, std::vector<Choice> &out) const
{
    const double visits = expectedVolume(day.date);
    out.push_back({m_pageViewEvent, visits});
    out.push_back({m_tapEvent, visits * 0.25});
}

const std::vector<Choice> &WebPreviewFamily::choices(int level, const AnalyticsRow &row,
                                                     const DayContext &day,
                                                     std::vector<Choice> &scratch) const
{
    switch (level) {
    case PageType:
        return m_webPages;
    case PageTitle:
        return pageTitles(row.dims[PageType]);
    case SourceType:
        return m_webSources;
    case SourceInfo:
        return sourceInfos(row.dims[SourceType]);
    case EngagementType:
        return row.dims[Event] == m_tapEvent ? m_tapEngagement : single(0, scratch);
    case Browser:
        return m_browsers;
    case BrowserVersion: {
        const qint32 browser = row.dims[Browser];
        if (browser == m_safari)
            return day.familyChoices;
        if (browser == m_chrome || browser == m_edge)
            return single(qint32(day.scalars[0]), scratch);
        return single(qint32(day.scalars[1]), scratch);
    }
    case Device:
        return m_webDevices;
    case Platform:
        return platforms(row.dims[Device], day);
    case Territory:
        return territories();
    default:
        return single(0, scratch);
    }
}

void WebPreviewFamily::fillMetrics(AnalyticsRow &row, qint64 volume, const DayContext &, Rng &) const
{
    row.metrics[0] = double(volume);
}

} // namespace ascsync::sandbox
