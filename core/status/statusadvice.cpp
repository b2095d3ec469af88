#include "statusadvice.h"

using namespace Qt::StringLiterals;

namespace ascsync::status {

namespace {

int unloadedInstances(const AppStatus &app)
{
    int count = 0;
    for (const GranularityStatus &granularity : app.granularities) {
        count += granularity.unloadedInstances;
    }
    return count;
}

bool anyInstance(const AppStatus &app)
{
    for (const GranularityStatus &granularity : app.granularities) {
        if (granularity.processingDays > 0) {
            return true;
        }
    }
    return false;
}

QDate loadedDaily(const AppStatus &app)
{
    for (const GranularityStatus &granularity : app.granularities) {
        if (granularity.granularity == u"DAILY"_s) {
            return granularity.loadedProcessingDate;
        }
    }
    return {};
}

void adviseRequests(AppStatus &app)
{
    switch (app.ongoing) {
    case OngoingState::Missing:
        app.nextSteps
            << u"No ONGOING report request: create it with an Admin key (`ascsync admin-commands` or "
               u"Admin Setup), then Apple needs 24–72 hours to generate the first reports."_s;
        break;
    case OngoingState::StoppedForInactivity:
        app.nextSteps
            << u"Stopped for inactivity: Apple stopped the ONGOING request because its reports were "
               u"not downloaded for a long time. Re-enable it with the admin commands (they delete "
               u"the stopped request and create a new one)."_s;
        break;
    case OngoingState::Active:
        break;
    }
    if (app.snapshot == SnapshotState::Missing) {
        app.nextSteps << u"No ONE_TIME_SNAPSHOT request: the admin commands create it; it brings the history "
                         u"Apple keeps (since 2024-01-01 for most reports)."_s;
    }
}

void adviseGaps(AppStatus &app, const AppleListing &listing)
{
    const QDate loaded = loadedDaily(app);
    const QDate oldest = listing.oldestDailyProcessingDate;
    if (loaded.isValid() && oldest.isValid() && loaded.addDays(1) < oldest) {
        app.gaps << u"Daily instances processed from %1 to %2 were deleted by Apple (it keeps them %3 days) "
                    u"before ascsync loaded them."_s
                        .arg(loaded.addDays(1).toString(Qt::ISODate),
                             oldest.addDays(-1).toString(Qt::ISODate))
                        .arg(kInstanceRetentionDays);
        const bool snapshotAllowed = !app.snapshotAgeDays || *app.snapshotAgeDays >= kSnapshotWindowDays;
        app.nextSteps
            << (snapshotAllowed
                    ? u"Recover the missing days with a new ONE_TIME_SNAPSHOT request (Apple allows "
                      u"one a month): delete the old one and run the admin commands."_s
                    : u"A new ONE_TIME_SNAPSHOT can recover the missing days in %1 days (Apple "
                      u"allows one a month)."_s.arg(kSnapshotWindowDays - *app.snapshotAgeDays));
    }
    if (app.snapshotAgeDays && !listing.snapshotInstanceLoaded) {
        const int left = kInstanceRetentionDays - *app.snapshotAgeDays;
        if (left <= 7) {
            app.nextSteps << u"Load the snapshot soon: Apple deletes it in %1 days."_s.arg(qMax(0, left));
        }
    }
}

} // namespace

void adviseApp(AppStatus &app, const AppleListing &listing, const std::optional<LoadedApp> &loaded,
               bool destinationChecked)
{
    adviseRequests(app);
    const bool requested = app.ongoing != OngoingState::Missing || app.snapshot != SnapshotState::Missing;
    if (requested && app.reportCount == 0) {
        app.nextSteps << u"Requested: Apple needs 24–72 hours to generate the first reports. Nothing to do "
                         u"but wait."_s;
    } else if (app.reportCount > 0 && !anyInstance(app)) {
        app.nextSteps << u"Apple lists the reports but no data yet; check again tomorrow."_s;
    }
    if (destinationChecked) {
        adviseGaps(app, listing);
        const int unloaded = unloadedInstances(app);
        if (unloaded > 0) {
            app.nextSteps << u"%1 report instances are ready to load: run `ascsync sync` (or Sync now)."_s
                                 .arg(unloaded);
        }
        if (!loaded && anyInstance(app) && unloaded == 0) {
            app.nextSteps << u"Nothing of this app is loaded yet: run `ascsync sync`."_s;
        }
    }

    if (app.ongoing == OngoingState::StoppedForInactivity) {
        app.readiness = Readiness::Stopped;
    } else if (app.ongoing == OngoingState::Missing || app.snapshot == SnapshotState::Missing) {
        app.readiness = Readiness::NeedsSetup;
    } else if (!anyInstance(app)) {
        app.readiness = Readiness::Waiting;
    } else {
        app.readiness = Readiness::Ready;
    }
}

} // namespace ascsync::status
