#pragma once

#include "syncobserver.h"
#include "unitloader.h"

#include "core/common/result.h"

#include <QString>

namespace ascsync::sync {

struct SyncContext;

// A unit about to load: which stream, app (empty for vendor-wide files), report and date.
UnitActivity unitNamed(const QString &stream, const QString &app, const QString &report, const QString &date);

// loadUnit() that tells the context's observer about the unit: Started (with Apple's request budget),
// Loading every kUnitProgressRows rows, Finished with the rows loaded.
Result<UnitLoadResult> loadWithProgress(SyncContext &context, UnitLoad unit, UnitActivity activity);

// Rows per second and time left of the unit being loaded, from the activities of one unit and the time each
// arrived (milliseconds on any monotonic clock, so tests give their own).
class UnitRateMeter {
public:
    void update(const UnitActivity &activity, qint64 nowMs);

    const UnitActivity &activity() const { return m_activity; }
    // -1 until two updates of the same unit are apart in time.
    double rowsPerSecond() const { return m_rowsPerSecond; }
    // -1 when unknown (no rate yet, or the unit's size is unknown).
    qint64 secondsLeft() const;
    // "Quiet Hours · App Downloads Standard · 2026-11-20: 120,000 rows, 45,000 rows/s, about 12 s left",
    // then "· Apple request budget: 80 of 3,600 left this hour, pacing requests" while pacing.
    QString describe() const;

private:
    UnitActivity m_activity;
    qint64 m_startMs = -1;
    double m_rowsPerSecond = -1;
};

} // namespace ascsync::sync
