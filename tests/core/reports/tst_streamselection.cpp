// The one reader of "analytics", "analytics:TABLE", "sales", "sales:TYPE/SUBTYPE/FREQUENCY" and "finance"
// (settings file, --streams, replay, the desktop editors): what it accepts, what it refuses, what it answers.
#include "core/reports/streamselection.h"

#include <QTest>

using namespace Qt::StringLiterals;
using ascsync::reports::StreamSelection;
using Family = StreamSelection::Family;

class TestStreamSelection : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readsEveryFormAndWritesItBack()
    {
        const QStringList texts{u"analytics:downloads"_s, u"sales"_s, u"sales:SALES/SUMMARY/WEEKLY"_s,
                                u"finance"_s, u"analytics:downloads"_s};
        const auto selection = StreamSelection::parse(texts);
        QVERIFY2(selection, qPrintable(selection.errorMessage()));
        QCOMPARE(selection->toStrings(), texts.first(4)); // the repeat is dropped, the order kept
        QCOMPARE(StreamSelection::parse(selection->toStrings()).value(), selection.value());
    }

    void answersWhatTheSyncAsks()
    {
        const auto narrowed =
            StreamSelection::of({u"analytics:downloads"_s, u"sales:SALES/SUMMARY/WEEKLY"_s});
        QVERIFY(narrowed.includes(Family::Analytics));
        QVERIFY(!narrowed.includesWhole(Family::Analytics));
        QVERIFY(narrowed.includesAnalyticsTable(u"downloads"_s));
        QVERIFY(!narrowed.includesAnalyticsTable(u"sessions"_s));
        QVERIFY(narrowed.includes(Family::Sales));
        QVERIFY(!narrowed.includesWhole(Family::Sales));
        QCOMPARE(narrowed.detailsOf(Family::Sales), QStringList{u"SALES/SUMMARY/WEEKLY"_s});
        QVERIFY(!narrowed.includes(Family::Finance));

        const auto whole = StreamSelection::of({u"analytics"_s, u"finance"_s});
        QVERIFY(whole.includesAnalyticsTable(u"sessions"_s));
        QVERIFY(whole.includesWhole(Family::Finance));
        QVERIFY(whole.detailsOf(Family::Analytics).isEmpty());
        QVERIFY(StreamSelection().isEmpty());
    }

    void refusesWhatItCannotRead_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("typo") << u"analytic"_s;
        QTest::newRow("capitals") << u"Sales"_s;
        QTest::newRow("empty detail") << u"analytics:"_s;
        QTest::newRow("finance has no detail") << u"finance:ZZ"_s;
        QTest::newRow("empty") << QString();
    }

    void refusesWhatItCannotRead()
    {
        QFETCH(QString, text);
        const auto selection = StreamSelection::parse({u"sales"_s, text});
        QVERIFY(!selection);
        QCOMPARE(selection.error().code, u"settings.streams"_s);
        QVERIFY2(selection.errorMessage().contains(u"\""_s + text + u"\""_s),
                 qPrintable(selection.errorMessage()));
        QVERIFY2(selection.errorMessage().contains(u"sales:TYPE/SUBTYPE/FREQUENCY"_s),
                 qPrintable(selection.errorMessage()));
    }
};

QTEST_GUILESS_MAIN(TestStreamSelection)
#include "tst_streamselection.moc"
