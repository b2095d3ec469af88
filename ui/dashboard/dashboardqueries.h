#pragma once

#include "core/common/result.h"
#include "core/config/settings.h"
#include "core/metrics/conversionmetrics.h"
#include "core/metrics/salesmetrics.h"

#include <QDate>
#include <QList>
#include <QString>

namespace ascsync::ui {

// The dashboard's shapes are core's (metrics/conversionmetrics.h), so `ascsync query --report
// conversion-rate` prints exactly what the charts show.
using DashboardApp = metrics::AnalyticsApp;
using DailyMetrics = metrics::DailyConversion;

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
