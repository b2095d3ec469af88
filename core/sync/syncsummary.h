#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QStringList>

namespace ascsync::sync {

struct SyncSummary {
    int unitsLoaded = 0;
    int unitsUpToDate = 0; // already loaded, skipped
    int unitsEmpty = 0;    // Apple has no data for them (no sales that day)
    int unitsPending = 0;  // not published yet: asked again on a later run
    int unitsFailed = 0;
    qint64 rowsLoaded = 0;
    qint64 rowsReplaced = 0;
    QStringList failures; // one sentence each
    QStringList notes;
    bool cancelled = false;
    QDateTime budgetResumesAt; // valid: Apple's hourly budget ran out and the run stopped cleanly
    // The raw archive (--archive), when one is set: units kept this run, and those pruned after it.
    bool archiving = false;
    int unitsArchived = 0;
    int archivePrunedUnits = 0;
    qint64 archivePrunedBytes = 0;

    bool budgetSpent() const { return budgetResumesAt.isValid(); }
    bool ok() const { return unitsFailed == 0 && !cancelled && !budgetSpent(); }
    QJsonObject toJson() const;
};

} // namespace ascsync::sync
