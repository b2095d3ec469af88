#pragma once

#include "synccontext.h"

#include <QList>

namespace ascsync::sync {

struct SyncApp {
    QString id;
    QString name;
};

// The apps of the settings' list that the key sees (all it sees when the list is empty); each listed app the
// key cannot see is a failure of the run.
Result<QList<SyncApp>> appsToSync(SyncContext &context);

// What the analytics part of a sync found it must do (ascsync sync --plan).
struct AnalyticsOutlook {
    int listings = 0;         // instance listings asked
    int listingsSkipped = 0;  // reports not listed: no new instance of them can exist yet
    int newInstances = 0;     // each costs one segment listing, then its downloads
    qint64 knownBytes = 0;    // estimated from earlier loads of the same reports
    int unsizedInstances = 0; // of reports never loaded before: size unknown
};

// Lists what the planner says can be new (requests and reports of each app, then the due instance listings)
// and downloads nothing.
AnalyticsOutlook planAnalytics(SyncContext &context, const QList<SyncApp> &apps);

// Analytics reports: every report of every request of each app, at the chosen granularities; each instance
// not loaded yet is downloaded (segments in parallel) and loaded under the corrections rule.
void syncAnalytics(SyncContext &context, const QList<SyncApp> &apps);

} // namespace ascsync::sync
