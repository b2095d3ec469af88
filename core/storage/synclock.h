#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace ascsync::storage {

// Who holds (or held) the sync lock of a destination.
struct SyncLockHolder {
    QString host;
    qint64 pid = 0;
    QDateTime since;
    // "host ana-laptop, process 4242, since 2025-01-02 06:00:01 UTC"
    QString describe() const;
    // This machine and process, now.
    static SyncLockHolder current(const QDateTime &since);
};

// Proof that this process is the only sync writing to a destination; released when destroyed. A lock left by
// a killed process is taken over (the kernel or the server has already released it), and takenOverFrom() says
// whose it was, so the caller can report the interrupted run.
class SyncLock {
public:
    virtual ~SyncLock() = default;
    SyncLock(const SyncLock &) = delete;
    SyncLock &operator=(const SyncLock &) = delete;

    const SyncLockHolder &holder() const { return m_holder; }
    const std::optional<SyncLockHolder> &takenOverFrom() const { return m_takenOverFrom; }

protected:
    SyncLock(SyncLockHolder holder, std::optional<SyncLockHolder> takenOverFrom)
        : m_holder(std::move(holder))
        , m_takenOverFrom(std::move(takenOverFrom))
    {}

private:
    SyncLockHolder m_holder;
    std::optional<SyncLockHolder> m_takenOverFrom;
};

} // namespace ascsync::storage
