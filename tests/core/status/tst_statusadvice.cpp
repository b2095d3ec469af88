// The plain-language side of `ascsync status`: readiness, gaps and next steps from the facts, without a
// network.

#include "core/status/statusadvice.h"

#include <QJsonArray>
#include <QTest>

using namespace ascsync::status;

namespace {

AppStatus activeApp()
{
    AppStatus app;
    app.appId = QStringLiteral("1000000001");
    app.name = QStringLiteral("Quiet Hours");
    app.ongoing = OngoingState::Active;
    app.snapshot = SnapshotState::Present;
    app.snapshotAgeDays = 10;
    app.reportCount = 36;
    GranularityStatus daily;
    daily.granularity = QStringLiteral("DAILY");
    daily.processingDays = 35;
    daily.newestProcessingDate = QDate(2026, 11, 20);
    daily.loadedProcessingDate = QDate(2026, 11, 20);
    app.granularities << daily;
    return app;
}

bool anyContains(const QStringList &sentences, const QString &part)
{
    for (const QString &sentence : sentences) {
        if (sentence.contains(part)) {
            return true;
        }
    }
    return false;
}

} // namespace

class StatusAdviceTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readyAppHasNothingToDo()
    {
        AppStatus app = activeApp();
        adviseApp(app, {QDate(2026, 10, 17), true}, LoadedApp{}, true);
        QCOMPARE(toString(app.readiness), toString(Readiness::Ready));
        QVERIFY2(app.nextSteps.isEmpty(), qPrintable(app.nextSteps.join(u'|')));
        QVERIFY(app.gaps.isEmpty());
    }

    void missingAndStoppedRequestsNeedTheAdminCommands()
    {
        AppStatus missing;
        adviseApp(missing, {}, std::nullopt, false);
        QCOMPARE(toString(missing.readiness), toString(Readiness::NeedsSetup));
        QCOMPARE(missing.nextSteps.size(), 2);
        QVERIFY(missing.nextSteps.at(0).contains(QStringLiteral("ONGOING")));
        QVERIFY(missing.nextSteps.at(1).contains(QStringLiteral("ONE_TIME_SNAPSHOT")));

        AppStatus stopped = activeApp();
        stopped.ongoing = OngoingState::StoppedForInactivity;
        adviseApp(stopped, {QDate(2026, 10, 17), true}, LoadedApp{}, true);
        QCOMPARE(toString(stopped.readiness), toString(Readiness::Stopped));
        QVERIFY(stopped.nextSteps.first().startsWith(QStringLiteral("Stopped for inactivity")));
    }

    void requestedButNotGeneratedIsWaiting()
    {
        AppStatus app = activeApp();
        app.reportCount = 0;
        app.snapshotAgeDays.reset();
        app.granularities.first().processingDays = 0;
        adviseApp(app, {}, std::nullopt, true);
        QCOMPARE(toString(app.readiness), toString(Readiness::Waiting));
        QVERIFY(anyContains(app.nextSteps, QStringLiteral("24–72 hours")));
    }

    void instancesDeletedBeforeLoadingAreAGap()
    {
        AppStatus app = activeApp();
        app.granularities.first().loadedProcessingDate = QDate(2026, 10, 1);
        app.snapshotAgeDays = 40;
        adviseApp(app, {QDate(2026, 10, 17), true}, LoadedApp{}, true);
        QCOMPARE(app.gaps.size(), 1);
        QVERIFY2(app.gaps.first().contains(QStringLiteral("from 2026-10-02 to 2026-10-16")),
                 qPrintable(app.gaps.first()));
        QVERIFY(anyContains(app.nextSteps, QStringLiteral("Recover the missing days")));

        // A snapshot younger than Apple's month cannot be replaced yet: say when it can.
        AppStatus recent = activeApp();
        recent.granularities.first().loadedProcessingDate = QDate(2026, 10, 1);
        recent.snapshotAgeDays = 21;
        adviseApp(recent, {QDate(2026, 10, 17), true}, LoadedApp{}, true);
        QVERIFY(anyContains(recent.nextSteps, QStringLiteral("in 10 days")));
    }

    void unloadedInstancesAndAnAgeingSnapshotAskForASync()
    {
        AppStatus app = activeApp();
        app.granularities.first().unloadedInstances = 4;
        app.snapshotAgeDays = 30;
        adviseApp(app, {QDate(2026, 10, 17), false}, LoadedApp{}, true);
        QVERIFY(anyContains(app.nextSteps, QStringLiteral("4 report instances are ready to load")));
        QVERIFY(anyContains(app.nextSteps, QStringLiteral("Apple deletes it in 5 days")));

        // Without a destination, nothing is said about loading.
        AppStatus unknown = activeApp();
        unknown.granularities.first().unloadedInstances = 4;
        adviseApp(unknown, {QDate(2026, 10, 17), false}, std::nullopt, false);
        QVERIFY(unknown.nextSteps.isEmpty());
    }

    void headlineCountsAppsLackingARequest()
    {
        StatusReport report;
        QVERIFY(report.headline().isEmpty());
        report.apps << activeApp();
        QVERIFY(report.headline().isEmpty());
        AppStatus stopped = activeApp();
        stopped.ongoing = OngoingState::StoppedForInactivity;
        report.apps << stopped;
        QCOMPARE(report.headline(), QStringLiteral("You have 1 app without report requests."));
        AppStatus missing;
        report.apps << missing;
        QCOMPARE(report.headline(), QStringLiteral("You have 2 apps without report requests."));
        const QJsonObject json = report.toJson();
        QCOMPARE(json.value(QStringLiteral("appsWithoutRequests")).toInt(), 2);
        QCOMPARE(json.value(QStringLiteral("apps"))
                     .toArray()
                     .at(1)
                     .toObject()
                     .value(QStringLiteral("ongoing"))
                     .toString(),
                 QStringLiteral("stopped"));
        QVERIFY(json.value(QStringLiteral("apps"))
                    .toArray()
                    .at(2)
                    .toObject()
                    .value(QStringLiteral("snapshotAgeDays"))
                    .isNull());
    }
};

QTEST_GUILESS_MAIN(StatusAdviceTest)
#include "tst_statusadvice.moc"
