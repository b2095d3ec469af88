#pragma once

#include "core/common/result.h"
#include "core/storage/loadrecord.h"

#include <QDate>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

namespace ascsync::storage {
class Destination;
}

namespace ascsync::sync {

// What the destination already holds of the analytics chain, read once per sync from the load records'
// details (appId, report, granularity, processingDate, accessType: the bookkeeping contract the loader
// keeps), never from the stream names or the report tables.
class LoadedInstances {
public:
    static Result<LoadedInstances> read(storage::Destination &destination);

    // Remembers that one series was listed on `processingDay` (kept as a bookkeeping record under
    // kListingsStream, apart from the analytics load records), so a report with nothing new is listed once
    // per processing day, not on every sync.
    static Status recordListing(storage::Destination &destination, const QString &appId,
                                const QString &report, const QString &granularity, const QString &accessType,
                                QDate processingDay, QDate firstListedOn);
    // The record also keeps `coveredFrom`: the oldest processing date from which every instance Apple
    // published has been seen by some complete listing, without a hole (a listing on day L sees what Apple
    // keeps then, processing dates from L - 34; a pause longer than that leaves a hole the coverage must not
    // call "missing"). Records written before it existed read as firstListedOn - 34.
    static constexpr QStringView kListingsStream = u"planner/analytics-listings";
    static constexpr int kKeptDays = 35; // Apple keeps analytics instances 35 days (API-NOTES §5.1)

    // A record without an app or a valid processing date only counts as a loaded instance id.
    void add(const storage::LoadRecord &record);

    bool contains(const QString &instanceId) const { return m_instanceIds.contains(instanceId); }
    // The newest processing date loaded for one app, report, granularity and access type; invalid if none.
    QDate newest(const QString &appId, const QString &report, const QString &granularity,
                 const QString &accessType) const;
    // Average compressed bytes per loaded instance of a report, -1 when none recorded its segment sizes.
    qint64 averageBytes(const QString &report) const;
    // The processing day this series was last listed on; invalid if never.
    QDate listedOn(const QString &appId, const QString &report, const QString &granularity,
                   const QString &accessType) const;
    // Whether any ONE_TIME_SNAPSHOT instance of this app is loaded (Apple has generated its snapshot).
    bool hasSnapshot(const QString &appId) const { return m_appsWithSnapshot.contains(appId); }
    // The processing day this series was first listed completely on; invalid if never.
    QDate firstListedOn(const QString &appId, const QString &report, const QString &granularity,
                        const QString &accessType) const;
    void addListing(const storage::LoadRecord &record);
    qsizetype size() const { return m_instanceIds.size(); }

private:
    static QString seriesKey(const QString &appId, const QString &report, const QString &granularity,
                             const QString &accessType);

    QSet<QString> m_instanceIds;
    QHash<QString, QDate> m_newest;
    QHash<QString, QDate> m_listedOn;
    QHash<QString, QDate> m_firstListedOn;
    QSet<QString> m_appsWithSnapshot;
    QHash<QString, std::pair<qint64, qint64>> m_bytesByReport; // report -> (instances with sizes, bytes)
};

} // namespace ascsync::sync
