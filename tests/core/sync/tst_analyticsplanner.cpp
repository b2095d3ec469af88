// The analytics planner: which instance listings a sync asks for, decided from what is loaded, the cadence
// and a fixed clock (no network), and the discovery that follows it against scripted listings in-process.

#include "core/auth/p8key.h"
#include "core/storage/destination.h"
#include "core/sync/analyticsplanner.h"
#include "core/sync/analyticssync.h"
#include "core/sync/loadedinstances.h"
#include "core/sync/synccontext.h"
#include "tests/testkit/scriptedserver.h"
#include "tests/testkit/testkeys.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace ascsync;
using namespace ascsync::sync;

namespace {

const QString kApp = u"1234567890"_s;
const QString kDownloads = u"App Downloads Standard"_s;
const QDateTime kNow(QDate(2026, 11, 20), QTime(9, 30), Qt::UTC);

storage::LoadRecord record(const QString &instanceId, const QString &granularity, QDate processingDate,
                           const QString &accessType = u"ONGOING"_s, const QString &appId = kApp)
{
    storage::LoadRecord loaded;
    loaded.stream = u"analytics/downloads"_s;
    loaded.unitKey = instanceId;
    loaded.checksum = u"c"_s;
    loaded.loadedAt = kNow;
    loaded.details = QJsonObject{{u"appId"_s, appId},
                                 {u"report"_s, kDownloads},
                                 {u"granularity"_s, granularity},
                                 {u"processingDate"_s, processingDate.toString(Qt::ISODate)},
                                 {u"accessType"_s, accessType},
                                 {u"segments"_s, QJsonArray{QJsonObject{{u"sizeInBytes"_s, 1000}}}}};
    return loaded;
}

storage::LoadRecord listed(const QString &granularity, QDate day, const QString &accessType = u"ONGOING"_s)
{
    storage::LoadRecord listing;
    listing.details = QJsonObject{{u"appId"_s, kApp},
                                  {u"report"_s, kDownloads},
                                  {u"granularity"_s, granularity},
                                  {u"accessType"_s, accessType},
                                  {u"listedOn"_s, day.toString(Qt::ISODate)}};
    return listing;
}

SyncOptions optionsWith(const QStringList &granularities)
{
    SyncOptions options;
    options.streams = reports::StreamSelection::of({u"analytics:downloads"_s});
    options.granularities = granularities;
    options.backfillDays = 7;
    options.clock = [] { return kNow; };
    return options;
}

QList<QDate> days(QDate from, QDate to)
{
    QList<QDate> list;
    for (QDate day = from; day <= to; day = day.addDays(1)) {
        list << day;
    }
    return list;
}

QByteArray document(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject instanceJson(const QString &id, const QString &granularity, QDate date)
{
    return QJsonObject{{u"type"_s, u"analyticsReportInstances"_s},
                       {u"id"_s, id},
                       {u"attributes"_s, QJsonObject{{u"granularity"_s, granularity},
                                                     {u"processingDate"_s, date.toString(Qt::ISODate)}}}};
}

class RecordingObserver : public SyncObserver {
public:
    void message(Level, const QString &text) override { messages << text; }
    void progress(const QString &, int, int) override {}
    QStringList messages;
};

} // namespace

class TestAnalyticsPlanner : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void firstSyncListsEverything()
    {
        const LoadedInstances loaded;
        const SyncOptions options = optionsWith({u"DAILY"_s, u"WEEKLY"_s});
        const AnalyticsPlanner planner(loaded, options, kNow);
        const auto listing = planner.listingFor(kApp, kDownloads, u"ONGOING"_s);
        QVERIFY(listing);
        QCOMPARE(listing->granularities, (QStringList{u"DAILY"_s, u"WEEKLY"_s}));
        QVERIFY(listing->processingDates.isEmpty());
    }

