#include "sync/analyticsplanner.h"

#include "reports/tablenames.h"

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
    return std::any_of(options.streams.begin(), options.streams.end(), [&](const QString &stream) {
        return stream == u"analytics"_s || stream == u"analytics:"_s + table;
    });
}

std::optional<InstanceListing> AnalyticsPlanner::listingFor(const QString &appId, const QString &report,
                                                            const QString &accessType) const
{
    InstanceListing listing;
    bool everything = m_options.relist; // a granularity seen for the first time: no date filter
    QDate from;                         // the oldest processing date asked for
    for (const QString &granularity : m_options.granularities) {
        if (m_loaded.listedOn(appId, report, granularity, accessType) >= m_day && !m_options.relist) {
            continue; // listed on this processing day already: found then, or found on the next day's listing
        }
        const QDate newest = m_loaded.newest(appId, report, granularity, accessType);
        if (!newest.isValid()) {
            listing.granularities << granularity;
            everything = true;
            continue;
        }
        if (accessType == kSnapshot && !m_options.relist) {
            continue; // a snapshot is produced once and is loaded
        }
        const QDate next = nextPossible(granularity, newest);
        if (m_day < next && !m_options.relist) {
            continue; // Apple's processing day has not reached the next instance yet
        }
        listing.granularities << granularity;
        const QDate windowStart = m_day.addDays(-m_options.backfillDays);
        const QDate start = std::min(next, windowStart);
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
