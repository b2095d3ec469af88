#pragma once

#include "daterange.h"
#include "salesstreams.h"

#include <QDateTime>
#include <QList>

namespace ascsync::reports {

// One Sales and Trends report to request: what to send as `filter[reportDate]`, which days it covers and
// when Apple publishes it.
struct SalesReportPeriod {
    SalesFrequency frequency = SalesFrequency::Daily;
    // DAILY `YYYY-MM-DD`; WEEKLY `YYYY-MM-DD` of the Sunday that ends the week; MONTHLY `YYYY-MM`; YEARLY
    // `YYYY`.
    QString reportDate;
    DateRange days;
    // UTC. Before it a 404 means "not generated yet, ask again later"; after it a 404 means there is no
    // report (no sales that day).
    QDateTime availableAt;

    bool isAvailable(const QDateTime &now) const { return now >= availableAt; }
};

// When Sales and Trends reports exist (API-NOTES §6.2, §6.4). Weeks run Monday to Sunday. A report is
// published, "generally by 8 a.m. Pacific", one day after a day or week ends, 5 days after a month ends and 6
// days after a year ends. Daily, weekly and monthly reports are kept one year, yearly ones indefinitely.
class SalesCalendar {
public:
    // The period of `frequency` that contains `day`.
    static SalesReportPeriod periodContaining(SalesFrequency frequency, QDate day);

    // The reports worth requesting at `now`: every period that has ended (by Pacific date), ends on or after
    // `since` and is still kept by Apple (daily/weekly/monthly: its last day is less than a year before
    // today; the exact cut-off is UNVERIFIED, so the oldest day of Apple's year is left out rather than asked
    // for and refused with 410). Oldest first. Periods that ended but are not published yet are included so
    // the caller can tell them apart with isAvailable(). An invalid `since` means "as far back as Apple
    // keeps"; for YEARLY, which Apple keeps forever, it then means only the latest year.
    static QList<SalesReportPeriod> periodsToRequest(SalesFrequency frequency, const QDateTime &now,
                                                     QDate since);
};

} // namespace ascsync::reports
