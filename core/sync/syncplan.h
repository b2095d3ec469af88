#pragma once

#include "syncobserver.h"
#include "syncoptions.h"

#include "core/api/apiclient.h"
#include "core/common/result.h"
#include "core/storage/destination.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace ascsync::sync {

// What a sync would do now (`ascsync sync --plan`, the desktop app's estimate before a first sync). Making it
// costs what a sync costs before its first download: the apps listing, one listing of each app's requests and
// reports, and the instance listings the planner says are due. The rest is counted without asking.
struct SyncPlan {
    int apps = 0;
    int planningRequests = 0;             // spent to make this plan (and spent again by the sync)
    int instanceListings = 0;             // among them
    int listingsSkipped = 0;              // reports not listed: no new instance of them can exist yet
    int newInstances = 0;                 // analytics instances to load: one segment listing each
    qint64 knownBytes = 0;                // estimated download size of those whose report was loaded before
    int unsizedInstances = 0;             // instances of reports never loaded: size unknown
    int salesRequests = 0;                // one per sales file
    int financeRequests = 0;              // one per finance file
    std::optional<api::RateLimit> budget; // Apple's X-Rate-Limit as last seen
    QStringList notes;                    // what planning could not see (no requests for an app, ...)
    QStringList failures;

    // Requests the sync needs after planning (segment downloads use pre-signed URLs and do not count).
    int requestsToCome() const { return newInstances + salesRequests + financeRequests; }
    int syncRequests() const { return planningRequests + requestsToCome(); }
    // Whole hours the sync waits for Apple's budget beyond what remains now; 0 when it fits.
    int hoursOfBudget() const;
    QJsonObject toJson() const;
    QString toText() const;
};

Result<SyncPlan> planSync(api::ApiClient &api, storage::Destination &destination, const SyncOptions &options,
                          SyncObserver &observer);

} // namespace ascsync::sync
