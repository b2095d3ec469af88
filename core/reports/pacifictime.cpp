#include "pacifictime.h"

namespace ascsync::reports {

namespace {

constexpr qint64 kHour = 3600;
constexpr int kSunday = 7;

QDate nthSunday(int year, int month, int n)
{
    QDate day(year, month, 1);
    while (day.dayOfWeek() != kSunday) {
        day = day.addDays(1);
    }
    return day.addDays(7 * (n - 1));
}

bool isDaylightTime(const QDateTime &utc)
{
    const int year = utc.date().year();
    const QDateTime start(nthSunday(year, 3, 2), QTime(10, 0), Qt::UTC); // 02:00 PST
    const QDateTime end(nthSunday(year, 11, 1), QTime(9, 0), Qt::UTC);   // 02:00 PDT
    return utc >= start && utc < end;
}

} // namespace

QDate pacificDate(const QDateTime &instant)
{
    const QDateTime utc = instant.toUTC();
    return utc.addSecs((isDaylightTime(utc) ? -7 : -8) * kHour).date();
}

QDateTime pacificToUtc(QDate date, QTime time)
{
    const QDateTime wallClockAsUtc(date, time, Qt::UTC);
    const QDateTime ifDaylight = wallClockAsUtc.addSecs(7 * kHour);
    return isDaylightTime(ifDaylight) ? ifDaylight : wallClockAsUtc.addSecs(8 * kHour);
}

} // namespace ascsync::reports
