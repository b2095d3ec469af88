#pragma once

#include "common/result.h"

#include <QDateTime>
#include <QTime>

#include <chrono>
#include <optional>

namespace ascsync::ui {

// Settings::schedule read as a plan: "manual" (never by itself), "hourly", "every Nh" / "every Nm"
// (N hours or minutes), or "daily HH:MM" (local time). The same texts the setup wizard writes.
class SyncSchedule {
public:
    enum class Kind { Manual, Interval, Daily };

    static Result<SyncSchedule> parse(const QString &text);

    Kind kind() const { return m_kind; }
    // When the next automatic sync is due after `now` (local time); empty for a manual schedule.
    std::optional<QDateTime> nextRunAfter(const QDateTime &now) const;
    // For people: "every day at 06:00", "every 6 hours", "only when you click Sync now".
    QString describe() const;

private:
    Kind m_kind = Kind::Manual;
    std::chrono::minutes m_interval{0};
    QTime m_dailyAt;
};

} // namespace ascsync::ui
