#include "conversionmetrics.h"

#include "metricsinput.h"

#include <QMap>

using namespace Qt::StringLiterals;

namespace ascsync::metrics {

namespace {

const QString kDownloads = u"downloads"_s;
const QString kEngagement = u"discovery_and_engagement"_s;
const QString kInstances = u"_ascsync_instances"_s;

Error noAnalyticsError()
{
    return makeError(u"metrics.noAnalytics"_s,
                     u"The destination holds no analytics yet: run a sync with the App Downloads and "
                     u"Discovery and Engagement reports among its streams."_s);
}

QDate dateOf(const QString &value)
{
    return QDate::fromString(value.left(10), Qt::ISODate);
}

// date -> summed value, from a "SELECT date, sum(...)" query over one app's rows in [from, to].
Result<QMap<QDate, double>> dailySums(storage::Destination &destination, const QString &sql,
                                      const QVariantList &bindings)
{
    QMap<QDate, double> sums;
    const auto rows = destination.query(
        sql, bindings, [](const QStringList &) {},
        [&sums](const QList<QString> &values) {
            if (const QDate date = dateOf(values.value(0)); date.isValid())
                sums[date] += values.value(1).toDouble();
            return true;
        });
    if (!rows)
        return rows.error();
    return sums;
}

// The rows of one app's instances within the date range; binds app id, from, to.
QString appDaysCondition(storage::Destination &destination)
{
    return u"_instance IN (SELECT instance_key FROM %1 WHERE app_id = ?) AND date >= ? AND date <= ?"_s.arg(
        destination.qualified(kInstances));
}

QList<DailyConversion> mergeDays(const QMap<QDate, double> &downloads, const QMap<QDate, double> &impressions)
{
    QMap<QDate, DailyConversion> days;
    for (auto it = downloads.cbegin(); it != downloads.cend(); ++it)
        days[it.key()].downloads = it.value();
    for (auto it = impressions.cbegin(); it != impressions.cend(); ++it) {
        days[it.key()].uniqueImpressions = it.value();
        days[it.key()].hasImpressions = true;
    }
    QList<DailyConversion> result;
    for (auto it = days.begin(); it != days.end(); ++it) {
        DailyConversion day = it.value();
        day.date = it.key();
        if (day.downloads != 0 && day.uniqueImpressions != 0)
            day.conversionRate = day.downloads / day.uniqueImpressions * 100;
        result.append(day);
    }
    return result;
}

} // namespace

Result<QList<AnalyticsApp>> loadAnalyticsApps(storage::Destination &destination)
{
    if (const Status ok = requireTables(destination, {kDownloads, kInstances}, noAnalyticsError()); !ok)
        return ok.error();
    QList<AnalyticsApp> apps;
    const QString sql = u"SELECT i.app_id, max(d.app_name), min(d.date), max(d.date) FROM %1 d JOIN %2 i ON "
                        u"i.instance_key = d._instance GROUP BY i.app_id ORDER BY 2, 1"_s.arg(
                            destination.qualified(kDownloads), destination.qualified(kInstances));
    const auto rows = destination.query(
        sql, [](const QStringList &) {},
        [&apps](const QList<QString> &values) {
            apps.append(AnalyticsApp{values.value(0), values.value(1), dateOf(values.value(2)),
                                     dateOf(values.value(3))});
            return true;
        });
    if (!rows)
        return rows.error();
    if (apps.isEmpty())
        return noAnalyticsError();
    return apps;
}

Result<QList<DailyConversion>> loadDailyConversion(storage::Destination &destination, const QString &appId,
                                                   const QDate &from, const QDate &to)
{
    if (!isAppId(appId) || !from.isValid() || !to.isValid())
        return makeError(u"metrics.arguments"_s, u"Pick an app (its Apple ID) and a valid date range."_s);
    if (const Status ok =
            requireTables(destination, {kDownloads, kEngagement, kInstances}, noAnalyticsError());
        !ok)
        return ok.error();
    const QVariantList bindings{appId, from.toString(Qt::ISODate), to.toString(Qt::ISODate)};
    const QString condition = appDaysCondition(destination);
    const auto downloads = dailySums(
        destination,
        u"SELECT date, sum(counts) FROM %1 WHERE download_type IN ('First-time "
        u"download', 'Redownload') AND %2 GROUP BY date"_s.arg(destination.qualified(kDownloads), condition),
        bindings);
    if (!downloads)
        return downloads.error();
    const auto impressions = dailySums(
        destination,
        u"SELECT date, sum(unique_counts) FROM %1 WHERE event = 'Impression' AND %2 GROUP BY date"_s.arg(
            destination.qualified(kEngagement), condition),
        bindings);
    if (!impressions)
        return impressions.error();
    return mergeDays(downloads.value(), impressions.value());
}

} // namespace ascsync::metrics
