#pragma once

#include "synclock.h"

#include "core/common/result.h"

#include <memory>

namespace ascsync::storage {

// The SQLite sync lock: an exclusive flock(2) on a file beside the database ("<db>.lock"). The kernel drops
// the lock when its process dies, however it dies, so a killed sync never leaves a lock that blocks the next
// one and no pid guessing is needed (a pid can be reused; a flock cannot outlive its process). The file holds
// the holder's host, pid and start time for the refusal message; it stays in place when released (deleting a
// lock file races with the next locker).
class LockFileSyncLock final : public SyncLock {
public:
    static QString lockPathFor(const QString &databasePath);
    static Result<std::unique_ptr<SyncLock>> acquire(const QString &databasePath, const QDateTime &now);
    ~LockFileSyncLock() override;

private:
    LockFileSyncLock(int fd, SyncLockHolder holder, std::optional<SyncLockHolder> previous);

    int m_fd = -1;
};

} // namespace ascsync::storage
