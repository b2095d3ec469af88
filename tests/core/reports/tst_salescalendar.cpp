// Sales and Trends report dates: filter[reportDate] values, retention and publication times on Pacific time.
#include "core/reports/pacifictime.h"
#include "core/reports/salescalendar.h"

#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace ascsync::reports;

namespace {

QDate day(const char *iso)
{
    return QDate::fromString(QString::fromLatin1(iso), Qt::ISODate);
}

QDateTime utc(const char *iso)
{
    QDateTime t = QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate);
    t.setTimeSpec(Qt::UTC);
    return t;
}

QStringList reportDates(const QList<SalesReportPeriod> &periods)
{
    QStringList dates;
    for (const SalesReportPeriod &period : periods) {
        dates.append(period.reportDate);
    }
    return dates;
}

} // namespace

class TestSalesCalendar : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void pacificTimeRules()
    {
        // DST 2024: from Sunday 03-10 02:00 PST to Sunday 11-03 02:00 PDT.
        QCOMPARE(pacificToUtc(day("2024-03-09"), QTime(8, 0)), utc("2024-03-09T16:00:00"));
        QCOMPARE(pacificToUtc(day("2024-03-10"), QTime(8, 0)), utc("2024-03-10T15:00:00"));
        QCOMPARE(pacificToUtc(day("2024-03-10"), QTime(0, 0)), utc("2024-03-10T08:00:00"));
        QCOMPARE(pacificToUtc(day("2024-11-02"), QTime(8, 0)), utc("2024-11-02T15:00:00"));
        QCOMPARE(pacificToUtc(day("2024-11-03"), QTime(0, 0)), utc("2024-11-03T07:00:00"));
        QCOMPARE(pacificToUtc(day("2024-11-03"), QTime(8, 0)), utc("2024-11-03T16:00:00"));
        QCOMPARE(pacificDate(utc("2024-07-01T06:59:59")), day("2024-06-30"));
        QCOMPARE(pacificDate(utc("2024-07-01T07:00:00")), day("2024-07-01"));
        QCOMPARE(pacificDate(utc("2024-01-01T07:59:59")), day("2023-12-31"));
        QCOMPARE(pacificDate(utc("2024-01-01T08:00:00")), day("2024-01-01"));
    }

    void pacificTimeMatchesTheTimeZoneDatabase()
    {
        // An independent check of the hand-written rule, where the system has the tz database.
        const QTimeZone zone(QByteArrayLiteral("America/Los_Angeles"));
        if (!zone.isValid()) {
            QSKIP("no time-zone database on this machine");
        }
        for (QDateTime t = utc("2023-01-01T00:30:00"); t < utc("2027-01-01T00:00:00"); t = t.addSecs(3600)) {
            QCOMPARE(pacificDate(t), t.toTimeZone(zone).date());
        }
        for (QDate d = day("2023-01-01"); d < day("2027-01-01"); d = d.addDays(1)) {
            QCOMPARE(pacificToUtc(d, QTime(8, 0)), QDateTime(d, QTime(8, 0), zone).toUTC());
        }
    }

    void periodContaining()
    {
        const SalesReportPeriod daily =
            SalesCalendar::periodContaining(SalesFrequency::Daily, day("2024-03-05"));
        QCOMPARE(daily.reportDate, u"2024-03-05"_s);
        QCOMPARE(daily.days, (DateRange{day("2024-03-05"), day("2024-03-05")}));
        QCOMPARE(daily.availableAt, utc("2024-03-06T16:00:00")); // next day, 08:00 PST

        // Weeks run Monday to Sunday and are named by their Sunday; published on Monday (PDT by then).
        for (const char *inWeek : {"2024-03-04", "2024-03-06", "2024-03-10"}) {
            const SalesReportPeriod weekly =
                SalesCalendar::periodContaining(SalesFrequency::Weekly, day(inWeek));
            QCOMPARE(weekly.reportDate, u"2024-03-10"_s);
            QCOMPARE(weekly.days, (DateRange{day("2024-03-04"), day("2024-03-10")}));
            QCOMPARE(weekly.availableAt, utc("2024-03-11T15:00:00"));
        }
        QCOMPARE(SalesCalendar::periodContaining(SalesFrequency::Weekly, day("2024-03-11")).reportDate,
                 u"2024-03-17"_s);

        const SalesReportPeriod monthly =
            SalesCalendar::periodContaining(SalesFrequency::Monthly, day("2024-02-14"));
        QCOMPARE(monthly.reportDate, u"2024-02"_s);
        QCOMPARE(monthly.days, (DateRange{day("2024-02-01"), day("2024-02-29")}));
        QCOMPARE(monthly.availableAt, utc("2024-03-05T16:00:00")); // 5 days after the month ends

        const SalesReportPeriod yearly =
            SalesCalendar::periodContaining(SalesFrequency::Yearly, day("2024-07-04"));
        QCOMPARE(yearly.reportDate, u"2024"_s);
        QCOMPARE(yearly.days, (DateRange{day("2024-01-01"), day("2024-12-31")}));
        QCOMPARE(yearly.availableAt, utc("2025-01-06T16:00:00")); // 6 days after the year ends
    }

    void dailyWithinRetention()
    {
        const QDateTime now = utc("2025-06-10T12:00:00"); // 05:00 PDT on June 10
        const QList<SalesReportPeriod> periods =
            SalesCalendar::periodsToRequest(SalesFrequency::Daily, now, QDate());
        QCOMPARE(periods.size(), 364);
        QCOMPARE(periods.first().reportDate, u"2024-06-11"_s); // kept one year; the edge day is left out
        QCOMPARE(periods.last().reportDate, u"2025-06-09"_s);  // today's report does not exist yet
        for (qsizetype i = 1; i < periods.size(); ++i) {
            QCOMPARE(periods.at(i - 1).days.last.addDays(1), periods.at(i).days.first);
        }
        // Yesterday's report is published at 08:00 Pacific: "not yet" before, "missing" after.
        QVERIFY(!periods.last().isAvailable(now));
        QVERIFY(periods.last().isAvailable(utc("2025-06-10T15:00:00")));
        QVERIFY(periods.at(periods.size() - 2).isAvailable(now));
    }

    void sinceLimitsTheStart()
    {
        const QDateTime now = utc("2025-06-10T12:00:00");
        QCOMPARE(reportDates(SalesCalendar::periodsToRequest(SalesFrequency::Daily, now, day("2025-06-07"))),
                 (QStringList{u"2025-06-07"_s, u"2025-06-08"_s, u"2025-06-09"_s}));
        // A since older than the retention is clipped to it.
        QCOMPARE(SalesCalendar::periodsToRequest(SalesFrequency::Daily, now, day("2020-01-01")).size(), 364);
    }

    void todayIsPacificToday()
    {
        // 05:00 UTC on June 10 is still June 9 in California: June 9 has not ended there.
        const QList<SalesReportPeriod> periods = SalesCalendar::periodsToRequest(
            SalesFrequency::Daily, utc("2025-06-10T05:00:00"), day("2025-06-07"));
        QCOMPARE(reportDates(periods), (QStringList{u"2025-06-07"_s, u"2025-06-08"_s}));
    }

    void weeklyPeriods()
    {
        const QDateTime now = utc("2025-06-11T18:00:00"); // Wednesday
        const QList<SalesReportPeriod> periods =
            SalesCalendar::periodsToRequest(SalesFrequency::Weekly, now, day("2025-05-14"));
        QCOMPARE(reportDates(periods),
                 (QStringList{u"2025-05-18"_s, u"2025-05-25"_s, u"2025-06-01"_s, u"2025-06-08"_s}));
        for (const SalesReportPeriod &period : periods) {
            QCOMPARE(period.days.first.dayOfWeek(), 1);
            QCOMPARE(period.days.last.dayOfWeek(), 7);
            QVERIFY(period.isAvailable(now));
        }
        // Over the whole retention: about 52 weeks, none older than a year.
        const QList<SalesReportPeriod> year =
            SalesCalendar::periodsToRequest(SalesFrequency::Weekly, now, QDate());
        QCOMPARE(year.size(), 52);
        QVERIFY(year.first().days.last > day("2024-06-11"));
    }

    void monthlyPeriods()
    {
        const QDateTime now = utc("2025-06-04T18:00:00");
        const QList<SalesReportPeriod> periods =
            SalesCalendar::periodsToRequest(SalesFrequency::Monthly, now, QDate());
        QCOMPARE(periods.size(), 12);
        QCOMPARE(periods.first().reportDate, u"2024-06"_s);
        QCOMPARE(periods.last().reportDate, u"2025-05"_s);
        QVERIFY(!periods.last().isAvailable(now)); // May is published on June 5
        QVERIFY(periods.last().isAvailable(utc("2025-06-05T15:00:00")));
        QVERIFY(periods.at(10).isAvailable(now));
    }

    void yearlyIsKeptForever()
    {
        const QDateTime now = utc("2025-01-03T18:00:00");
        const QList<SalesReportPeriod> periods =
            SalesCalendar::periodsToRequest(SalesFrequency::Yearly, now, day("2020-03-01"));
        QCOMPARE(reportDates(periods), (QStringList{u"2020"_s, u"2021"_s, u"2022"_s, u"2023"_s, u"2024"_s}));
        QVERIFY(!periods.last().isAvailable(now)); // 2024 is published on 2025-01-06
        QVERIFY(periods.at(3).isAvailable(now));
        QCOMPARE(reportDates(SalesCalendar::periodsToRequest(SalesFrequency::Yearly, now, QDate())),
                 QStringList{u"2024"_s});
    }
};

QTEST_GUILESS_MAIN(TestSalesCalendar)
#include "tst_salescalendar.moc"
