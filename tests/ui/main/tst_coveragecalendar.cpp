// The coverage calendar (issue 18): the states computed from a destination's facts (instances, the days each
// holds, checksums, complete listings) reach the right day cells, in the right colours.
#include "core/status/coverage.h"
#include "ui/main/coveragecalendar.h"
#include "ui/main/coveragecalendarmodel.h"

#include <QImage>
#include <QLabel>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ascsync;
using status::CoverageState;

namespace {

const QDateTime kNow(QDate(2026, 11, 20), QTime(12, 0), Qt::UTC);

// One app's downloads, ONGOING daily instances processed 2026-09-28..11-17, each holding the day before it:
// the instance of 11-10 was never published, the one of 11-14 repeats 11-13's checksums, the one of 11-06 had
// no rows for 11-05. The report was first listed completely on 11-01 (seeing what Apple kept from 09-28 on)
// and last on 11-18.
status::CoverageFacts facts()
{
    status::CoverageFacts facts;
    qint64 key = 0;
    for (QDate processed(2026, 9, 28); processed <= QDate(2026, 11, 17); processed = processed.addDays(1)) {
        if (processed == QDate(2026, 11, 10))
            continue;
        storage::InstanceRecord instance;
        instance.key = ++key;
        instance.instanceId = u"instance-"_s + processed.toString(Qt::ISODate);
        instance.appId = u"1"_s;
        instance.reportName = u"App Downloads Standard"_s;
        instance.table = u"downloads"_s;
        instance.granularity = u"DAILY"_s;
        instance.processingDate = processed;
        instance.accessType = u"ONGOING"_s;
        const bool repeated = processed == QDate(2026, 11, 14);
        instance.checksums = u"md5-"_s + (repeated ? processed.addDays(-1) : processed).toString(Qt::ISODate);
        facts.instances << instance;
        if (!repeated && processed != QDate(2026, 11, 6))
            facts.days << storage::HeldDay{key, processed.addDays(-1), 10};
    }
    facts.listings.insert(u"1\x1f"_s + u"App Downloads Standard\x1f"_s + u"DAILY"_s,
                          {QDate(2026, 9, 28), QDate(2026, 11, 18)}); // seen from 11-01 - 34 days
    return facts;
}

// The state's name ("missing"), empty when the cell has none.
QString stateAt(const ui::CoverageCalendarModel &model, QDate date)
{
    const QVariant state = model.indexOf(date).data(ui::CoverageCalendarModel::StateRole);
    return state.isValid() ? status::toString(CoverageState(state.toInt())) : QString();
}

} // namespace

class TestCoverageCalendar : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void daysShowTheirStates()
    {
        status::CoverageFilter filter;
        filter.from = QDate(2026, 9, 20);
        const status::CoverageReport report = status::computeCoverage(facts(), filter, kNow);
        QCOMPARE(report.series.size(), 1);
        ui::CoverageCalendar calendar;
        calendar.setReport(report, {{u"1"_s, u"Skyline Weather"_s}});
        QVERIFY(calendar.selectSeries(u"1"_s, u"downloads"_s));
        ui::CoverageCalendarModel &model = *calendar.model();
        // The calendar opens on today's month.
        QCOMPARE(model.year(), 2026);
        QCOMPARE(model.month(), 11);
        QCOMPARE(stateAt(model, QDate(2026, 11, 4)), status::toString(CoverageState::Loaded));
        QCOMPARE(stateAt(model, QDate(2026, 11, 5)), status::toString(CoverageState::NoData));
        QCOMPARE(stateAt(model, QDate(2026, 11, 9)),
                 status::toString(CoverageState::Missing)); // skipped instance
        QCOMPARE(stateAt(model, QDate(2026, 11, 13)),
                 status::toString(CoverageState::Missing)); // duplicate instance
        QCOMPARE(stateAt(model, QDate(2026, 11, 12)), status::toString(CoverageState::Loaded));
        QCOMPARE(stateAt(model, QDate(2026, 11, 16)), status::toString(CoverageState::Loaded));
        QCOMPARE(stateAt(model, QDate(2026, 11, 17)), status::toString(CoverageState::Pending));
        QCOMPARE(stateAt(model, QDate(2026, 11, 18)), status::toString(CoverageState::Pending));
        QCOMPARE(stateAt(model, QDate(2026, 11, 19)), status::toString(CoverageState::NotPublished));
        QCOMPARE(stateAt(model, QDate(2026, 11, 20)), status::toString(CoverageState::NotPublished));
        QVERIFY(!model.indexOf(QDate(2026, 11, 21)).data(ui::CoverageCalendarModel::StateRole).isValid());
        // The duplicate's tooltip says what happened, and what may recover the day.
        const QString tip = model.indexOf(QDate(2026, 11, 13)).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(u"identical checksums"_s) && tip.contains(u"ONE_TIME_SNAPSHOT"_s),
                 qPrintable(tip));
        // September: older than Apple kept when the report was first listed.
        calendar.showMonth(2026, 9);
        QCOMPARE(stateAt(model, QDate(2026, 9, 26)), status::toString(CoverageState::DeletedUnloaded));
        QCOMPARE(stateAt(model, QDate(2026, 9, 27)), status::toString(CoverageState::Loaded));
        QVERIFY(!model.indexOf(QDate(2026, 9, 19)).data(ui::CoverageCalendarModel::StateRole).isValid());
        // The summary names the gaps.
        const QString summary = calendar.findChild<QLabel *>(u"coverageSummary"_s)->text();
        QVERIFY2(summary.contains(
                     u"2 days missing for downloads DAILY of Skyline Weather: 2026-11-09, 2026-11-13"_s),
                 qPrintable(summary));
    }

    void cellsArePaintedInTheirStatesColour()
    {
        status::CoverageFilter filter;
        filter.from = QDate(2026, 9, 20);
        ui::CoverageCalendar calendar;
        calendar.setReport(status::computeCoverage(facts(), filter, kNow), {{u"1"_s, u"Skyline Weather"_s}});
        calendar.resize(640, 480);
        calendar.show();
        QVERIFY(QTest::qWaitForWindowExposed(&calendar));
        QTableView *grid = calendar.grid();
        const QImage image = grid->viewport()->grab().toImage();
        for (const auto &[date, state] : {std::pair{QDate(2026, 11, 13), CoverageState::Missing},
                                          std::pair{QDate(2026, 11, 4), CoverageState::Loaded},
                                          std::pair{QDate(2026, 11, 19), CoverageState::NotPublished}}) {
            const QRect cell = grid->visualRect(calendar.model()->indexOf(date));
            // A corner of the cell: the day number is drawn in the middle.
            const QColor painted = image.pixelColor(cell.topLeft() + QPoint(3, 3));
            QCOMPARE(painted.name(), ui::CoverageCalendarModel::colorFor(state).name());
        }
        const QString dir = qEnvironmentVariable("ASCSYNC_UI_SCREENSHOTS");
        if (!dir.isEmpty())
            calendar.grab().save(dir + u"/coverage-calendar.png"_s);
    }
};

QTEST_MAIN(TestCoverageCalendar)
#include "tst_coveragecalendar.moc"
