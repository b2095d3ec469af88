#pragma once

#include "core/common/result.h"

#include <QDateTime>
#include <QString>
#include <QTime>

namespace ascsync::schedule {

// When scheduled syncs run: the text of Settings::schedule, parsed. One grammar for the settings file, the
// desktop app and `ascsync schedule` (case and extra spaces do not matter):
//   manual                 no scheduled sync (the default of nothing; "Sync now" and `ascsync sync` only)
//   hourly                 at the start of every hour
//   every Nh               every N hours from midnight, N one of 1 2 3 4 6 8 12 (so runs are evenly spaced)
//   daily HH:MM            every day at HH:MM (the default: daily 06:00)
//   weekly DAY HH:MM       every week on DAY (mon … sun, or the full name) at HH:MM
// Times are the computer's local time, as systemd timers and cron read them.
struct SyncSchedule {
    enum class Kind { Manual, EveryHours, Daily, Weekly };

    Kind kind = Kind::Daily;
    int everyHours = 1;       // EveryHours: 1 ("hourly") to 12
    QTime at = QTime(6, 0);   // Daily, Weekly
    int weekday = Qt::Monday; // Weekly: Qt::DayOfWeek, 1 = Monday … 7 = Sunday

    // A clear message naming the accepted forms when `text` is none of them.
    static Result<SyncSchedule> parse(const QString &text);

    bool isManual() const { return kind == Kind::Manual; }
    // The canonical settings text ("daily 06:00", "every 6h", "hourly", …): parse(toString()) gives it back.
    QString toString() const;
    // For people: "every day at 06:00".
    QString describe() const;
    // systemd.time(7) calendar event for OnCalendar= ("*-*-* 06:00:00"). Empty for manual.
    QString onCalendar() const;
    // The five time fields of a crontab line ("0 6 * * *"). Empty for manual.
    QString cronFields() const;
    // Spreads the runs of many users (and machines) so they do not hit Apple's API at the same second.
    int randomizedDelayMinutes() const;
    // The first run strictly after `after`, in local time, before any randomized delay. Invalid for manual
    // and for an invalid `after`.
    QDateTime nextRun(const QDateTime &after) const;
};

} // namespace ascsync::schedule
