#pragma once

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

    bool ok() const { return unitsFailed == 0 && !cancelled; }
    QJsonObject toJson() const;
};

} // namespace ascsync::sync
