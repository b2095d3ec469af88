#pragma once

#include "core/common/result.h"

#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QString>

namespace ascsync::storage {
class Destination;
}

namespace ascsync::status {

// What the destination's _ascsync_loads says about one app's analytics instances.
struct LoadedApp {
    QSet<QString> instanceIds;
    QSet<QString> reportNames;
    QHash<QString, QDate> newestProcessingDate; // by granularity, ONGOING instances only
    QDate snapshotProcessingDate;               // the loaded ONE_TIME_SNAPSHOT instance, if any
    QDateTime lastLoadedAt;
};

// By app ID. Reads only the bookkeeping rows (one per instance), never the report tables.
Result<QHash<QString, LoadedApp>> readLoadedAnalytics(storage::Destination &destination);

} // namespace ascsync::status
