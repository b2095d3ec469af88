#include "salescalendar.h"

#include "pacifictime.h"

using namespace Qt::StringLiterals;

namespace ascsync::reports {

namespace {

constexpr int kSunday = 7;
const QTime kPublishedBy(8, 0);

QString isoDay(QDate day)
{
    return day.toString(Qt::ISODate);
}

DateRange daysOf(SalesFrequency frequency, QDate day)
{
    switch (frequency) {
    case SalesFrequency::Daily:
        return {day, day};
    case SalesFrequency::Weekly: {
        const QDate sunday = day.addDays(kSunday - day.dayOfWeek());
        return {sunday.addDays(-6), sunday};
    }
    case SalesFrequency::Monthly: {
        const QDate first(day.year(), day.month(), 1);
        return {first, first.addMonths(1).addDays(-1)};
    }
    case SalesFrequency::Yearly:
        return {QDate(day.year(), 1, 1), QDate(day.year(), 12, 31)};
    }
    return {day, day};
}

int publicationDelayDays(SalesFrequency frequency)
{
    switch (frequency) {
    case SalesFrequency::Daily:
    case SalesFrequency::Weekly:
        return 1;
    case SalesFrequency::Monthly:
        return 5;
    case SalesFrequency::Yearly:
        return 6;
    }
    return 1;
}

} // namespace

SalesReportPeriod SalesCalendar::periodContaining(SalesFrequency frequency, QDate day)
{
    SalesReportPeriod period;
    period.frequency = frequency;
    period.days = daysOf(frequency, day);
    switch (frequency) {
    case SalesFrequency::Daily:
    case SalesFrequency::Weekly:
        period.reportDate = isoDay(period.days.last);
        break;
    case SalesFrequency::Monthly:
        period.reportDate = period.days.first.toString(u"yyyy-MM"_s);
        break;
    case SalesFrequency::Yearly:
        period.reportDate = QString::number(period.days.first.year());
        break;
    }
    period.availableAt =
        pacificToUtc(period.days.last.addDays(publicationDelayDays(frequency)), kPublishedBy);
    return period;
}

QList<SalesReportPeriod> SalesCalendar::periodsToRequest(SalesFrequency frequency, const QDateTime &now,
                                                         QDate since)
{
    const QDate today = pacificDate(now);
    QDate from = since;
    if (frequency != SalesFrequency::Yearly) {
        // Kept one year: the last day must lie strictly after the same date one year ago.
        const QDate oldestKept = today.addYears(-1).addDays(1);
        if (!from.isValid() || from < oldestKept) {
            from = oldestKept;
        }
    } else if (!from.isValid()) {
        from = QDate(today.year() - 1, 1, 1);
    }
    QList<SalesReportPeriod> periods;
    for (SalesReportPeriod period = periodContaining(frequency, from); period.days.last < today;
         period = periodContaining(frequency, period.days.last.addDays(1))) {
        if (period.days.last >= from) {
            periods.append(period);
        }
    }
    return periods;
}

} // namespace ascsync::reports
