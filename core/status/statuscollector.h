#pragma once

#include "appstatus.h"
#include "coverage.h"
#include "loadedanalytics.h"

#include "core/common/clock.h"
#include "core/common/result.h"

#include <QHash>
#include <QMap>
#include <QStringList>

#include <functional>
#include <optional>

namespace ascsync::api {
class ApiClient;
}
namespace ascsync::storage {
class Destination;
}

namespace ascsync::status {

struct StatusOptions {
    QStringList apps; // app IDs; empty = every app the key sees
    QStringList granularities{QStringLiteral("DAILY"), QStringLiteral("WEEKLY"), QStringLiteral("MONTHLY")};
    // The granularities the sync loads (Settings::granularities): only their instances count as waiting.
    QStringList syncedGranularities{QStringLiteral("DAILY")};
    // Reports (by Apple's name) whose instances are listed; empty: those already loaded into the destination,
    // else "App Downloads Standard" and "App Store Discovery and Engagement Standard".
    QStringList probeReports;
    Clock clock = systemClock();
};

// What a destination says about the loads that status compares with Apple's listings, read at once in the
// destination's thread (a worker's, in the GUI), so the part that talks to Apple can run anywhere.
struct DestinationFacts {
    bool checked = false; // read; else `note` says why not
    QString note;
    QHash<QString, LoadedApp> loaded;
    QMap<QString, QString> salesReportVersions; // learned by the syncs
    std::optional<CoverageFacts> coverage;
};
// `destination` may be null: the facts then say no destination was given.
DestinationFacts readDestinationFacts(storage::Destination *destination);

// Reads the report requests, reports and instances of each app through `api` and compares them with the
// destination's facts. `done` runs once, later, in the client's thread, which must outlive the call.
void collectStatusAsync(api::ApiClient &api, DestinationFacts facts, const StatusOptions &options,
                        std::function<void(Result<StatusReport>)> done);
// The blocking form, for the command line: reads `destination` (may be null), then asks Apple.
Result<StatusReport> collectStatus(api::ApiClient &api, storage::Destination *destination,
                                   const StatusOptions &options);

} // namespace ascsync::status
