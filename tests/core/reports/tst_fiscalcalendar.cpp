// Apple's fiscal calendar against every date API-NOTES §7.4 lists, plus round trips over more than ten years.
#include "core/reports/fiscalcalendar.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace ascsync::reports;
using ascsync::Result;

namespace {

QDate day(const char *iso)
{
    return QDate::fromString(QString::fromLatin1(iso), Qt::ISODate);
}

} // namespace

class TestFiscalCalendar : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void documentedYears()
    {
        QCOMPARE(FiscalCalendar::yearStart(2023), day("2022-09-25"));
        QCOMPARE(FiscalCalendar::yearEnd(2023), day("2023-09-30"));
        QCOMPARE(FiscalCalendar::weeksInYear(2023), 53);
        QCOMPARE(FiscalCalendar::yearStart(2024), day("2023-10-01"));
        QCOMPARE(FiscalCalendar::weeksInYear(2024), 52);
        QCOMPARE(FiscalCalendar::yearStart(2025), day("2024-09-29"));
        QCOMPARE(FiscalCalendar::yearStart(2026), day("2025-09-28"));
        QCOMPARE(FiscalCalendar::fiscalYear(day("2022-09-25")), 2023);
        QCOMPARE(FiscalCalendar::fiscalYear(day("2022-09-24")), 2022);
        QCOMPARE(FiscalCalendar::fiscalYear(day("2023-09-30")), 2023);
        QCOMPARE(FiscalCalendar::fiscalYear(day("2023-10-01")), 2024);
    }

    void documentedMonths_data()
    {
        QTest::addColumn<QString>("month");
        QTest::addColumn<QDate>("first");
        QTest::addColumn<QDate>("last");
        const auto row = [](const char *month, const char *first, const char *last) {
            QTest::newRow(month) << QString::fromLatin1(month) << day(first) << day(last);
        };
        // FY2024, verified against namiml's revenue periods (API-NOTES §7.4).
        row("2023-10", "2023-10-01", "2023-11-04");
        row("2023-11", "2023-11-05", "2023-12-02");
        row("2023-12", "2023-12-03", "2023-12-30");
        row("2024-01", "2023-12-31", "2024-02-03");
        row("2024-02", "2024-02-04", "2024-03-02");
        row("2024-03", "2024-03-03", "2024-03-30");
        row("2024-04", "2024-03-31", "2024-05-04");
        row("2024-05", "2024-05-05", "2024-06-01");
        row("2024-06", "2024-06-02", "2024-06-29");
        row("2024-07", "2024-06-30", "2024-08-03");
        row("2024-08", "2024-08-04", "2024-08-31");
        row("2024-09", "2024-09-01", "2024-09-28");
        // FY2025 October, FY2026 December (matches a real file's Start/End Date).
        row("2024-10", "2024-09-29", "2024-11-02");
        row("2025-12", "2025-11-30", "2025-12-27");
        // FY2023 has 53 weeks; this calendar gives the extra week to October (UNVERIFIED choice).
        row("2022-10", "2022-09-25", "2022-11-05");
        row("2022-11", "2022-11-06", "2022-12-03");
        row("2023-09", "2023-09-03", "2023-09-30");
    }

    void documentedMonths()
    {
        QFETCH(QString, month);
        QFETCH(QDate, first);
        QFETCH(QDate, last);
        const Result<DateRange> range = FiscalCalendar::range(month);
        QVERIFY2(range.ok(), qPrintable(range.errorMessage()));
        QCOMPARE(range->first, first);
        QCOMPARE(range->last, last);
        QCOMPARE(FiscalCalendar::monthFor(first), month);
        QCOMPARE(FiscalCalendar::monthFor(last), month);
        QVERIFY(FiscalCalendar::monthFor(first.addDays(-1)) != month);
        QVERIFY(FiscalCalendar::monthFor(last.addDays(1)) != month);
        QCOMPARE(first.dayOfWeek(), 7); // Sunday
        QCOMPARE(last.dayOfWeek(), 6);  // Saturday
    }

    void everyDayRoundTrips()
    {
        // Every day from FY2015 to FY2036 maps to exactly one month whose range contains it.
        for (QDate d = day("2014-09-28"); d <= day("2036-10-04"); d = d.addDays(1)) {
            const QString month = FiscalCalendar::monthFor(d);
            const Result<DateRange> range = FiscalCalendar::range(month);
            QVERIFY2(range.ok() && range->contains(d),
                     qPrintable(d.toString(Qt::ISODate) + u" -> "_s + month));
        }
    }

    void monthsTileEachYear()
    {
        int longYears = 0;
        for (int fy = 2015; fy <= 2036; ++fy) {
            const int weeks = FiscalCalendar::weeksInYear(fy);
            QVERIFY(weeks == 52 || weeks == 53);
            longYears += weeks == 53 ? 1 : 0;
            QCOMPARE(FiscalCalendar::yearStart(fy).dayOfWeek(), 7);
            QCOMPARE(FiscalCalendar::yearStart(fy).addDays(-1).month(), 9); // the last Saturday of September…
            QVERIFY(FiscalCalendar::yearStart(fy).addDays(6).month() == 10); // …so the next one is in October
            QDate expectedFirst = FiscalCalendar::yearStart(fy);
            qint64 days = 0;
            for (int i = 0; i < 12; ++i) {
                const int month = (i + 9) % 12 + 1;
                const int year = month >= 10 ? fy - 1 : fy;
                const Result<DateRange> range =
                    FiscalCalendar::range(u"%1-%2"_s.arg(year).arg(month, 2, 10, QLatin1Char('0')));
                QVERIFY(range.ok());
                QCOMPARE(range->first, expectedFirst); // no gap, no overlap
                const qint64 length = range->days();
                const qint64 expected = (i % 3 == 0 ? 35 : 28) + (i == 0 && weeks == 53 ? 7 : 0);
                QCOMPARE(length, expected);
                days += length;
                expectedFirst = range->last.addDays(1);
            }
            QCOMPARE(expectedFirst, FiscalCalendar::yearStart(fy + 1));
            QCOMPARE(days, qint64(weeks) * 7);
        }
        // A 53-week year every 5 or 6 years: four in 22 years (FY2017, FY2023, FY2028, FY2034).
        QCOMPARE(longYears, 4);
        QCOMPARE(FiscalCalendar::weeksInYear(2017), 53);
        QCOMPARE(FiscalCalendar::weeksInYear(2028), 53);
        QCOMPARE(FiscalCalendar::weeksInYear(2034), 53);
    }

    void badMonthNames()
    {
        for (const QString &bad : {u"2024-13"_s, u"2024-00"_s, u"2024/01"_s, u"24-01"_s, QString(),
                                   u"abcd-ef"_s, u"2024-1"_s, u"2024-011"_s}) {
            const Result<DateRange> range = FiscalCalendar::range(bad);
            QVERIFY2(!range.ok(), qPrintable(bad));
            QCOMPARE(range.error().code, u"reports.fiscalMonth"_s);
        }
        QVERIFY(FiscalCalendar::monthFor(QDate()).isEmpty());
    }

    void monthsBetween()
    {
        QCOMPARE(FiscalCalendar::monthsBetween(day("2023-12-25"), day("2024-02-10")),
                 (QStringList{u"2023-12"_s, u"2024-01"_s, u"2024-02"_s}));
        QCOMPARE(FiscalCalendar::monthsBetween(day("2023-12-31"), day("2023-12-31")),
                 QStringList{u"2024-01"_s});
        QCOMPARE(FiscalCalendar::monthsBetween(day("2023-10-01"), day("2024-09-28")).size(), 12);
        QVERIFY(FiscalCalendar::monthsBetween(day("2024-01-02"), day("2024-01-01")).isEmpty());
    }

    void availability()
    {
        // January FY2024 ends Saturday 2024-02-03; February starts Sunday 02-04; its first Friday is 02-09,
        // and the end of that Friday is 2024-02-10 00:00 PST = 08:00 UTC.
        const Result<QDateTime> january = FiscalCalendar::availableAt(u"2024-01");
        QVERIFY(january.ok());
        QCOMPARE(january.value(), QDateTime(day("2024-02-10"), QTime(8, 0), Qt::UTC));
        // In summer Pacific time is UTC-7: June FY2024 ends 06-29, first Friday of July is 07-05.
        QCOMPARE(FiscalCalendar::availableAt(u"2024-06").value(),
                 QDateTime(day("2024-07-06"), QTime(7, 0), Qt::UTC));
        QVERIFY(!FiscalCalendar::availableAt(u"June").ok());
    }
};

QTEST_GUILESS_MAIN(TestFiscalCalendar)
#include "tst_fiscalcalendar.moc"
