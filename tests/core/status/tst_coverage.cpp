// status::computeCoverage on hand-made facts (issue 18): weeks and months, snapshots, duplicates of
// duplicates, ranges and warnings. The states of daily series against the simulator are in
// tests/e2e/tst_coverage.cpp; these are the cases the simulator reaches only slowly.
#include "core/status/coverage.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace ascsync;
using status::CoverageState;

namespace {

const QDateTime kNow(QDate(2026, 11, 20), QTime(12, 0), Qt::UTC);

storage::InstanceRecord instance(qint64 key, const QString &granularity, QDate processed,
                                 const QString &checksums, const QString &access = u"ONGOING"_s)
{
    storage::InstanceRecord record;
    record.key = key;
    record.instanceId = u"i%1"_s.arg(key);
    record.appId = u"1"_s;
    record.reportName = u"App Downloads Standard"_s;
    record.table = granularity == u"DAILY"_s ? u"downloads"_s : u"downloads_"_s + granularity.toLower();
    record.granularity = granularity;
    record.processingDate = processed;
    record.accessType = access;
    record.checksums = checksums;
    return record;
}

QString stateOf(const status::CoverageSeries &series, QDate date)
{
    for (const status::CoverageDay &day : series.days) {
        if (day.date == date)
            return status::toString(day.state);
    }
    return {};
}

} // namespace

class TestCoverage : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void weeksAreDeliveredOnTheFridayAfter()
    {
        // Weeks of 2026-10-26 (Friday after: 11-06) and 11-02 (11-13); the week of 11-09 is due on 11-20.
        status::CoverageFacts facts;
        facts.instances << instance(1, u"WEEKLY"_s, QDate(2026, 11, 6), u"a"_s)
                        << instance(2, u"WEEKLY"_s, QDate(2026, 11, 13), u"b"_s);
        facts.days << storage::HeldDay{1, QDate(2026, 10, 26), 7}
                   << storage::HeldDay{2, QDate(2026, 11, 2), 0};
        const status::CoverageReport report = status::computeCoverage(facts, {}, kNow);
        QCOMPARE(report.series.size(), 1);
        const status::CoverageSeries &weeks = report.series.first();
        QCOMPARE(weeks.days.size(), 4); // 10-26, 11-02, 11-09, 11-16
        QCOMPARE(stateOf(weeks, QDate(2026, 10, 26)), u"loaded"_s);
        QCOMPARE(stateOf(weeks, QDate(2026, 11, 2)), u"no-data"_s); // its instance held no rows
        QCOMPARE(stateOf(weeks, QDate(2026, 11, 9)), u"not-published"_s);
        QCOMPARE(stateOf(weeks, QDate(2026, 11, 16)), u"not-published"_s);
        QCOMPARE(status::expectedProcessingDate(u"MONTHLY"_s, QDate(2026, 10, 17)), QDate(2026, 11, 5));
    }

    void aRepeatedDuplicateLosesEachDayAndASnapshotCoversEarlierOnes()
    {
        // Daily instances 11-10..11-13, the last two repeating 11-11's content; a snapshot processed 11-01.
        status::CoverageFacts facts;
        facts.instances << instance(1, u"DAILY"_s, QDate(2026, 11, 10), u"x"_s)
                        << instance(2, u"DAILY"_s, QDate(2026, 11, 11), u"y"_s)
                        << instance(3, u"DAILY"_s, QDate(2026, 11, 12), u"y"_s)
                        << instance(4, u"DAILY"_s, QDate(2026, 11, 13), u"y"_s)
                        << instance(5, u"DAILY"_s, QDate(2026, 11, 1), u"s"_s, u"ONE_TIME_SNAPSHOT"_s);
        facts.days << storage::HeldDay{1, QDate(2026, 11, 9), 3}
                   << storage::HeldDay{2, QDate(2026, 11, 10), 3}
                   << storage::HeldDay{5, QDate(2026, 10, 30), 3};
        facts.listings.insert(u"1\x1f"_s + u"App Downloads Standard\x1f"_s + u"DAILY"_s,
                              {QDate(2026, 10, 7), QDate(2026, 11, 20)}); // first listed on 11-10
        status::CoverageFilter filter;
        filter.from = QDate(2026, 10, 30);
        filter.to = QDate(2026, 11, 12);
        const status::CoverageReport report = status::computeCoverage(facts, filter, kNow);
        const status::CoverageSeries &days = report.series.first();
        QCOMPARE(stateOf(days, QDate(2026, 10, 30)), u"loaded"_s);
        QCOMPARE(stateOf(days, QDate(2026, 10, 31)), u"no-data"_s); // the snapshot covers it, without rows
        QCOMPARE(stateOf(days, QDate(2026, 11, 11)), u"missing"_s);
        QCOMPARE(stateOf(days, QDate(2026, 11, 12)), u"missing"_s);
        // 11-01..11-08: listed on 11-10 while Apple kept them, never delivered.
        QCOMPARE(days.ranges(CoverageState::Missing),
                 QStringList({u"2026-11-01..2026-11-08"_s, u"2026-11-11..2026-11-12"_s}));
        QCOMPARE(days.days.at(days.days.size() - 2).duplicateOf, u"i2"_s);
        // The warning says when a new snapshot is allowed: a month after the one loaded.
        const QStringList warnings = report.warnings(u"Quiet Hours"_s);
        QCOMPARE(warnings.size(), 1);
        QVERIFY2(warnings.first().startsWith(u"10 days missing for downloads DAILY of Quiet Hours: "_s),
                 qPrintable(warnings.first()));
        QVERIFY2(warnings.first().contains(u"requested from 2026-12-02 on"_s), qPrintable(warnings.first()));
        QCOMPARE(report.snapshotRecoveryDate(), QDate(2026, 12, 2));
    }
};

QTEST_GUILESS_MAIN(TestCoverage)
#include "tst_coverage.moc"
