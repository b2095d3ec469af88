#pragma once

#include "daterange.h"

#include "core/common/result.h"

#include <QDateTime>
#include <QStringList>

namespace ascsync::reports {

// Apple's fiscal calendar, which names the months of /v1/financeReports (`filter[reportDate]=YYYY-MM`,
// API-NOTES §7.4): weeks run Sunday to Saturday; fiscal year N starts on the Sunday after the last Saturday
// of September of year N-1; each quarter is 5-4-4 weeks (October, January, April and July have five). A
// fiscal month is named by the calendar month it mostly covers: `2024-01` is 2023-12-31 … 2024-02-03.
//
// A 53-week year happens every 5 or 6 years (FY2023: 2022-09-25 … 2023-09-30). Apple puts the extra week in
// the first quarter; which month gets it is UNVERIFIED. This calendar gives it to the first month (October
// gets six weeks), the only choice that keeps the later months identical to a 52-week year.
class FiscalCalendar {
public:
    // FY2024 -> 2023-10-01.
    static QDate yearStart(int fiscalYear);
    // FY2024 -> 2024-09-28.
    static QDate yearEnd(int fiscalYear);
    // The fiscal year that contains `day`.
    static int fiscalYear(QDate day);
    // 52, or 53 when the year has the extra week.
    static int weeksInYear(int fiscalYear);

    // The fiscal month (`YYYY-MM`) that contains `day`.
    static QString monthFor(QDate day);
    // The days of fiscal month `YYYY-MM`; an error for anything else.
    static Result<DateRange> range(QStringView fiscalMonth);

    // Every fiscal month that overlaps [first, last], oldest first.
    static QStringList monthsBetween(QDate first, QDate last);

    // When the finance reports of `fiscalMonth` can be expected: Apple publishes them "by the first Friday of
    // the current fiscal month", i.e. the Friday of the following fiscal month's first week. The time of day
    // is not documented, so this is the end of that Friday (Saturday 00:00 Pacific), returned in UTC: before
    // it a 404 means "not yet", after it a 404 means there were no sales or refunds that month.
    static Result<QDateTime> availableAt(QStringView fiscalMonth);
};

} // namespace ascsync::reports
