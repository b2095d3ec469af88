// libFuzzer target: schedule::SyncSchedule::parse (the `manual | hourly | every Nh | daily HH:MM |
// weekly DAY HH:MM` grammar of settings, the desktop app and `ascsync schedule`) and scheduleOfTimer, which
// reads the schedule back out of an installed systemd timer.
//
// Input: one byte picks the moment nextRun() starts from, the rest is the schedule text. Promises checked:
// parse(toString()) gives the same schedule; the systemd timer written for a schedule gives its text back;
// a scheduled run comes strictly later and within 14 days (the process runs in America/Los_Angeles, so
// daylight-saving gaps and repeats are reached); a cron line has five time fields.

#include "fuzzsupport.h"

#include "core/schedule/scheduleunits.h"
#include "core/schedule/syncschedule.h"

#include <cstdlib>

using namespace ascsync::schedule;
using namespace Qt::StringLiterals;

namespace {

bool sameSchedule(const SyncSchedule &a, const SyncSchedule &b)
{
    return a.kind == b.kind && a.everyHours == b.everyHours && a.at == b.at && a.weekday == b.weekday;
}

QDateTime startFrom(uint8_t choice)
{
    // Around the 2024 spring-forward (Mar 10, 02:00 skipped) and fall-back (Nov 3, 01:00 twice) in Los
    // Angeles.
    const QDate day = (choice & 1) ? QDate(2024, 11, 2) : QDate(2024, 3, 9);
    return QDateTime(day.addDays((choice >> 1) % 3), QTime(0, 0).addSecs((choice >> 3) * 450));
}

void checkSchedule(const SyncSchedule &schedule, uint8_t choice)
{
    const QString text = schedule.toString();
    const auto again = SyncSchedule::parse(text);
    FUZZ_CHECK(again && sameSchedule(schedule, *again) && again->toString() == text);
    FUZZ_CHECK(!schedule.describe().isEmpty());
    if (schedule.isManual()) {
        FUZZ_CHECK(schedule.onCalendar().isEmpty() && schedule.cronFields().isEmpty());
        return;
    }
    FUZZ_CHECK(!schedule.onCalendar().isEmpty());
    FUZZ_CHECK(schedule.cronFields().split(u' ').size() == 5);
    FUZZ_CHECK(schedule.randomizedDelayMinutes() >= 0);
    const QDateTime after = startFrom(choice);
    const QDateTime next = schedule.nextRun(after);
    if (!after.isValid()) {
        FUZZ_CHECK(!next.isValid()); // a local time inside the spring-forward gap
    } else {
        // Within a week, or two when the week's run falls into the spring-forward gap: systemd skips a local
        // time that does not exist (checked with systemd-analyze calendar --base-time), and so does nextRun.
        FUZZ_CHECK(next.isValid() && next > after && next <= after.addDays(15));
    }
    const SyncInvocation invocation{u"/usr/bin/ascsync"_s, u"/home/ana/.config/ascsync/settings.ini"_s};
    FUZZ_CHECK(scheduleOfTimer(makeScheduleUnits(schedule, invocation).timerText) == text);
    FUZZ_CHECK(cronLine(schedule, invocation).startsWith(schedule.cronFields()));
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    setenv("TZ", "America/Los_Angeles", 1);
    ascsync::fuzz::installQuietMessageHandler();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) {
        return 0;
    }
    const QString text = QString::fromUtf8(ascsync::fuzz::bytesOf(data + 1, size - 1));
    const auto schedule = SyncSchedule::parse(text);
    if (schedule) {
        checkSchedule(*schedule, data[0]);
    } else {
        FUZZ_CHECK(schedule.error().code.startsWith(u"schedule."_s) && !schedule.error().message.isEmpty());
    }
    const QString fromTimer = scheduleOfTimer(text);
    FUZZ_CHECK(!fromTimer.contains(u'\n'));
    return 0;
}
