#include "data/widgetfamily.h"

#include "data/rng.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

WidgetFamily::WidgetFamily(const AppProfile &app)
    : FamilyModel(app)
{
    addDateColumn();
    addAppIdColumn();
    addDimension(u"Widget Family"_s);
    addDimension(u"Device"_s);
    addDimension(u"Platform Version"_s);
    addDimension(u"Territory"_s);
    addMetric(u"Installs"_s, MetricKind::Count);
    addMetric(u"Uninstalls"_s, MetricKind::Count);
    addMetric(u"Unique Devices"_s, MetricKind::Count);

    m_widgetFamilies = weighted({{u"systemSmall"_s, 0.45},
                                 {u"systemMedium"_s, 0.35},
                                 {u"systemLarge"_s, 0.12},
                                 {u"accessoryRectangular"_s, 0.05},
                                 {u"accessoryCircular"_s, 0.03}});
}

double WidgetFamily::expectedVolume(QDate date) const
{
    return m_app.widgets ? m_app.activeDevices(date) * 0.01 : 0.0;
}

void WidgetFamily::prepareDay(DayContext &day) const
{
    // Home Screen widgets exist on iPhone and iPad only.
    for (const Choice &device : day.devices) {
        const QString name = m_values.text(device.value);
        if (name == u"iPhone" || name == u"iPad")
            day.familyChoices.push_back(device);
    }
}

void WidgetFamily::rootChoices(const DayContext &day, std::vector<Choice> &out) const
{
    const double installs = expectedVolume(day.date);
    for (const Choice &kind : m_widgetFamilies)
        out.push_back({kind.value, installs * kind.weight});
}

const std::vector<Choice> &WidgetFamily::choices(int level, const AnalyticsRow &row, const DayContext &day,
                                                 std::vector<Choice> &scratch) const
{
    switch (level) {
    case Device:
        return day.familyChoices;
    case Platform:
        return platforms(row.dims[Device], day);
    case Territory:
        return territories();
    default:
        return single(0, scratch);
    }
}

void WidgetFamily::fillMetrics(AnalyticsRow &row, qint64 volume, const DayContext &, Rng &rng) const
{
    row.metrics[0] = double(volume);
    row.metrics[1] = double(std::llround(double(volume) * rng.uniform(0.2, 0.6)));
    row.metrics[2] = double(std::max<qint64>(1, std::llround(double(volume) * rng.uniform(0.9, 1.0))));
}

} // namespace ascsync::sandbox
