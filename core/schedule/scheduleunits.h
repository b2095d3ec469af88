#pragma once

#include "syncschedule.h"

#include <QString>

namespace ascsync::schedule {

// What a scheduled run executes: `<executable> sync [--config <configPath>]`.
struct SyncInvocation {
    QString executable; // absolute path of the installed (or running) ascsync
    QString configPath; // absolute; empty = the default settings file
};

// The systemd user units of a scheduled sync: a oneshot service running the sync and a persistent timer
// starting it. Both are named after the app id, so they are easy to find and never clash with other units.
struct ScheduleUnits {
    QString serviceName; // "io.github.ascsync.Ascsync-sync.service"
    QString timerName;   // "io.github.ascsync.Ascsync-sync.timer"
    QString serviceText;
    QString timerText;
};

// The unit name stem shared by the service and the timer.
QString unitStem();

// The directory systemd reads a user's own units from: $XDG_CONFIG_HOME/systemd/user
// (~/.config/systemd/user).
QString userUnitDirectory();

// The units for `schedule` (not manual) running `invocation`.
ScheduleUnits makeScheduleUnits(const SyncSchedule &schedule, const SyncInvocation &invocation);

// One crontab line doing the same where systemd is not available (no randomized delay, no catch-up).
QString cronLine(const SyncSchedule &schedule, const SyncInvocation &invocation);

// The schedule text a timer written by makeScheduleUnits() was made from, or empty when it names none.
QString scheduleOfTimer(const QString &timerText);

} // namespace ascsync::schedule
