#include "analyticsplanner.h"

#include "core/reports/tablenames.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ascsync::sync {

namespace {

const QString kSnapshot = u"ONE_TIME_SNAPSHOT"_s;

} // namespace

AnalyticsPlanner::AnalyticsPlanner(const LoadedInstances &loaded, const SyncOptions &options, QDateTime now)
    : m_loaded(loaded)
    , m_options(options)
    , m_day(now.toUTC().date())
{}

QDate AnalyticsPlanner::nextPossible(const QString &granularity, QDate newest)
{
    if (granularity == u"WEEKLY"_s) {
        return newest.addDays(7);
    }
    if (granularity == u"MONTHLY"_s) {
        return newest.addMonths(1);
    }
    return newest.addDays(1);
}

bool AnalyticsPlanner::selects(const SyncOptions &options, const QString &reportName)
{
    const QString table = reports::analyticsTableName(reportName);
    return options.streams.includesAnalyticsTable(table);
}

std::optional<InstanceListing> AnalyticsPlanner::listingFor(const QString &appId, const QString &report,
                                                            const QString &accessType) const
{
    InstanceListing listing;
    bool everything = m_options.relist; // not listed completely before: no date filter
    QDate from;                         // the oldest processing date asked for
    for (const QString &granularity : m_options.granularities) {
        const QDate listed = m_loaded.listedOn(appId, report, granularity, accessType);
        if (listed >= m_day && !m_options.relist) {
            continue; // listed completely on this processing day: what comes later today, tomorrow's finds
        }
        const QDate newest = m_loaded.newest(appId, report, granularity, accessType);
        if (accessType == kSnapshot && !newest.isValid() && listed.isValid() && !m_options.relist &&
            (m_loaded.hasSnapshot(appId) ||
             m_loaded.firstListedOn(appId, report, granularity, accessType).daysTo(m_day) >
                 kSnapshotGenerationDays)) {
            // Listed empty after Apple generated the app's snapshot (another report of it is loaded), or for
            // longer than Apple takes to generate one: this report has no data in it.
            continue;
        }
        // Skipped by cadence only when complete: a report whose last listing left an instance unloaded (a
        // failed or interrupted sync) is listed again, in full.
        if (newest.isValid() && listed.isValid() && !m_options.relist) {
            if (accessType == kSnapshot) {
                continue; // a snapshot is produced once and is loaded
            }
            if (m_day < nextPossible(granularity, newest)) {
                continue; // Apple's processing day has not reached the next instance yet
            }
        }
        listing.granularities << granularity;
        if (!listed.isValid()) {
            everything = true; // never listed completely (first sync, or one that did not finish)
            continue;
        }
        // Complete up to `listed`: from that day on (Apple may have published more that day), and the
        // backfill window for restatements.
        const QDate start = std::min(listed, m_day.addDays(-m_options.backfillDays));
        from = from.isValid() ? std::min(from, start) : start;
    }
    if (listing.granularities.isEmpty()) {
        return std::nullopt;
    }
    if (!everything && from.daysTo(m_day) < kMaxListedDates) {
        for (QDate date = from; date <= m_day; date = date.addDays(1)) {
            listing.processingDates << date;
        }
    }
    return listing;
}

} // namespace ascsync::sync
