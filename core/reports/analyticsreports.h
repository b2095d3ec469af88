#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace ascsync::reports {

// One analytics report a person can choose to sync (the settings' report selection, `--streams`).
struct AnalyticsReportChoice {
    QString name; // Apple's report name, e.g. "App Downloads Standard"
    QString
        category; // Apple's category: APP_STORE_ENGAGEMENT, COMMERCE, APP_USAGE, FRAMEWORK_USAGE, PERFORMANCE
    QString holds;          // what it holds, for people
    QString stream() const; // "analytics:<table>"
};

// The analytics reports Apple documents (API-NOTES §5), grouped by category in Apple's order.
const QList<AnalyticsReportChoice> &analyticsReportChoices();

// Apple's category as people read it ("App Store engagement").
QString categoryTitle(const QString &category);

// The analytics reports synced unless the settings say otherwise: the two that answer "how many people who
// saw my app downloaded it" (conversion-rate.sql). Every report costs one instance listing per app on each
// day's first sync, so all ~36 reports of two requests would take 200 apps past Apple's hourly budget.
QStringList defaultAnalyticsStreams();

} // namespace ascsync::reports
