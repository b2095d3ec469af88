#include "appprofile.h"

#include "rng.h"
#include "stablehash.h"

#include <algorithm>
#include <cmath>
#include <numbers>

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

namespace {
const QDate kTrendOrigin(2024, 1, 1);
} // namespace

const QStringList &AppProfile::deviceNames()
{
    static const QStringList names = {u"iPhone"_s, u"iPad"_s, u"Mac"_s, u"Apple TV"_s, u"Apple Vision Pro"_s};
    return names;
}

QList<double> AppProfile::deviceWeights() const
{
    return {0.74, 0.18, onMac ? 0.06 : 0.0, onAppleTv ? 0.015 : 0.0, onVision ? 0.006 : 0.0};
}

double AppProfile::dayNoise(QStringView tag, QDate date, double sigma) const
{
    Rng rng(StableHash(seed).add(quint64(index)).add(tag).add(date).value());
    return std::exp(sigma * rng.normal());
}

bool AppProfile::launched(QDate date) const
{
    return !launchDate.isValid() || date >= launchDate;
}

double AppProfile::calendarFactor(QDate date) const
{
    const int weekday = date.dayOfWeek();
    double factor = 1.0;
    if (weekendHeavy)
        factor = weekday >= 6 ? 1.15 : (weekday == 5 ? 1.05 : 0.96);
    else
        factor = weekday >= 6 ? 0.80 : 1.06;
    const double phase = 2.0 * std::numbers::pi * (date.dayOfYear() - seasonPeakDay) / 365.25;
    factor *= 1.0 + 0.12 * std::cos(phase);
    if (date.month() == 12 && (date.day() == 25 || date.day() == 26))
        factor *= 1.4; // new devices under the tree
    const double years = double(kTrendOrigin.daysTo(date)) / 365.25;
    factor *= std::pow(1.0 + growthPerYear, years);
    return factor;
}

double AppProfile::featureBoost(QDate date) const
{
    // Now and then the App Store features the app for four days.
    for (int back = 0; back < 4; ++back) {
        const QDate start = date.addDays(-back);
        Rng rng(StableHash(seed).add(quint64(index)).add(u"feature").add(start).value());
        if (rng.chance(0.008))
            return 2.5 - 0.3 * back;
    }
    return 1.0;
}

double AppProfile::audience(QDate date) const
{
    if (preOrderStart.isValid() && date < preOrderStart)
        return 0.0;
    if (launchDate.isValid() && date < launchDate && !preOrderStart.isValid())
        return 0.0;
    double value = scale * calendarFactor(date) * dayNoise(u"audience", date, 0.08) * featureBoost(date);
    if (launchDate.isValid()) {
        if (date < launchDate)
            return value * 0.25; // only the pre-order page is visible
        value *= 1.0 + 1.5 * std::exp(-double(launchDate.daysTo(date)) / 12.0);
    }
    return value;
}

double AppProfile::firstTimeDownloads(QDate date) const
{
    if (!launched(date))
        return 0.0;
    const double rate = std::clamp(conversion * dayNoise(u"conversion", date, 0.12), 0.02, 0.08);
    return audience(date) * rate;
}

double AppProfile::preOrdersPlaced(QDate date) const
{
    if (!preOrderStart.isValid() || date < preOrderStart || date >= launchDate)
        return 0.0;
    return audience(date) * conversion * 0.6;
}

double AppProfile::preOrderDeliveries(QDate date) const
{
    if (!preOrderStart.isValid() || date != launchDate)
        return 0.0;
    double placed = 0.0;
    for (QDate day = preOrderStart; day < launchDate; day = day.addDays(1))
        placed += preOrdersPlaced(day);
    return placed * 0.92; // the rest cancelled
}

double AppProfile::activeDevices(QDate date) const
{
    if (!launched(date))
        return 0.0;
    const int weekday = date.dayOfWeek();
    const double weekdayFactor = weekendHeavy ? (weekday >= 6 ? 1.1 : 0.97) : (weekday >= 6 ? 0.75 : 1.08);
    const double years = double(kTrendOrigin.daysTo(date)) / 365.25;
    double value = scale * usageRatio * weekdayFactor * std::pow(1.0 + growthPerYear, years) *
                   dayNoise(u"usage", date, 0.05);
    if (launchDate.isValid())
        value *= std::min(1.0, double(launchDate.daysTo(date) + 1) / 60.0);
    return value;
}

double AppProfile::autoUpdates(QDate date) const
{
    const int release = releaseIndexOn(date);
    if (release < 0 || !launched(date))
        return 0.0;
    const double installBase = activeDevices(date) * 3.0;
    const double sinceRelease = double(releases[release].date.daysTo(date));
    const double wave = sinceRelease < 14 ? 0.15 * std::exp(-sinceRelease / 3.0) : 0.0;
    return installBase * (0.002 + wave);
}

int AppProfile::releaseIndexOn(QDate date) const
{
    int found = -1;
    for (int i = 0; i < releases.size(); ++i) {
        if (releases[i].date <= date)
            found = i;
        else
            break;
    }
    return found;
}

QString AppProfile::versionOn(QDate date) const
{
    const int release = releaseIndexOn(date);
    return release < 0 ? QString() : releases[release].version;
}

} // namespace ascsync::sandbox
