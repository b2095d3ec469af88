#pragma once

#include <QDate>
#include <QDateTime>
#include <QString>

namespace ascsync::storage {

// One loaded analytics instance, stored once in _ascsync_instances (DESIGN "Bookkeeping is stored once"):
// every row of its report table carries only `key`, in the column `_instance`.
struct InstanceRecord {
    qint64 key = 0;     // ascsync's integer key (0: not registered yet)
    QString instanceId; // Apple's id of the instance
    QString appId;
    QString reportId;
    QString reportName;
    QString table; // the report table of its granularity (`downloads`, `downloads_weekly`, ...)
    QString granularity;
    QDate processingDate;
    QString accessType;  // ONGOING or ONE_TIME_SNAPSHOT
    qint64 rowCount = 0; // rows Apple delivered in its files
    QString checksums;   // its segments' checksums, comma-separated, in segment order
    QDateTime loadedAt;
};

// Which loaded instance holds a day of a report table for one app: exactly one at a time, the one with the
// newest processing date (DESIGN "Analytics corrections").
struct DayHolder {
    qint64 instanceKey = 0;
    QDate processingDate;
    qint64 rowCount = 0;
};

// One day an instance holds now, with its rows (a row of _ascsync_instance_days).
struct HeldDay {
    qint64 instanceKey = 0;
    QDate day;
    qint64 rowCount = 0;
};

} // namespace ascsync::storage
