#include "dashboard/dashboardqueries.h"

#include "config/secretstore.h"
#include "main/statusqueries.h"
#include "sync/syncsetup.h"

#include <QMap>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace ascsync::ui {

namespace {

// Destination::query runs plain SQL, so the only values put into it are checked first: an app ID of digits
// and ISO dates.
bool isAppId(const QString &appId)
{
    static const QRegularExpression digits(u"^[0-9]{1,20}$"_s);
    return digits.match(appId).hasMatch();
}

Result<std::unique_ptr<storage::Destination>> open(const config::Settings &settings)
{
    config::SecretStore secrets;
    return sync::openDestination(settings, secrets);
}

bool noAnalyticsYet(const Error &error)
{
    const QString text = error.message.toLower();
    return text.contains(u"no such table"_s) || text.contains(u"does not exist"_s);
}

Error noAnalyticsError()
{
    return makeError(
        u"dashboard.empty"_s,
        u"The destination holds no analytics yet: run Sync now (with analytics among the streams)."_s);
}

// date -> summed value, from "SELECT date, sum(...)" queries.
Result<QMap<QDate, double>> dailySums(storage::Destination &destination, const QString &sql)
{
    QMap<QDate, double> sums;
    const auto rows = destination.query(
        sql, [](const QStringList &) {},
        [&sums](const QList<QString> &values) {
            const QDate date = QDate::fromString(values.value(0).left(10), Qt::ISODate);
            if (date.isValid()) {
                sums[date] += values.value(1).toDouble();
            }
            return true;
        });
    if (!rows) {
        return noAnalyticsYet(rows.error()) ? noAnalyticsError() : rows.error();
    }
    return sums;
}

} // namespace

Result<QList<DashboardApp>> loadDashboardApps(const config::Settings &settings)
{
    if (!destinationExists(settings)) {
        return noAnalyticsError();
    }
    auto destination = open(settings);
    if (!destination) {
        return destination.error();
    }
    storage::Destination &db = *destination.value();
    QList<DashboardApp> apps;
    // The daily table holds only daily rows; the app of a row is its instance's (stored once per instance).
    const QString sql = u"SELECT i.app_id, max(d.app_name), min(d.date), max(d.date) FROM %1 d JOIN %2 i ON "
                        u"i.instance_key = d._instance GROUP BY i.app_id ORDER BY 2"_s.arg(
                            db.qualified(u"downloads"_s), db.qualified(u"_ascsync_instances"_s));
    const auto rows = db.query(
        sql, [](const QStringList &) {},
        [&apps](const QList<QString> &values) {
            apps.append(DashboardApp{values.value(0), values.value(1),
                                     QDate::fromString(values.value(2).left(10), Qt::ISODate),
                                     QDate::fromString(values.value(3).left(10), Qt::ISODate)});
            return true;
        });
    if (!rows) {
        return noAnalyticsYet(rows.error()) ? noAnalyticsError() : rows.error();
    }
    return apps;
}

Result<QList<DailyMetrics>> loadDailyMetrics(const config::Settings &settings, const QString &appId,
                                             const QDate &from, const QDate &to)
{
    if (!isAppId(appId) || !from.isValid() || !to.isValid()) {
        return makeError(u"dashboard.arguments"_s, u"Pick an app and a valid date range."_s);
    }
    auto destination = open(settings);
    if (!destination) {
        return destination.error();
    }
    storage::Destination &db = *destination.value();
    const QString range =
        u"_instance IN (SELECT instance_key FROM %1 WHERE app_id = '%2') AND date >= '%3' AND "
        u"date <= '%4'"_s.arg(db.qualified(u"_ascsync_instances"_s), appId, from.toString(Qt::ISODate),
                              to.toString(Qt::ISODate));
    const auto downloads =
        dailySums(db, u"SELECT date, sum(counts) FROM %1 WHERE download_type IN ('First-time download', "
                      u"'Redownload') AND %2 GROUP BY date"_s.arg(db.qualified(u"downloads"_s), range));
    if (!downloads) {
        return downloads.error();
    }
    const auto impressions =
        dailySums(db, u"SELECT date, sum(unique_counts) FROM %1 WHERE event = 'Impression' AND %2 GROUP BY "
                      u"date"_s.arg(db.qualified(u"discovery_and_engagement"_s), range));
    if (!impressions) {
        return impressions.error();
    }
    QMap<QDate, DailyMetrics> days;
    for (auto it = downloads->cbegin(); it != downloads->cend(); ++it) {
        days[it.key()].downloads = it.value();
    }
    for (auto it = impressions->cbegin(); it != impressions->cend(); ++it) {
        days[it.key()].uniqueImpressions = it.value();
    }
    QList<DailyMetrics> metrics;
    for (auto it = days.begin(); it != days.end(); ++it) {
        DailyMetrics day = it.value();
        day.date = it.key();
        if (day.downloads != 0 && day.uniqueImpressions != 0) {
            day.conversionRate = day.downloads / day.uniqueImpressions * 100;
        }
        metrics.append(day);
    }
    return metrics;
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
