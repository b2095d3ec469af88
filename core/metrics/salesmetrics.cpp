#include "salesmetrics.h"

#include "metricsinput.h"

using namespace Qt::StringLiterals;

namespace ascsync::metrics {

namespace {

QString salesSql(const QString &table, const QString &appId, const QDate &from, const QDate &to)
{
    // Proceeds are per unit in Apple's file, so a row earns units x proceeds; refunds have negative units.
    return u"SELECT begin_date, currency_of_proceeds, "
           u"SUM(CASE WHEN apple_identifier = '%2' AND product_type_identifier NOT IN ('7', '7F', '7T', "
           u"'F7') "
           u"THEN units ELSE 0 END), "
           u"SUM(units * developer_proceeds) "
           u"FROM %1 "
           u"WHERE begin_date = end_date AND begin_date >= '%3' AND begin_date <= '%4' "
           u"AND (apple_identifier = '%2' OR parent_identifier IN "
           u"(SELECT sku FROM %1 WHERE apple_identifier = '%2')) "
           u"GROUP BY begin_date, currency_of_proceeds ORDER BY begin_date"_s.arg(
               table, appId, from.toString(Qt::ISODate), to.toString(Qt::ISODate));
}

} // namespace

Result<QList<DailySales>> loadDailySales(storage::Destination &destination, const QString &appId,
                                         const QDate &from, const QDate &to)
{
    if (!isAppId(appId) || !from.isValid() || !to.isValid()) {
        return makeError(u"metrics.arguments"_s, u"Pick an app and a valid date range."_s);
    }
    const Error noSales = makeError(u"metrics.noSales"_s,
                                    u"The destination holds no summary sales reports yet: add sales to the "
                                    u"streams (with a vendor number) and run a sync."_s);
    if (const Status ok = requireTables(destination, {u"sales_summary"_s}, noSales); !ok)
        return ok.error();
    QMap<QDate, DailySales> days;
    const auto rows = destination.query(
        salesSql(destination.qualified(u"sales_summary"_s), appId, from, to), [](const QStringList &) {},
        [&days](const QList<QString> &values) {
            const QDate date = QDate::fromString(values.value(0).left(10), Qt::ISODate);
            if (!date.isValid()) {
                return true;
            }
            DailySales &day = days[date];
            day.date = date;
            day.units += values.value(2).toDouble();
            const QString currency = values.value(1).trimmed();
            const double proceeds = values.value(3).toDouble();
            if (!currency.isEmpty() && proceeds != 0) {
                day.proceedsByCurrency[currency] += proceeds;
            }
            return true;
        });
    if (!rows)
        return rows.error();
    return days.values();
}

} // namespace ascsync::metrics
