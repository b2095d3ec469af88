#pragma once

#include "syncobserver.h"
#include "syncoptions.h"
#include "syncsummary.h"

#include "core/api/apiclient.h"
#include "core/storage/destination.h"

namespace ascsync::sync {

// One sync run: takes the destination's sync lock (a second concurrent sync is refused), records the run, and
// brings analytics, sales and finance up to date. Resumable and idempotent: every unit loads with its record
// in one transaction, so a killed run picks up where it stopped and a repeated run loads nothing twice. Runs
// in the calling thread (a worker thread in the GUI); cancel through ApiClient::cancel().
Result<SyncSummary> runSync(api::ApiClient &api, storage::Destination &destination,
                            const SyncOptions &options, SyncObserver &observer);

} // namespace ascsync::sync
