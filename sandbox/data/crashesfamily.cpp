#include "data/crashesfamily.h"

#include "data/rng.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

CrashesFamily::CrashesFamily(const AppProfile &app)
    : FamilyModel(app)
{
    addDateColumn();
    addAppNameColumn();
    addAppIdColumn();
    addDimension(u"App Version"_s);
    addDimension(u"Device"_s);
    addDimension(u"Platform Version"_s);
    addMetric(u"Crashes"_s, MetricKind::Count);
    addMetric(u"Unique Devices"_s, MetricKind::Count);
}

double CrashesFamily::expectedVolume(QDate date) const
{
    return m_app.activeDevices(date);
}

void CrashesFamily::rootChoices(const DayContext &day, std::vector<Choice> &out) const
{
    double total = 0.0;
    for (const Choice &version : day.versionsInUse)
        total += version.weight;
    if (!(total > 0.0))
        return;
    const double crashes = m_app.activeDevices(day.date) * m_app.sessionsPerDevice * m_app.crashRate;
    for (const Choice &version : day.versionsInUse)
        out.push_back({version.value, crashes * version.weight / total});
}

const std::vector<Choice> &CrashesFamily::choices(int level, const AnalyticsRow &row, const DayContext &day,
                                                  std::vector<Choice> &scratch) const
{
    switch (level) {
    case Device:
        return day.devices;
    case Platform:
        return platforms(row.dims[Device], day);
    default:
        return single(0, scratch);
    }
}

void CrashesFamily::fillMetrics(AnalyticsRow &row, qint64 volume, const DayContext &, Rng &rng) const
{
    row.metrics[0] = double(volume);
    row.metrics[1] = double(std::max<qint64>(1, std::llround(double(volume) * rng.uniform(0.6, 0.95))));
}

} // namespace ascsync::sandbox