    void sameDayReSyncListsNothing()
    {
        LoadedInstances loaded;
        loaded.add(record(u"i1"_s, u"DAILY"_s, kNow.date()));
        const SyncOptions options = optionsWith({u"DAILY"_s});
        // Until a listing completed (every instance it found loaded), the report is listed in full.
        const auto unfinished =
            AnalyticsPlanner(loaded, options, kNow).listingFor(kApp, kDownloads, u"ONGOING"_s);
        QVERIFY(unfinished);
        QVERIFY(unfinished->processingDates.isEmpty());
        loaded.addListing(listed(u"DAILY"_s, kNow.date().addDays(-1)));
        QVERIFY(!AnalyticsPlanner(loaded, options, kNow).listingFor(kApp, kDownloads, u"ONGOING"_s));
        // Another app, report or access type is a series of its own.
        QVERIFY(AnalyticsPlanner(loaded, options, kNow).listingFor(u"99"_s, kDownloads, u"ONGOING"_s));
        QVERIFY(AnalyticsPlanner(loaded, options, kNow)
                    .listingFor(kApp, u"App Sessions Standard"_s, u"ONGOING"_s));
    }

    void nextDayListsTheNewDayAndTheBackfillWindow()
    {
        LoadedInstances loaded;
        loaded.add(record(u"i1"_s, u"DAILY"_s, kNow.date().addDays(-1)));
        loaded.addListing(listed(u"DAILY"_s, kNow.date().addDays(-1)));
        const SyncOptions options = optionsWith({u"DAILY"_s});
        const auto listing =
            AnalyticsPlanner(loaded, options, kNow).listingFor(kApp, kDownloads, u"ONGOING"_s);
        QVERIFY(listing);
        QCOMPARE(listing->granularities, QStringList{u"DAILY"_s});
        // The window's dates too: an instance restated under an already loaded date is still found.
        QCOMPARE(listing->processingDates, days(kNow.date().addDays(-7), kNow.date()));
    }

    void processingDayIsTheUtcDate()
    {
        LoadedInstances loaded;
        loaded.add(record(u"i1"_s, u"DAILY"_s, QDate(2026, 11, 20)));
        loaded.addListing(listed(u"DAILY"_s, QDate(2026, 11, 20)));
        const SyncOptions options = optionsWith({u"DAILY"_s});
        const QDateTime lateEvening(QDate(2026, 11, 20), QTime(23, 59, 59), Qt::UTC);
        QVERIFY(!AnalyticsPlanner(loaded, options, lateEvening).listingFor(kApp, kDownloads, u"ONGOING"_s));
        QVERIFY(AnalyticsPlanner(loaded, options, lateEvening.addSecs(1))
                    .listingFor(kApp, kDownloads, u"ONGOING"_s));
    }

    void longPauseListsWithoutDateFilter()
    {
        LoadedInstances loaded;
        loaded.add(record(u"i1"_s, u"DAILY"_s, kNow.date().addDays(-100)));
        loaded.addListing(listed(u"DAILY"_s, kNow.date().addDays(-100)));
        const SyncOptions options = optionsWith({u"DAILY"_s});
        const auto listing =
            AnalyticsPlanner(loaded, options, kNow).listingFor(kApp, kDownloads, u"ONGOING"_s);
        QVERIFY(listing);
        QVERIFY(listing->processingDates.isEmpty());
        // A shorter gap asks for each date since the newest loaded one.
        LoadedInstances recent;
        recent.add(record(u"i2"_s, u"DAILY"_s, kNow.date().addDays(-20)));
        recent.addListing(listed(u"DAILY"_s, kNow.date().addDays(-20)));
        const auto dated = AnalyticsPlanner(recent, options, kNow).listingFor(kApp, kDownloads, u"ONGOING"_s);
        QCOMPARE(dated->processingDates, days(kNow.date().addDays(-20), kNow.date()));
    }

