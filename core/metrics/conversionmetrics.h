#pragma once

#include "core/common/result.h"
#include "core/storage/destination.h"

#include <QDate>
#include <QList>
#include <QString>

#include <optional>

namespace ascsync::metrics {

// An app that has daily analytics in the destination (rows of the `downloads` table), and the days it covers.
struct AnalyticsApp {
    QString appId;
    QString name;
    QDate firstDate;
    QDate lastDate;
};

// One app's day as reference/conversion-rate.sql computes it: first-time downloads plus redownloads, unique
// impressions, and downloads / unique impressions * 100 (none when either is 0). `hasImpressions` tells a day
// with an impressions row (the query's rows) from a day that has downloads only.
struct DailyConversion {
    QDate date;
    double downloads = 0;
    double uniqueImpressions = 0;
    bool hasImpressions = false;
    std::optional<double> conversionRate;
};

// The apps with daily App Downloads rows, by name. An error that says to sync when there are none yet.
Result<QList<AnalyticsApp>> loadAnalyticsApps(storage::Destination &destination);

// App `appId`'s days from `from` to `to` (DAILY rows only: `downloads` and `discovery_and_engagement`), by
// date. The app is the one of each row's instance, so renaming an app does not split its days.
Result<QList<DailyConversion>> loadDailyConversion(storage::Destination &destination, const QString &appId,
                                                   const QDate &from, const QDate &to);

} // namespace ascsync::metrics
