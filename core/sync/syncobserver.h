#pragma once

#include <QString>

namespace ascsync::sync {

// The unit a sync is loading right now, for a progress line that moves during a long unit.
struct UnitActivity {
    enum class Phase { Started, Loading, Finished };
    Phase phase = Phase::Started;
    QString stream;        // "analytics", "sales", "finance"
    QString app;           // the app's name; empty for vendor-wide sales and finance files
    QString report;        // "App Downloads Standard", or the file's description for sales and finance
    QString date;          // the processing date (analytics); empty when the report names its period
    qint64 rows = 0;       // rows read so far (Finished: rows loaded)
    qint64 bytesRead = 0;  // compressed bytes of the unit's files read so far
    qint64 bytesTotal = 0; // their total size: bytesRead / bytesTotal is how far the unit is
    // Apple's hourly request budget at the unit's start, from the last X-Rate-Limit header (-1: unknown);
    // `pacing` when requests are being spaced out to stay within it.
    int budgetRemaining = -1;
    int budgetLimit = -1;
    bool pacing = false;
};

// What a sync tells the person watching it (the CLI's stderr, the GUI's activity log and progress bars).
// Separate from developer diagnostics (lcSync). Called on the sync's thread.
class SyncObserver {
public:
    enum class Level { Info, Warning, Error };
    virtual ~SyncObserver() = default;

    virtual void message(Level level, const QString &text) = 0;
    // `done` of `total` units of a stream ("analytics", "sales", "finance") are finished.
    virtual void progress(const QString &stream, int done, int total) = 0;
    // A unit started loading, moved on (every few thousand rows) or finished. Optional.
    virtual void unitActivity(const UnitActivity &activity) { Q_UNUSED(activity) }
};

} // namespace ascsync::sync