    void weeklyAndMonthlyFollowTheirPeriod()
    {
        LoadedInstances loaded;
        loaded.add(record(u"w"_s, u"WEEKLY"_s, QDate(2026, 11, 13))); // a Friday, 7 days ago
        loaded.add(record(u"m"_s, u"MONTHLY"_s, QDate(2026, 11, 5))); // next one on Dec 5
        loaded.addListing(listed(u"WEEKLY"_s, QDate(2026, 11, 18)));
        loaded.addListing(listed(u"MONTHLY"_s, QDate(2026, 11, 18)));
        const SyncOptions options = optionsWith({u"WEEKLY"_s, u"MONTHLY"_s});
        const auto listing =
            AnalyticsPlanner(loaded, options, kNow).listingFor(kApp, kDownloads, u"ONGOING"_s);
        QVERIFY(listing);
        QCOMPARE(listing->granularities, QStringList{u"WEEKLY"_s});
        const QDateTime thursday = kNow.addDays(-1);
        QVERIFY(!AnalyticsPlanner(loaded, options, thursday).listingFor(kApp, kDownloads, u"ONGOING"_s));
        QCOMPARE(AnalyticsPlanner::nextPossible(u"MONTHLY"_s, QDate(2026, 1, 31)), QDate(2026, 2, 28));
    }

    void loadedSnapshotIsNotListedAgain()
    {
        LoadedInstances loaded;
        loaded.add(record(u"s"_s, u"DAILY"_s, QDate(2026, 10, 31), u"ONE_TIME_SNAPSHOT"_s));
        loaded.addListing(listed(u"DAILY"_s, QDate(2026, 10, 31), u"ONE_TIME_SNAPSHOT"_s));
        SyncOptions options = optionsWith({u"DAILY"_s});
        QVERIFY(
            !AnalyticsPlanner(loaded, options, kNow).listingFor(kApp, kDownloads, u"ONE_TIME_SNAPSHOT"_s));
        QVERIFY(AnalyticsPlanner(loaded, options, kNow).listingFor(kApp, kDownloads, u"ONGOING"_s));
        options.relist = true;
        QVERIFY(AnalyticsPlanner(loaded, options, kNow).listingFor(kApp, kDownloads, u"ONE_TIME_SNAPSHOT"_s));
    }

    void reportListedTodayIsNotListedAgain()
    {
        LoadedInstances loaded;
        loaded.addListing(listed(u"DAILY"_s, kNow.date()));
        const SyncOptions options = optionsWith({u"DAILY"_s});
        QVERIFY(!AnalyticsPlanner(loaded, options, kNow).listingFor(kApp, kDownloads, u"ONGOING"_s));
        QVERIFY(
            AnalyticsPlanner(loaded, options, kNow.addDays(1)).listingFor(kApp, kDownloads, u"ONGOING"_s));
    }

    void emptySnapshotStopsBeingListedAfterAppleGeneratedIt()
    {
        LoadedInstances loaded;
        storage::LoadRecord listing = listed(u"DAILY"_s, kNow.date().addDays(-1), u"ONE_TIME_SNAPSHOT"_s);
        listing.details.insert(u"firstListedOn"_s, kNow.date().addDays(-2).toString(Qt::ISODate));
        loaded.addListing(listing);
        const SyncOptions options = optionsWith({u"DAILY"_s});
        // Within Apple's 1-2 days of generation it is still listed; after that, no more.
        QVERIFY(AnalyticsPlanner(loaded, options, kNow).listingFor(kApp, kDownloads, u"ONE_TIME_SNAPSHOT"_s));
        QVERIFY(!AnalyticsPlanner(loaded, options, kNow.addDays(1))
                     .listingFor(kApp, kDownloads, u"ONE_TIME_SNAPSHOT"_s));
        QCOMPARE(loaded.firstListedOn(kApp, kDownloads, u"DAILY"_s, u"ONE_TIME_SNAPSHOT"_s),
                 kNow.date().addDays(-2));
        // Another report of the app's snapshot is loaded: Apple generated it, this one has no data.
        storage::LoadRecord sessions =
            record(u"s1"_s, u"DAILY"_s, kNow.date().addDays(-20), u"ONE_TIME_SNAPSHOT"_s);
        sessions.details.insert(u"report"_s, u"App Sessions Standard"_s);
        loaded.add(sessions);
        QVERIFY(
            !AnalyticsPlanner(loaded, options, kNow).listingFor(kApp, kDownloads, u"ONE_TIME_SNAPSHOT"_s));
    }

