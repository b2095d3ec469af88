// The analytics report selection of the sync settings editor (wizard and settings dialog): Apple's reports
// grouped by category with what each holds, the default two, "every report" as `analytics`, and streams it
// does not show kept.

#include "core/config/settings.h"
#include "ui/wizard/analyticsreportseditor.h"
#include "ui/wizard/syncsettingseditor.h"

#include <QCheckBox>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace ascsync;

class TestAnalyticsReportsEditor : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void groupsReportsByAppleCategory()
    {
        ui::AnalyticsReportsEditor editor;
        auto *tree = editor.findChild<QTreeWidget *>(u"analyticsReportsTree"_s);
        QVERIFY(tree);
        QStringList categories;
        for (int c = 0; c < tree->topLevelItemCount(); ++c) {
            categories << tree->topLevelItem(c)->text(0);
            QVERIFY(tree->topLevelItem(c)->childCount() > 0);
        }
        QCOMPARE(categories, (QStringList{u"App Store engagement"_s, u"Commerce"_s, u"App usage"_s,
                                          u"Framework usage"_s, u"Performance"_s}));
        QTreeWidgetItem *downloads = tree->topLevelItem(1)->child(0);
        QCOMPARE(downloads->text(0), u"App Downloads Standard"_s);
        QVERIFY(downloads->text(1).contains(u"First-time downloads"_s));
    }

    void defaultIsTheConversionRatePairAndAllIsAnalytics()
    {
        ui::SyncSettingsEditor editor;
        editor.load(config::Settings());
        config::Settings applied;
        editor.applyTo(applied);
        QCOMPARE(applied.streams, config::Settings().streams);

        auto *tree = editor.findChild<QTreeWidget *>(u"analyticsReportsTree"_s);
        for (int c = 0; c < tree->topLevelItemCount(); ++c) {
            tree->topLevelItem(c)->setCheckState(0, Qt::Checked); // a category box ticks all of it
        }
        editor.applyTo(applied);
        QCOMPARE(applied.streams.toStrings(), (QStringList{u"analytics"_s, u"sales"_s, u"finance"_s}));

        for (int c = 0; c < tree->topLevelItemCount(); ++c) {
            tree->topLevelItem(c)->setCheckState(0, Qt::Unchecked);
        }
        QVERIFY(!editor.isValid()); // analytics ticked, no report chosen
        editor.findChild<QCheckBox *>(u"analyticsCheck"_s)->setChecked(false);
        QVERIFY(editor.isValid());
        editor.applyTo(applied);
        QCOMPARE(applied.streams.toStrings(), (QStringList{u"sales"_s, u"finance"_s}));
    }

    void keepsStreamsItDoesNotShow()
    {
        ui::AnalyticsReportsEditor editor;
        editor.setStreams({u"analytics:sessions"_s, u"analytics:some_new_report"_s, u"sales"_s});
        QCOMPARE(editor.streams(), (QStringList{u"analytics:sessions"_s, u"analytics:some_new_report"_s}));
        QCOMPARE(editor.checkedCount(), 2);
    }
};

QTEST_MAIN(TestAnalyticsReportsEditor)
#include "tst_analyticsreportseditor.moc"
