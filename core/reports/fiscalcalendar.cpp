#include "fiscalcalendar.h"

#include "pacifictime.h"

using namespace Qt::StringLiterals;

namespace ascsync::reports {

namespace {

constexpr int kSaturday = 6;
constexpr int kMonthsPerYear = 12;
constexpr int kDaysUntilFirstFriday = 5; // fiscal months start on a Sunday
// Weeks of each fiscal month in a 52-week year, October first.
constexpr int kWeeks[kMonthsPerYear] = {5, 4, 4, 5, 4, 4, 5, 4, 4, 5, 4, 4};

int weeksOfMonth(int fiscalYear, int index)
{
    return kWeeks[index] + (index == 0 && FiscalCalendar::weeksInYear(fiscalYear) == 53 ? 1 : 0);
}

// October = 0 … September = 11.
int monthIndex(int calendarMonth)
{
    return (calendarMonth + 2) % kMonthsPerYear;
}

int calendarMonth(int index)
{
    return (index + 9) % kMonthsPerYear + 1;
}

QString monthName(int fiscalYear, int index)
{
    const int month = calendarMonth(index);
    const int year = month >= 10 ? fiscalYear - 1 : fiscalYear;
    return u"%1-%2"_s.arg(year, 4, 10, QLatin1Char('0')).arg(month, 2, 10, QLatin1Char('0'));
}

} // namespace

QDate FiscalCalendar::yearStart(int fiscalYear)
{
    QDate lastSaturday(fiscalYear - 1, 9, 30);
    while (lastSaturday.dayOfWeek() != kSaturday) {
        lastSaturday = lastSaturday.addDays(-1);
    }
    return lastSaturday.addDays(1);
}

QDate FiscalCalendar::yearEnd(int fiscalYear)
{
    return yearStart(fiscalYear + 1).addDays(-1);
}

int FiscalCalendar::fiscalYear(QDate day)
{
    return day >= yearStart(day.year() + 1) ? day.year() + 1 : day.year();
}

int FiscalCalendar::weeksInYear(int fiscalYear)
{
    return static_cast<int>(yearStart(fiscalYear).daysTo(yearStart(fiscalYear + 1)) / 7);
}

QString FiscalCalendar::monthFor(QDate day)
{
    if (!day.isValid()) {
        return QString();
    }
    const int year = fiscalYear(day);
    qint64 week = yearStart(year).daysTo(day) / 7;
    int index = 0;
    while (week >= weeksOfMonth(year, index)) {
        week -= weeksOfMonth(year, index);
        ++index;
    }
    return monthName(year, index);
}

Result<DateRange> FiscalCalendar::range(QStringView fiscalMonth)
{
    const auto invalid = [&fiscalMonth] {
        return makeError(
            u"reports.fiscalMonth"_s,
            u"“%1” is not a fiscal month: write it as YYYY-MM, e.g. 2024-01."_s.arg(fiscalMonth));
    };
    if (fiscalMonth.size() != 7 || fiscalMonth.at(4) != u'-') {
        return invalid();
    }
    bool yearOk = false;
    bool monthOk = false;
    const int year = fiscalMonth.first(4).toInt(&yearOk);
    const int month = fiscalMonth.sliced(5).toInt(&monthOk);
    if (!yearOk || !monthOk || year < 1000 || month < 1 || month > kMonthsPerYear) {
        return invalid();
    }
    const int fy = month >= 10 ? year + 1 : year;
    const int index = monthIndex(month);
    QDate first = yearStart(fy);
    for (int i = 0; i < index; ++i) {
        first = first.addDays(7 * weeksOfMonth(fy, i));
    }
    return DateRange{first, first.addDays(7 * weeksOfMonth(fy, index) - 1)};
}

QStringList FiscalCalendar::monthsBetween(QDate first, QDate last)
{
    QStringList months;
    for (QDate day = first; day.isValid() && day <= last;) {
        const QString month = monthFor(day);
        months.append(month);
        day = range(month)->last.addDays(1);
    }
    return months;
}

Result<QDateTime> FiscalCalendar::availableAt(QStringView fiscalMonth)
{
    const Result<DateRange> days = range(fiscalMonth);
    if (!days) {
        return days.error();
    }
    const QDate firstFriday = days->last.addDays(1 + kDaysUntilFirstFriday);
    return pacificToUtc(firstFriday.addDays(1), QTime(0, 0));
}

} // namespace ascsync::reports
