#include "namedreports.h"

#include "core/common/plaintext.h"
#include "core/metrics/conversionmetrics.h"
#include "core/metrics/salesmetrics.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace ascsync::cli {

namespace {

const QString kConversionRate = u"conversion-rate"_s;
const QString kDailySales = u"daily-sales"_s;

// Up to 15 significant digits: sums of counts print as whole numbers, rates as reference/conversion-rate.sql
// gives them (to within a double's rounding).
QString number(double value)
{
    return QString::number(value, 'g', 15);
}

// The rows reference/conversion-rate.sql gives: each app and day with unique impressions.
void appendConversionRows(const metrics::AnalyticsApp &app, const QList<metrics::DailyConversion> &days,
                          ReportTable &table)
{
    for (const metrics::DailyConversion &day : days) {
        if (!day.hasImpressions)
            continue;
        table.rows.append({app.appId, app.name, day.date.toString(Qt::ISODate), number(day.uniqueImpressions),
                           number(day.downloads),
                           day.conversionRate ? number(*day.conversionRate) : QString()});
    }
}

Result<ReportTable> conversionRate(storage::Destination &destination, const NamedReportRequest &request)
{
    const auto apps = metrics::loadAnalyticsApps(destination);
    if (!apps)
        return apps.error();
    ReportTable table{{u"app_id"_s, u"app_name"_s, u"date"_s, u"unique_impressions"_s, u"total_downloads"_s,
                       u"conversion_rate"_s},
                      {}};
    bool found = request.appId.isEmpty();
    for (const metrics::AnalyticsApp &app : apps.value()) {
        if (!request.appId.isEmpty() && app.appId != request.appId)
            continue;
        found = true;
        const auto days = metrics::loadDailyConversion(destination, app.appId,
                                                       request.from.isValid() ? request.from : app.firstDate,
                                                       request.to.isValid() ? request.to : app.lastDate);
        if (!days)
            return days.error();
        appendConversionRows(app, days.value(), table);
    }
    if (!found) {
        return makeError(
            u"query.unknownApp"_s,
            u"The destination holds no analytics of app %1: `ascsync query --report conversion-rate` "
            u"without --app lists the apps it has."_s.arg(request.appId));
    }
    return table;
}

Result<ReportTable> dailySales(storage::Destination &destination, const NamedReportRequest &request)
{
    // The App Store opened on 2008-07-10: no sales file is older.
    const QDate from = request.from.isValid() ? request.from : QDate(2008, 7, 10);
    const QDate to = request.to.isValid() ? request.to : QDateTime::currentDateTimeUtc().date();
    const auto days = metrics::loadDailySales(destination, request.appId, from, to);
    if (!days)
        return days.error();
    ReportTable table{{u"app_id"_s, u"date"_s, u"units"_s, u"currency_of_proceeds"_s, u"proceeds"_s}, {}};
    for (const metrics::DailySales &day : days.value()) {
        const QString date = day.date.toString(Qt::ISODate);
        if (day.proceedsByCurrency.isEmpty())
            table.rows.append({request.appId, date, number(day.units), QString(), QString()});
        // Units are the app's, whatever the currency: they go on the day's first line only (NULL on the
        // others), so a sum over the column counts them once.
        QString units = number(day.units);
        for (auto it = day.proceedsByCurrency.cbegin(); it != day.proceedsByCurrency.cend(); ++it) {
            table.rows.append({request.appId, date, units, it.key(), number(it.value())});
            units = QString();
        }
    }
    return table;
}

} // namespace

QList<QPair<QString, QString>> namedReports()
{
    return {{kConversionRate, u"per app and day: unique impressions, first-time downloads plus redownloads "
                              u"and their ratio in %, the numbers of the conversion-rate query in README "
                              u"(daily analytics)"_s},
            {kDailySales, u"per day for --app: the app's units and the developer proceeds of the app and its "
                          u"in-app purchases, one line per currency of proceeds (daily summary sales)"_s}};
}

Status checkNamedReportRequest(const NamedReportRequest &request)
{
    QStringList names;
    for (const auto &report : namedReports())
        names << report.first;
    if (!names.contains(request.name)) {
        return makeError(u"usage"_s, u"there is no report named \"%1\": pick one of %2."_s.arg(
                                         escapeControlCharacters(request.name), names.join(u", "_s)));
    }
    if (request.name == kDailySales && request.appId.isEmpty()) {
        return makeError(
            u"usage"_s,
            u"--report daily-sales needs --app ID (the app's Apple ID, as `ascsync apps` shows)."_s);
    }
    if (request.from.isValid() && request.to.isValid() && request.from > request.to)
        return makeError(u"usage"_s, u"--from is after --to: give the earlier day first."_s);
    return {};
}

Result<ReportTable> runNamedReport(storage::Destination &destination, const NamedReportRequest &request)
{
    if (request.name == kConversionRate)
        return conversionRate(destination, request);
    return dailySales(destination, request);
}

} // namespace ascsync::cli
