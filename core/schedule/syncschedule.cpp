#include "syncschedule.h"

#include <QRegularExpression>
#include <QStringList>

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace ascsync::schedule {

namespace {

constexpr std::array kHourSteps{1, 2, 3, 4, 6, 8, 12};

// systemd and cron both accept English three-letter names; cron also numbers Sunday 0.
const QStringList &weekdayNames()
{
    static const QStringList names{u"monday"_s, u"tuesday"_s,  u"wednesday"_s, u"thursday"_s,
                                   u"friday"_s, u"saturday"_s, u"sunday"_s};
    return names;
}

int weekdayFromName(const QString &name)
{
    const QStringList &names = weekdayNames();
    for (int index = 0; index < names.size(); ++index) {
        if (name == names.at(index) || (name.size() == 3 && names.at(index).startsWith(name))) {
            return index + 1;
        }
    }
    return 0;
}

QString shortWeekday(int weekday)
{
    const QString name = weekdayNames().value(weekday - 1);
    return name.left(1).toUpper() + name.mid(1, 2);
}

Result<QTime> timeOfDay(const QString &text, const QString &original)
{
    static const QRegularExpression hhmm(u"^([0-9]{1,2}):([0-9]{2})$"_s);
    const auto match = hhmm.match(text);
    const QTime time =
        match.hasMatch() ? QTime(match.captured(1).toInt(), match.captured(2).toInt()) : QTime();
    if (!time.isValid()) {
        return makeError(u"schedule.time"_s,
                         u"The schedule \"%1\" has no valid time of day: write it as HH:MM on a 24-hour "
                         u"clock, like 06:00 or 18:30."_s.arg(original));
    }
    return time;
}

Error unknownSchedule(const QString &text)
{
    return makeError(
        u"schedule.invalid"_s,
        u"The schedule \"%1\" is not one ascsync knows. Use manual, hourly, every Nh (N = 1, 2, 3, "
        u"4, 6, 8 or 12), daily HH:MM or weekly DAY HH:MM (like weekly mon 06:00)."_s.arg(text));
}

} // namespace

Result<SyncSchedule> SyncSchedule::parse(const QString &text)
{
    const QString normalised = text.simplified().toLower();
    const QStringList words = normalised.split(u' ', Qt::SkipEmptyParts);
    SyncSchedule schedule;
    if (normalised == u"manual"_s) {
        schedule.kind = Kind::Manual;
        return schedule;
    }
    if (normalised == u"hourly"_s) {
        schedule.kind = Kind::EveryHours;
        schedule.everyHours = 1;
        return schedule;
    }
    if (words.size() == 2 && words.at(0) == u"every"_s && words.at(1).endsWith(u'h')) {
        bool ok = false;
        const int hours = words.at(1).chopped(1).toInt(&ok);
        if (!ok || std::find(kHourSteps.begin(), kHourSteps.end(), hours) == kHourSteps.end()) {
            return makeError(
                u"schedule.hours"_s,
                u"The schedule \"%1\" must repeat every 1, 2, 3, 4, 6, 8 or 12 hours, so that runs "
                u"are evenly spaced over the day (like every 6h)."_s.arg(text));
        }
        schedule.kind = Kind::EveryHours;
        schedule.everyHours = hours;
        return schedule;
    }
    if (words.size() == 2 && words.at(0) == u"daily"_s) {
        const auto time = timeOfDay(words.at(1), text);
        if (!time) {
            return time.error();
        }
        schedule.kind = Kind::Daily;
        schedule.at = time.value();
        return schedule;
    }
    if (words.size() == 3 && words.at(0) == u"weekly"_s) {
        const int weekday = weekdayFromName(words.at(1));
        if (weekday == 0) {
            return makeError(
                u"schedule.weekday"_s,
                u"The schedule \"%1\" names no day of the week: use mon, tue, wed, thu, fri, sat "
                u"or sun (like weekly mon 06:00)."_s.arg(text));
        }
        const auto time = timeOfDay(words.at(2), text);
        if (!time) {
            return time.error();
        }
        schedule.kind = Kind::Weekly;
        schedule.weekday = weekday;
        schedule.at = time.value();
        return schedule;
    }
    return unknownSchedule(text);
}

QString SyncSchedule::toString() const
{
    switch (kind) {
    case Kind::Manual:
        return u"manual"_s;
    case Kind::EveryHours:
        return everyHours == 1 ? u"hourly"_s : u"every %1h"_s.arg(everyHours);
    case Kind::Daily:
        return u"daily "_s + at.toString(u"HH:mm"_s);
    case Kind::Weekly:
        return u"weekly "_s + shortWeekday(weekday).toLower() + u' ' + at.toString(u"HH:mm"_s);
    }
    return {};
}

QString SyncSchedule::describe() const
{
    switch (kind) {
    case Kind::Manual:
        return u"only when you start a sync"_s;
    case Kind::EveryHours:
        return everyHours == 1 ? u"every hour"_s : u"every %1 hours"_s.arg(everyHours);
    case Kind::Daily:
        return u"every day at "_s + at.toString(u"HH:mm"_s);
    case Kind::Weekly: {
        const QString day = weekdayNames().value(weekday - 1);
        return u"every "_s + day.left(1).toUpper() + day.mid(1) + u" at "_s + at.toString(u"HH:mm"_s);
    }
    }
    return {};
}

QString SyncSchedule::onCalendar() const
{
    switch (kind) {
    case Kind::Manual:
        return {};
    case Kind::EveryHours:
        return everyHours == 1 ? u"*-*-* *:00:00"_s : u"*-*-* 00/%1:00:00"_s.arg(everyHours);
    case Kind::Daily:
        return u"*-*-* "_s + at.toString(u"HH:mm"_s) + u":00"_s;
    case Kind::Weekly:
        return shortWeekday(weekday) + u" *-*-* "_s + at.toString(u"HH:mm"_s) + u":00"_s;
    }
    return {};
}

QString SyncSchedule::cronFields() const
{
    switch (kind) {
    case Kind::Manual:
        return {};
    case Kind::EveryHours:
        return everyHours == 1 ? u"0 * * * *"_s : u"0 */%1 * * *"_s.arg(everyHours);
    case Kind::Daily:
        return u"%1 %2 * * *"_s.arg(at.minute()).arg(at.hour());
    case Kind::Weekly:
        return u"%1 %2 * * %3"_s.arg(at.minute()).arg(at.hour()).arg(weekday % 7);
    }
    return {};
}

int SyncSchedule::randomizedDelayMinutes() const
{
    switch (kind) {
    case Kind::Manual:
        return 0;
    case Kind::EveryHours:
        return everyHours == 1 ? 5 : 10;
    case Kind::Daily:
    case Kind::Weekly:
        return 15;
    }
    return 0;
}

QDateTime SyncSchedule::nextRun(const QDateTime &after) const
{
    // An invalid moment (also a local time inside a daylight-saving gap) compares below every candidate, so
    // the searches below would never end.
    if (!after.isValid()) {
        return {};
    }
    const QDateTime local = after.toLocalTime();
    switch (kind) {
    case Kind::Manual:
        return {};
    case Kind::EveryHours: {
        // Candidates are the whole hours divisible by everyHours; at most 12 hours ahead.
        QDateTime candidate(local.date(), QTime(local.time().hour(), 0));
        while (candidate <= local || candidate.time().hour() % everyHours != 0) {
            candidate = candidate.addSecs(3600);
        }
        return candidate;
    }
    // A day on which `at` does not exist (the spring-forward gap) has no run, as systemd skips it too.
    case Kind::Daily: {
        QDate day = local.date();
        while (!QDateTime(day, at).isValid() || QDateTime(day, at) <= local) {
            day = day.addDays(1);
        }
        return QDateTime(day, at);
    }
    case Kind::Weekly: {
        QDate day = local.date();
        while (day.dayOfWeek() != weekday || !QDateTime(day, at).isValid() || QDateTime(day, at) <= local) {
            day = day.addDays(1);
        }
        return QDateTime(day, at);
    }
    }
    return {};
}

} // namespace ascsync::schedule
