#include "fiscalcalendar.h"

#include <QRegularExpression>

#include <array>

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

namespace {

constexpr std::array<int, 12> kWeeksPerMonth = {5, 4, 4, 5, 4, 4, 5, 4, 4, 5, 4, 4}; // October first

QDate lastSaturdayOfSeptember(int year)
{
    const QDate september30(year, 9, 30);
    const int daysBack = (september30.dayOfWeek() - Qt::Saturday + 7) % 7;
    return september30.addDays(-daysBack);
}

} // namespace

QDate FiscalCalendar::fiscalYearStart(int fiscalYear)
{
    return lastSaturdayOfSeptember(fiscalYear - 1).addDays(1);
}

int FiscalCalendar::weeksInFiscalYear(int fiscalYear)
{
    return int(fiscalYearStart(fiscalYear).daysTo(fiscalYearStart(fiscalYear + 1)) / 7);
}

FiscalCalendar::Month FiscalCalendar::month(int year, int month)
{
    const int fiscalYear = month >= 10 ? year + 1 : year;
    const int index = (month + 2) % 12; // October -> 0 ... September -> 11
    const bool longYear = weeksInFiscalYear(fiscalYear) == 53;
    int weeksBefore = 0;
    for (int i = 0; i < index; ++i)
        weeksBefore += kWeeksPerMonth[size_t(i)];
    if (longYear && index > 0)
        weeksBefore += 1; // October took the extra week
    const int weeks = kWeeksPerMonth[size_t(index)] + (longYear && index == 0 ? 1 : 0);
    Month result;
    result.year = year;
    result.month = month;
    result.start = fiscalYearStart(fiscalYear).addDays(7 * weeksBefore);
    result.end = result.start.addDays(7 * weeks - 1);
    return result;
}

FiscalCalendar::Month FiscalCalendar::monthContaining(QDate date)
{
    // The fiscal month named after a calendar month never starts more than a week before it or ends more
    // than a week after it, so the candidates are the date's own month and its neighbours.
    for (int offset = -1; offset <= 1; ++offset) {
        const QDate probe = QDate(date.year(), date.month(), 1).addMonths(offset);
        const Month candidate = month(probe.year(), probe.month());
        if (candidate.start <= date && date <= candidate.end)
            return candidate;
    }
    Q_UNREACHABLE();
    return month(date.year(), date.month());
}

std::optional<FiscalCalendar::Month> FiscalCalendar::parse(const QString &text)
{
    static const QRegularExpression pattern(u"^(\\d{4})-(\\d{2})$"_s);
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    const int year = match.captured(1).toInt();
    const int monthNumber = match.captured(2).toInt();
    if (monthNumber < 1 || monthNumber > 12 || year < 2000)
        return std::nullopt;
    return month(year, monthNumber);
}

QDate FiscalCalendar::reportReleaseDate(const Month &fiscalMonth)
{
    return fiscalMonth.end.addDays(6); // the month ends on a Saturday; the next Friday is six days later
}

} // namespace ascsync::sandbox
