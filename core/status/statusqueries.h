#pragma once

#include "appstatus.h"
#include "coverage.h"
#include "statuscollector.h"

#include "core/common/result.h"
#include "core/config/settings.h"
#include "core/storage/destination.h"
#include "core/storage/runrecord.h"

#include <QDateTime>
#include <QList>

namespace ascsync::config {
class SecretStore;
}

namespace ascsync::status {

// What the main window and `ascsync status`, `ascsync coverage` show, from the settings alone: each opens
// its own API client and destination (synchronously: call them off the UI thread) and closes them before
// returning.

struct StatusQuery {
    // StatusOptions::probeReports and ::clock; apps and granularities come from the settings.
    QStringList probeReports;
    Clock clock = systemClock();
    bool withDestination = true; // false: Apple's side only (`ascsync status --no-destination`)
    // The report's note when it has no destination side, in the caller's words: not asked for, or not
    // created yet (and what to do first).
    QString skippedNote;
    QString notCreatedYet;
    storage::OpenOptions openOptions;
};

// statusFor in two halves, for a caller that keeps its thread free: the destination's side (blocking, so on
// a worker thread; the destination is opened when asked for and it exists), then Apple's side with
// collectStatusAsync(client, facts, statusOptionsFor(settings, query), …).
DestinationFacts destinationFactsFor(const config::Settings &settings, config::SecretStore &secrets,
                                     const StatusQuery &query);
StatusOptions statusOptionsFor(const config::Settings &settings, const StatusQuery &query);

// Every configured app's report requests and what the destination holds of them. A destination that does
// not exist or cannot be opened is not an error: the report says so (destinationNote) and still shows
// Apple's side.
Result<StatusReport> statusFor(const config::Settings &settings, config::SecretStore &secrets,
                               const StatusQuery &query);

// What the destination knows of every app, report and date (computeCoverage) as of `now`, for the apps,
// reports and days of `filter`. An empty report for a destination that does not exist yet.
Result<CoverageReport> coverageFor(const config::Settings &settings, config::SecretStore &secrets,
                                   const CoverageFilter &filter, const QDateTime &now,
                                   const storage::OpenOptions &openOptions = {});

// The destination's most recent sync runs, newest first; none for a destination that does not exist yet.
Result<QList<storage::RunRecord>> recentRunsFor(const config::Settings &settings,
                                                config::SecretStore &secrets, int limit,
                                                const storage::OpenOptions &openOptions = {});

} // namespace ascsync::status
