#pragma once

#include "core/common/result.h"
#include "core/storage/destination.h"

#include <QDate>
#include <QList>
#include <QMap>
#include <QString>

namespace ascsync::metrics {

// One app's day in the Sales and Trends summary reports: the app's own units (first-time downloads,
// redownloads, purchases of the app; updates are not units) and the developer proceeds of the app and its
// in-app purchases, per currency of proceeds. Amounts in different currencies are never added up.
struct DailySales {
    QDate date;
    double units = 0;
    QMap<QString, double> proceedsByCurrency; // "EUR" -> 12.34 (units x developer proceeds per unit)
};

// Daily summary sales rows (a day's file: Begin Date = End Date) of app `appId` from `from` to `to`, from
// the destination's `sales_summary` table. An app's in-app purchases are its rows whose Parent Identifier is
// the app's SKU. Empty when nothing is loaded; an error names what to do when the table is missing.
Result<QList<DailySales>> loadDailySales(storage::Destination &destination, const QString &appId,
                                         const QDate &from, const QDate &to);

} // namespace ascsync::metrics
