#include "data/crashesexpandedfamily.h"

#include "data/rng.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

CrashesExpandedFamily::CrashesExpandedFamily(const AppProfile &app)
    : FamilyModel(app)
{
    addDateColumn();
    addAppNameColumn();
    addAppIdColumn();
    addDimension(u"App Version"_s);
    addDimension(u"Build"_s);
    addDimension(u"Device"_s);
    addDimension(u"Platform Version"_s);
    addDimension(u"Crash Type"_s);
    addMetric(u"Crashes"_s, MetricKind::Count);
    addMetric(u"Unique Devices"_s, MetricKind::Count);

    for (qsizetype i = 0; i < m_app.releases.size(); ++i) {
        const qint32 version = m_values.idOf(m_app.releases[i].version);
        m_buildOfVersion.insert(version, id(QString::number(100 + 7 * i)));
    }
    m_crashTypes = weighted({{u"EXC_BAD_ACCESS (SIGSEGV)"_s, 0.45},
                             {u"EXC_CRASH (SIGABRT)"_s, 0.3},
                             {u"EXC_BREAKPOINT (SIGTRAP)"_s, 0.15},
                             {u"Watchdog timeout"_s, 0.07},
                             {u"EXC_RESOURCE"_s, 0.03}});
}

double CrashesExpandedFamily::expectedVolume(QDate date) const
{
    return m_app.activeDevices(date);
}

void CrashesExpandedFamily::rootChoices(const DayContext &day, std::vector<Choice> &out) const
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

const std::vector<Choice> &CrashesExpandedFamily::choices(int level, const AnalyticsRow &row,
                                                          const DayContext &day,
                                                          std::vector<Choice> &scratch) const
{
    switch (level) {
    case Build:
        return single(m_buildOfVersion.value(row.dims[AppVersion]), scratch);
    case Device:
        return day.devices;
    case Platform:
        return platforms(row.dims[Device], day);
    case CrashType:
        return m_crashTypes;
    default:
        return single(0, scratch);
    }
}

void CrashesExpandedFamily::fillMetrics(AnalyticsRow &row, qint64 volume, const DayContext &, Rng &rng) const
{
    row.metrics[0] = double(volume);
    row.metrics[1] = double(std::max<qint64>(1, std::llround(double(volume) * rng.uniform(0.6, 0.95))));
}

} // namespace ascsync::sandbox