    void selectsByStream()
    {
        SyncOptions options;
        options.streams = reports::StreamSelection::of({u"analytics:downloads"_s, u"sales"_s});
        QVERIFY(AnalyticsPlanner::selects(options, kDownloads));
        QVERIFY(!AnalyticsPlanner::selects(options, u"App Store Discovery and Engagement Standard"_s));
        options.streams = reports::StreamSelection::of({u"analytics"_s});
        QVERIFY(AnalyticsPlanner::selects(options, u"App Store Discovery and Engagement Standard"_s));
    }

    void averageBytesComeFromLoadedSegments()
    {
        LoadedInstances loaded;
        QCOMPARE(loaded.averageBytes(kDownloads), -1);
        loaded.add(record(u"a"_s, u"DAILY"_s, kNow.date()));
        loaded.add(record(u"b"_s, u"DAILY"_s, kNow.date().addDays(-1)));
        QCOMPARE(loaded.averageBytes(kDownloads), 1000);
        QVERIFY(loaded.contains(u"a"_s));
    }

    // In-process against scripted listings: one request per app for its requests and reports, the
    // instance listing only when due, and a restatement inside the window found on the next day.
    void discoveryAsksOnlyWhatCanHaveChanged()
    {
        QTemporaryDir dir;
        const auto spec = storage::DestinationSpec::parse(u"sqlite:"_s + dir.filePath(u"a.db"_s));
        auto destination = storage::Destination::open(spec.value());
        QVERIFY2(destination, qPrintable(destination.errorMessage()));

        ScriptedServer server;
        server.handle("/v1/apps/1234567890/analyticsReportRequests", [](const ReceivedRequest &) {
            const QJsonObject request{
                {u"type"_s, u"analyticsReportRequests"_s},
                {u"id"_s, u"r1"_s},
                {u"attributes"_s, QJsonObject{{u"accessType"_s, u"ONGOING"_s}}},
                {u"relationships"_s,
                 QJsonObject{
                     {u"reports"_s,
                      QJsonObject{{u"data"_s, QJsonArray{QJsonObject{{u"type"_s, u"analyticsReports"_s},
                                                                     {u"id"_s, u"rep1"_s}}}},
                                  {u"meta"_s, QJsonObject{{u"paging"_s, QJsonObject{{u"total"_s, 1},
                                                                                    {u"limit"_s, 50}}}}}}}}}};
            const QJsonObject report{
                {u"type"_s, u"analyticsReports"_s},
                {u"id"_s, u"rep1"_s},
                {u"attributes"_s, QJsonObject{{u"name"_s, kDownloads}, {u"category"_s, u"COMMERCE"_s}}}};
            return ScriptedReply::json(
                200, document({{u"data"_s, QJsonArray{request}}, {u"included"_s, QJsonArray{report}}}));
        });
        QList<QJsonObject> published{instanceJson(u"d19"_s, u"DAILY"_s, QDate(2026, 11, 19))};
        server.handle("/v1/analyticsReports/rep1/instances", [&](const ReceivedRequest &request) {
            const QUrlQuery query(QString::fromLatin1(request.target.mid(request.target.indexOf('?') + 1)));
            const QStringList dates = query.queryItemValue(u"filter[processingDate]"_s, QUrl::FullyDecoded)
                                          .split(u',', Qt::SkipEmptyParts);
            QJsonArray data;
            for (const QJsonObject &instance : published) {
                const QString date =
                    instance.value(u"attributes"_s).toObject().value(u"processingDate"_s).toString();
                if (dates.isEmpty() || dates.contains(date)) {
                    data.append(instance);
                }
            }
            return ScriptedReply::json(200, document({{u"data"_s, data}}));
        });

        auto key = auth::P8Key::fromPem(testkeys::pkcs8Pem(m_raw.get()));
        auth::TokenClaims claims;
        claims.issuerId = u"57246542-96fe-1a63-e053-0824d011072a"_s;
        claims.keyId = u"2X9R4HXF34"_s;
        api::ApiOptions apiOptions;
        apiOptions.baseUrl = QUrl(QString::fromLatin1(server.origin()));
        api::ApiClient client(apiOptions, std::make_shared<auth::TokenProvider>(key.value(), claims));

        QDateTime now(QDate(2026, 11, 18), QTime(10, 0), Qt::UTC);
        SyncOptions options = optionsWith({u"DAILY"_s});
        options.clock = [&now] { return now; };
        RecordingObserver observer;
        const QList<SyncApp> apps{{kApp, u"App"_s}};
        const auto plan = [&] {
            SyncSummary summary;
            SyncContext context{client, *destination.value(), options, observer, summary, QDir(dir.path())};
            return planAnalytics(context, apps);
        };

        // Nothing published yet: a sync lists the report once; neither a plan nor a second sync that day
        // lists it again.
        published.clear();
        {
            SyncSummary summary;
            SyncContext context{client, *destination.value(), options, observer, summary, QDir(dir.path())};
            syncAnalytics(context, apps);
            syncAnalytics(context, apps);
            QVERIFY2(summary.ok(), qPrintable(summary.failures.join(u'\n')));
        }
        QCOMPARE(server.count("/v1/analyticsReports/rep1/instances"), 1);
        QCOMPARE(plan().listings, 0);
        now = now.addDays(1);
        published << instanceJson(u"d19"_s, u"DAILY"_s, QDate(2026, 11, 19));
        const int listedBefore = server.count("/v1/analyticsReports/rep1/instances");

        // First instance: the report is listed, once, with the reports included in the requests' listing.
        AnalyticsOutlook first = plan();
        QCOMPARE(first.listings, 1);
        QCOMPARE(first.newInstances, 1);
        QCOMPARE(plan().listings, 1); // a plan records nothing: asked again
        QCOMPARE(server.count("/v1/apps/1234567890/analyticsReportRequests"), 5);
        QVERIFY(server.received().first().target.contains("include=reports"));
        QCOMPARE(server.count("/v1/analyticsReportRequests/r1/reports"), 0);
        QVERIFY(destination.value()->recordLoad(record(u"d19"_s, u"DAILY"_s, QDate(2026, 11, 19))));

        // Same day, nothing new can exist: the instance listing is not asked.
        AnalyticsOutlook noop = plan();
        QCOMPARE(noop.listings, 0);
        QCOMPARE(noop.listingsSkipped, 1);
        QCOMPARE(server.count("/v1/analyticsReports/rep1/instances"), listedBefore + 2);

        // Next day: Apple published the 20th and restated the 19th under a new id; both are found.
        now = now.addDays(1);
        published << instanceJson(u"d20"_s, u"DAILY"_s, QDate(2026, 11, 20))
                  << instanceJson(u"d19b"_s, u"DAILY"_s, QDate(2026, 11, 19));
        AnalyticsOutlook next = plan();
        QCOMPARE(next.listings, 1);
        QCOMPARE(next.newInstances, 2);
        QCOMPARE(next.knownBytes, 2000); // sized from the loaded instance of the same report
        const QByteArray listed = server.received().last().target;
        QVERIFY2(listed.contains("filter%5BprocessingDate%5D=2026-11-13") ||
                     listed.contains("filter[processingDate]=2026-11-13"),
                 listed.constData());
        QVERIFY(listed.contains("DAILY"));
    }

private:
    testkeys::KeyPtr m_raw = testkeys::generateEc("P-256");
};

QTEST_GUILESS_MAIN(TestAnalyticsPlanner)
#include "tst_analyticsplanner.moc"
