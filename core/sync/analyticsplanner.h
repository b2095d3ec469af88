#pragma once

#include "loadedinstances.h"
#include "syncoptions.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QStringList>

#include <optional>

namespace ascsync::sync {

// One instance listing of one analytics report (GET /v1/analyticsReports/{id}/instances).
struct InstanceListing {
    QStringList granularities;    // filter[granularity]
    QList<QDate> processingDates; // filter[processingDate]; empty: every instance Apple keeps
};

// Decides, without any request, which analytics listings a sync needs: from the settings, what the
// destination already holds (LoadedInstances), Apple's processing cadence and the clock. Apple's budget is
// ~3,600 requests an hour per key, shared with everything else using the key, so a report is listed only when
// a new instance of it can exist.
//
// Cadence (API-NOTES §4.9, "Availability per report"): DAILY instances are processed every day, WEEKLY every
// Friday for the previous week, MONTHLY on the 5th for the previous month. Assumed where Apple says nothing:
// - a processing date is a calendar date that starts at 00:00 UTC at the earliest (Apple works in
//   Pacific time, which starts later, so this errs towards listing too early, never too late);
// - WEEKLY and MONTHLY instances come one period apart: the next one cannot exist before the newest loaded
//   processing date plus 7 days / one month (this holds whatever weekday or day of month Apple picks);
// - a ONE_TIME_SNAPSHOT request produces its instances once and nothing afterwards (API-NOTES §4.9): once one
//   is loaded for a report and granularity, that report's snapshot is not listed again. A snapshot request
//   deleted and created anew is picked up by `ascsync sync --relist`. A snapshot report still empty after a
//   complete listing is not listed again once another report of the app's snapshot is loaded (Apple generates
//   a snapshot's reports together) or kSnapshotGenerationDays after its first complete listing.
// A report is listed at most once per processing day (LoadedInstances::recordListing, written only when every
// instance the listing found has loaded): an instance Apple publishes later on a day already listed is found
// by the next day's listing, which asks from that day on. A report never listed completely is listed in full.
// Corrections: Apple restates data by publishing a newer instance. When a report is listed, the listing asks
// for every processing date of the backfill window too, so an instance restated inside the window under a
// date that is already loaded is still found, on the first sync after Apple's processing day turns.
class AnalyticsPlanner {
public:
    AnalyticsPlanner(const LoadedInstances &loaded, const SyncOptions &options, QDateTime now);

    // The processing date Apple can have reached now (the UTC date, see above).
    QDate processingDay() const { return m_day; }

    // The listing one report of one request needs now; nothing when no new instance of it can exist yet.
    std::optional<InstanceListing> listingFor(const QString &appId, const QString &report,
                                              const QString &accessType) const;

    // The earliest processing date of the instance that follows `newest` at this granularity.
    static QDate nextPossible(const QString &granularity, QDate newest);

    // Whether the settings' streams select this report ("analytics" = all, "analytics:<table>" = one).
    static bool selects(const SyncOptions &options, const QString &reportName);

    // Listing with more dates than this asks without a date filter (a sync after a long pause).
    static constexpr int kMaxListedDates = 62;
    // "Your first report request generates in 1–2 days" (API-NOTES §4.9): a snapshot still empty when listed
    // completely more than this many days after its first complete listing has no data and is not listed
    // again.
    static constexpr int kSnapshotGenerationDays = 2;

private:
    const LoadedInstances &m_loaded;
    const SyncOptions &m_options;
    QDate m_day;
};

} // namespace ascsync::sync
