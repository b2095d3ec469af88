#pragma once

#include "appstatus.h"
#include "loadedanalytics.h"

#include <optional>

namespace ascsync::status {

// What Apple listed for one app, beyond the request states already in AppStatus.
struct AppleListing {
    QDate oldestDailyProcessingDate; // of the probed ONGOING reports; invalid when none
    bool snapshotInstanceLoaded = false;
};

// Fills in readiness, gaps and next steps from the facts already in `app`. `loaded` is empty when the
// destination was not checked. Pure: the sentences are tested without a network.
void adviseApp(AppStatus &app, const AppleListing &listing, const std::optional<LoadedApp> &loaded,
               bool destinationChecked);

// Apple deletes report instances this many days after processing (API-NOTES §5.1).
inline constexpr int kInstanceRetentionDays = 35;
// Apple accepts one ONE_TIME_SNAPSHOT request per app per month.
inline constexpr int kSnapshotWindowDays = 31;

} // namespace ascsync::status
