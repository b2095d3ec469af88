#include "data/carplayfamily.h"

#include "data/osreleases.h"
#include "data/rng.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

CarPlayFamily::CarPlayFamily(const AppProfile &app)
    : FamilyModel(app)
{
    addMetric(u"Count"_s, MetricKind::Count);
    addDimension(u"Territory"_s);
    addDateColumn();
    addDimension(u"Platform"_s);
    addDimension(u"Device"_s);
    addDimension(u"Build"_s);
    addMetric(u"Unique Devices"_s, MetricKind::Count);
    addDimension(u"Release Type"_s);
    addDimension(u"Category"_s);
    addMetric(u"Dashboard Visible Time"_s, MetricKind::Seconds);
    addMetric(u"Playback Time"_s, MetricKind::Seconds);
    addMetric(u"Siri Presentation Count"_s, MetricKind::Count);
    addMetric(u"visibleTime"_s, MetricKind::Seconds);

    m_ios = id(u"iOS"_s);
    m_iphone = id(u"iPhone"_s);
    m_audio = m_app.category != u"Navigation";
    m_category = id(m_audio ? u"Audio"_s : u"Navigation"_s);
    m_releaseTypes = weighted({{u"Release"_s, 0.97}, {u"Beta"_s, 0.03}});
    for (const OsReleases::Release &release : OsReleases::releases(u"iOS"_s))
        m_buildOfRelease.insert(release.label, id(OsReleases::buildOf(release.label)));
}

double CarPlayFamily::expectedVolume(QDate date) const
{
    return m_app.carPlay ? m_app.activeDevices(date) * 0.08 : 0.0;
}

void CarPlayFamily::prepareDay(DayContext &day) const
{
    for (const OsReleases::Share &share : OsReleases::sharesOn(u"iPhone"_s, day.date))
        day.familyChoices.push_back({m_buildOfRelease.value(share.label), share.weight});
}

void CarPlayFamily::rootChoices(const DayContext &day, std::vector<Choice> &out) const
{
    const double users = expectedVolume(day.date);
    for (const Choice &territory : territories())
        out.push_back({territory.value, users * territory.weight});
}

const std::vector<Choice> &CarPlayFamily::choices(int level, const AnalyticsRow &, const DayContext &day,
                                                  std::vector<Choice> &scratch) const
{
    switch (level) {
    case Platform:
        return single(m_ios, scratch);
    case Device:
        return single(m_iphone, scratch);
    case Build:
        return day.familyChoices;
    case ReleaseType:
        return m_releaseTypes;
    case Category:
        return single(m_category, scratch);
    default:
        return single(0, scratch);
    }
}

void CarPlayFamily::fillMetrics(AnalyticsRow &row, qint64 volume, const DayContext &, Rng &rng) const
{
    const double devices = double(volume);
    const double connections = std::max(devices, double(std::llround(devices * rng.uniform(1.2, 2.5))));
    row.metrics[Count] = connections;
    row.metrics[UniqueDevices] = devices;
    row.metrics[DashboardTime] = double(std::llround(connections * rng.uniform(300.0, 1500.0)));
    row.metrics[PlaybackTime] =
        m_audio ? double(std::llround(connections * rng.uniform(600.0, 2400.0))) : 0.0;
    row.metrics[SiriCount] = double(std::llround(connections * rng.uniform(0.0, 0.3)));
    row.metrics[VisibleTime] = double(std::llround(row.metrics[DashboardTime] * rng.uniform(0.5, 0.9)));
}

} // namespace ascsync::sandbox
