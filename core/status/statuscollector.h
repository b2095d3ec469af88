#pragma once

#include "appstatus.h"

#include "core/common/clock.h"
#include "core/common/result.h"

#include <QStringList>

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

// Reads the report requests, reports and instances of each app through `api` (synchronous: call it off the UI
// thread) and compares them with what `destination` (may be null) has loaded.
Result<StatusReport> collectStatus(api::ApiClient &api, storage::Destination *destination,
                                   const StatusOptions &options);

} // namespace ascsync::status
