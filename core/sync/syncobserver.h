#pragma once

#include <QString>

namespace ascsync::sync {

// What a sync tells the person watching it (the CLI's stderr, the GUI's activity log and progress bars).
// Separate from developer diagnostics (lcSync). Called on the sync's thread.
class SyncObserver {
public:
    enum class Level { Info, Warning, Error };
    virtual ~SyncObserver() = default;

    virtual void message(Level level, const QString &text) = 0;
    // `done` of `total` units of a stream ("analytics", "sales", "finance") are finished.
    virtual void progress(const QString &stream, int done, int total) = 0;
};

} // namespace ascsync::sync
