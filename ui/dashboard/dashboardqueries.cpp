#include "dashboardqueries.h"

#include "core/config/secretstore.h"
#include "core/sync/syncsetup.h"
#include "ui/common/backgroundtask.h"

using namespace Qt::StringLiterals;

namespace ascsync::ui {

namespace {

Result<std::unique_ptr<storage::Destination>> open(const config::Settings &settings)
{
    config::SecretStore secrets;
    return sync::openDestination(settings, secrets, backgroundReadOptions());
}

} // namespace

Result<QList<DashboardApp>> loadDashboardApps(const config::Settings &settings)
{
    // Opening a SQLite destination creates its file: a dashboard opened before the first sync must not.
    if (!sync::destinationExists(settings)) {
        return makeError(u"metrics.noAnalytics"_s,
                         u"The destination holds no analytics yet: run Sync now (with analytics among the "
                         u"streams)."_s);
    }
    auto destination = open(settings);
    if (!destination) {
        return destination.error();
    }
    return metrics::loadAnalyticsApps(*destination.value());
}

Result<QList<DailyMetrics>> loadDailyMetrics(const config::Settings &settings, const QString &appId,
                                             const QDate &from, const QDate &to)
{
    auto destination = open(settings);
    if (!destination) {
        return destination.error();
    }
    return metrics::loadDailyConversion(*destination.value(), appId, from, to);
}

Result<QList<metrics::DailySales>> loadDailySales(const config::Settings &settings, const QString &appId,
                                                  const QDate &from, const QDate &to)
{
    auto destination = open(settings);
    if (!destination) {
        return destination.error();
    }
    return metrics::loadDailySales(*destination.value(), appId, from, to);
}

} // namespace ascsync::ui
