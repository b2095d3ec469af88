#pragma once

#include "common/result.h"
#include "config/settings.h"
#include "metrics/salesmetrics.h"

#include <QDate>
#include <QList>
#include <QString>

#include <optional>

namespace ascsync::ui {

// An app that has analytics in the destination, and the days it covers.
struct DashboardApp {
    QString appId;
    QString name;
    QDate firstDate;
    QDate lastDate;
};

// One app's day: first-time downloads plus redownloads, unique impressions, and the conversion rate as
// reference/conversion-rate.sql computes it (downloads / unique impressions * 100; none when either is 0).
struct DailyMetrics {
    QDate date;
    double downloads = 0;
    double uniqueImpressions = 0;
    std::optional<double> conversionRate;
};

// The dashboard's reads of the destination's analytics tables (`downloads`, `discovery_and_engagement`),
// DAILY rows only. Each opens the destination on the calling thread: run them on a worker thread.
Result<QList<DashboardApp>> loadDashboardApps(const config::Settings &settings);
Result<QList<DailyMetrics>> loadDailyMetrics(const config::Settings &settings, const QString &appId,
                                             const QDate &from, const QDate &to);

// Units and developer proceeds per day (per currency of proceeds) from the summary sales reports
// (metrics::loadDailySales), on the calling thread.
Result<QList<metrics::DailySales>> loadDailySales(const config::Settings &settings, const QString &appId,
                                                  const QDate &from, const QDate &to);

} // namespace ascsync::ui
