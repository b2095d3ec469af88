// The unit progress line: rows per second over the unit, the time left from the compressed bytes read, the
// unit's name, and Apple's request budget only while pacing. Times are given, not measured.
#include "core/sync/unitprogress.h"

#include <QTest>

using namespace Qt::StringLiterals;
using ascsync::sync::UnitActivity;
using ascsync::sync::UnitRateMeter;

namespace {

UnitActivity unit(UnitActivity::Phase phase, qint64 rows, qint64 bytesRead)
{
    UnitActivity activity;
    activity.phase = phase;
    activity.stream = u"analytics"_s;
    activity.app = u"Quiet Hours"_s;
    activity.report = u"App Downloads Standard"_s;
    activity.date = u"2026-11-20"_s;
    activity.rows = rows;
    activity.bytesRead = bytesRead;
    activity.bytesTotal = 1000;
    return activity;
}

} // namespace

class TestUnitProgress : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void rateAndEstimate()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        UnitRateMeter meter;
        meter.update(unit(UnitActivity::Phase::Started, 0, 0), 10'000);
        QCOMPARE(meter.rowsPerSecond(), -1.0);
        QCOMPARE(meter.secondsLeft(), -1);
        QCOMPARE(meter.describe(), u"Quiet Hours · App Downloads Standard · 2026-11-20: loading"_s);
        // 20,000 rows in 2 s, a quarter of the file: 60,000 rows to go at 10,000 rows/s.
        meter.update(unit(UnitActivity::Phase::Loading, 20'000, 250), 12'000);
        QCOMPARE(meter.rowsPerSecond(), 10'000.0);
        QCOMPARE(meter.secondsLeft(), 6);
        QCOMPARE(
            meter.describe(),
            u"Quiet Hours · App Downloads Standard · 2026-11-20: 20,000 rows, 10,000 rows/s, about 6 s left"_s);
        meter.update(unit(UnitActivity::Phase::Loading, 40'000, 500), 14'000);
        QCOMPARE(meter.secondsLeft(), 4);
        meter.update(unit(UnitActivity::Phase::Finished, 80'000, 1000), 18'000);
        QCOMPARE(meter.describe(),
                 u"Quiet Hours · App Downloads Standard · 2026-11-20: 80,000 rows loaded"_s);
    }

    void aNewUnitStartsAnewRate()
    {
        UnitRateMeter meter;
        meter.update(unit(UnitActivity::Phase::Started, 0, 0), 0);
        meter.update(unit(UnitActivity::Phase::Loading, 20'000, 250), 1'000);
        QCOMPARE(meter.rowsPerSecond(), 20'000.0);
        UnitActivity next = unit(UnitActivity::Phase::Started, 0, 0);
        next.date = u"2026-11-21"_s;
        meter.update(next, 5'000);
        QCOMPARE(meter.rowsPerSecond(), -1.0);
        QCOMPARE(meter.secondsLeft(), -1);
    }

    void budgetOnlyWhilePacing()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        UnitActivity activity = unit(UnitActivity::Phase::Started, 0, 0);
        activity.budgetRemaining = 2'000;
        activity.budgetLimit = 3'600;
        UnitRateMeter meter;
        meter.update(activity, 0);
        QVERIFY(!meter.describe().contains(u"budget"_s));
        activity.budgetRemaining = 80;
        activity.pacing = true;
        meter.update(activity, 0);
        QVERIFY2(meter.describe().endsWith(
                     u" · Apple request budget: 80 of 3,600 left this hour, pacing requests"_s),
                 qPrintable(meter.describe()));
    }

    void salesFilesHaveNoApp()
    {
        UnitActivity activity;
        activity.stream = u"sales"_s;
        activity.report = u"daily SALES SUMMARY report for 2026-11-20"_s;
        UnitRateMeter meter;
        meter.update(activity, 0);
        QCOMPARE(meter.describe(), u"daily SALES SUMMARY report for 2026-11-20: loading"_s);
    }
};

QTEST_GUILESS_MAIN(TestUnitProgress)
#include "tst_unitprogress.moc"
