// The App Store Connect resources of the simulator: apps, the analytics request -> report -> instance ->
// segment chain, pre-signed downloads, paging and parameter errors, and reproducible documents.

#include "sandboxharness.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace ascsync::sandbox;
using namespace ascsync::sandbox::test;

namespace {

QString createBody(const QString &appId, const QString &accessType)
{
    return QString::fromUtf8(
        QJsonDocument(
            QJsonObject{
                {u"data"_s,
                 QJsonObject{
                     {u"type"_s, u"analyticsReportRequests"_s},
                     {u"attributes"_s, QJsonObject{{u"accessType"_s, accessType}}},
                     {u"relationships"_s,
                      QJsonObject{{u"app"_s, QJsonObject{{u"data"_s, QJsonObject{{u"type"_s, u"apps"_s},
                                                                                 {u"id"_s, appId}}}}}}}}}})
            .toJson(QJsonDocument::Compact));
}

QString attribute(const QJsonValue &resource, const QString &name)
{
    return resource[u"attributes"_s][name].toVariant().toString();
}

bool isUuid(const QString &id)
{
    static const QRegularExpression uuid(u"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"_s);
    return uuid.match(id).hasMatch();
}

} // namespace

class TestSandboxAnalytics : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void listsApps();
    void pagesThroughApps();
    void limitOutOfRange_data();
    void limitOutOfRange();
    void filtersSortsAndFields();
    void unknownParameterAndValues();
    void unknownPathAndMethod();
    void listsInitialRequests();
    void includeReports();
    void createConflictDeleteCreate();
    void reportsAppearAfterTheDelay();
    void badCreateBodies_data();
    void badCreateBodies();
    void stoppedRequestMustBeDeletedFirst();
    void instanceSegmentDownloadChain();
    void snapshotAndStoppedInstances();
    void relationshipEndpoints();
    void presignedUrlIsGuarded();
    void documentsAreReproducible();

private:
    QString appId(int index) const { return m_harness->server().world().apps().at(index).id; }
    QJsonObject requestOf(const QString &appId, const QString &accessType);
    QJsonArray allPages(const QString &pathAndQuery);

    std::unique_ptr<SandboxHarness> m_harness;
};

void TestSandboxAnalytics::init()
{
    SandboxOptions options = SandboxHarness::defaultOptions();
    options.enabledApps = 2; // apps 0 and 1 enabled (1's ONGOING stopped), app 2 without requests
    m_harness = std::make_unique<SandboxHarness>(options);
    QString error;
    QVERIFY2(m_harness->start(&error), qPrintable(error));
}

void TestSandboxAnalytics::cleanup()
{
    const QStringList problems = m_harness->takeProblems();
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

QJsonObject TestSandboxAnalytics::requestOf(const QString &app, const QString &accessType)
{
    const HttpResult result =
        m_harness->get(u"/v1/apps/%1/analyticsReportRequests?filter[accessType]=%2"_s.arg(app, accessType));
    return result.data().at(0).toObject();
}

QJsonArray TestSandboxAnalytics::allPages(const QString &pathAndQuery)
{
    QJsonArray all;
    HttpResult page = m_harness->get(pathAndQuery);
    for (int guard = 0; guard < 1000 && page.status == 200; ++guard) {
        for (const QJsonValue &item : page.data())
            all.append(item);
        const QString next = page.json()[u"links"_s][u"next"_s].toString();
        if (next.isEmpty())
            break;
        page = m_harness->fetch(QUrl(next), "GET",
                                {{QByteArrayLiteral("Authorization"), "Bearer " + m_harness->adminToken()}});
    }
    return all;
}

void TestSandboxAnalytics::listsApps()
{
    const HttpResult result = m_harness->get(u"/v1/apps"_s);
    QCOMPARE(result.status, 200);
    QCOMPARE(result.header("Content-Type"), QByteArray("application/json"));
    const QJsonArray apps = result.data();
    QCOMPARE(apps.size(), 3);
    const QString origin = m_harness->server().apiOrigin();
    for (const QJsonValue &app : apps) {
        QCOMPARE(app[u"type"_s].toString(), u"apps"_s);
        QVERIFY(!attribute(app, u"name"_s).isEmpty());
        QVERIFY(!attribute(app, u"bundleId"_s).isEmpty());
        QCOMPARE(app[u"links"_s][u"self"_s].toString(), origin + u"/v1/apps/"_s + app[u"id"_s].toString());
        QVERIFY(app[u"relationships"_s][u"analyticsReportRequests"_s][u"links"_s][u"related"_s]
                    .toString()
                    .startsWith(origin));
    }
    QCOMPARE(result.json()[u"links"_s][u"self"_s].toString(), origin + u"/v1/apps"_s);
    QCOMPARE(result.json()[u"meta"_s][u"paging"_s][u"total"_s].toInt(), 3);
    QVERIFY(!result.json()[u"links"_s].toObject().contains(u"next"_s));

    const HttpResult single = m_harness->get(u"/v1/apps/"_s + appId(1));
    QCOMPARE(single.status, 200);
    QCOMPARE(single.json()[u"data"_s][u"id"_s].toString(), appId(1));
    const HttpResult missing = m_harness->get(u"/v1/apps/999"_s);
    QCOMPARE(missing.status, 404);
    QCOMPARE(missing.errorCode(), u"NOT_FOUND"_s);
}

void TestSandboxAnalytics::pagesThroughApps()
{
    const HttpResult first = m_harness->get(u"/v1/apps?limit=1&fields[apps]=name"_s);
    QCOMPARE(first.data().size(), 1);
    const QUrl self(first.json()[u"links"_s][u"self"_s].toString());
    QCOMPARE(self.path(), u"/v1/apps"_s);
    QCOMPARE(QUrlQuery(self).queryItemValue(u"fields[apps]"_s, QUrl::FullyDecoded), u"name"_s);
    const QString next = first.json()[u"links"_s][u"next"_s].toString();
    QVERIFY(next.startsWith(m_harness->server().apiOrigin() + u"/v1/apps?"_s));
    const QUrlQuery nextQuery{QUrl(next)};
    QCOMPARE(nextQuery.queryItemValue(u"limit"_s), u"1"_s);
    QCOMPARE(nextQuery.queryItemValue(u"fields[apps]"_s, QUrl::FullyDecoded), u"name"_s);
    QCOMPARE(first.json()[u"meta"_s][u"paging"_s][u"nextCursor"_s].toString(),
             nextQuery.queryItemValue(u"cursor"_s));
    QCOMPARE(first.json()[u"meta"_s][u"paging"_s][u"limit"_s].toInt(), 1);

    const QJsonArray all = allPages(u"/v1/apps?limit=1"_s);
    QSet<QString> ids;
    for (const QJsonValue &app : all)
        ids.insert(app[u"id"_s].toString());
    QCOMPARE(all.size(), 3);
    QCOMPARE(ids.size(), 3);
    QCOMPARE(allPages(u"/v1/apps?limit=2"_s).size(), 3);

    const HttpResult badCursor = m_harness->get(u"/v1/apps?cursor=%%%"_s);
    QCOMPARE(badCursor.status, 400);
    QCOMPARE(badCursor.json()[u"errors"_s][0][u"source"_s][u"parameter"_s].toString(), u"cursor"_s);
}

void TestSandboxAnalytics::limitOutOfRange_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("parameter");
    QTest::newRow("apps 0") << u"/v1/apps?limit=0"_s << u"limit"_s;
    QTest::newRow("apps 201") << u"/v1/apps?limit=201"_s << u"limit"_s;
    QTest::newRow("apps text") << u"/v1/apps?limit=ten"_s << u"limit"_s;
    QTest::newRow("requests 201") << u"/v1/apps/{app}/analyticsReportRequests?limit=201"_s << u"limit"_s;
    QTest::newRow("limit[reports] 51")
        << u"/v1/apps/{app}/analyticsReportRequests?include=reports&limit[reports]=51"_s
        << u"limit[reports]"_s;
}

void TestSandboxAnalytics::limitOutOfRange()
{
    QFETCH(QString, path);
    QFETCH(QString, parameter);
    const HttpResult result = m_harness->get(path.replace(u"{app}"_s, appId(0)));
    QCOMPARE(result.status, 400);
    QCOMPARE(result.errorCode(), u"PARAMETER_ERROR.INVALID"_s);
    QCOMPARE(result.json()[u"errors"_s][0][u"source"_s][u"parameter"_s].toString(), parameter);
    QCOMPARE(m_harness->get(u"/v1/apps?limit=200"_s).status, 200);
}

void TestSandboxAnalytics::filtersSortsAndFields()
{
    const QJsonArray apps = m_harness->get(u"/v1/apps"_s).data();
    const QString bundleId = attribute(apps.at(2), u"bundleId"_s);

    const QJsonArray byId = m_harness->get(u"/v1/apps?filter[id]=%1,%2"_s.arg(appId(0), appId(2))).data();
    QCOMPARE(byId.size(), 2);
    const QJsonArray byBundle = m_harness->get(u"/v1/apps?filter[bundleId]="_s + bundleId).data();
    QCOMPARE(byBundle.size(), 1);
    QCOMPARE(byBundle.at(0)[u"id"_s].toString(), appId(2));
    QCOMPARE(m_harness->get(u"/v1/apps?filter[sku]=nope"_s).data().size(), 0);

    const QJsonArray descending = m_harness->get(u"/v1/apps?sort=-name"_s).data();
    for (qsizetype i = 1; i < descending.size(); ++i)
        QVERIFY(attribute(descending.at(i - 1), u"name"_s) >= attribute(descending.at(i), u"name"_s));

    const QJsonObject sparse =
        m_harness->get(u"/v1/apps?fields[apps]=name,bundleId"_s).data().at(0).toObject();
    QCOMPARE(sparse[u"attributes"_s].toObject().keys(), (QStringList{u"bundleId"_s, u"name"_s}));
    QVERIFY(!sparse.contains(u"relationships"_s));
}

void TestSandboxAnalytics::unknownParameterAndValues()
{
    const HttpResult unknown = m_harness->get(u"/v1/apps?filter[color]=red"_s);
    QCOMPARE(unknown.status, 400);
    QCOMPARE(unknown.errorCode(), u"PARAMETER_ERROR.ILLEGAL"_s);
    const HttpResult badField = m_harness->get(u"/v1/apps?fields[apps]=color"_s);
    QCOMPARE(badField.status, 400);
    QCOMPARE(badField.errorCode(), u"PARAMETER_ERROR.INVALID"_s);
    const HttpResult badSort = m_harness->get(u"/v1/apps?sort=color"_s);
    QCOMPARE(badSort.status, 400);
    const HttpResult badAccess =
        m_harness->get(u"/v1/apps/%1/analyticsReportRequests?filter[accessType]=WEEKLY"_s.arg(appId(0)));
    QCOMPARE(badAccess.status, 400);
    QCOMPARE(badAccess.json()[u"errors"_s][0][u"source"_s][u"parameter"_s].toString(),
             u"filter[accessType]"_s);
}

void TestSandboxAnalytics::unknownPathAndMethod()
{
    const HttpResult unknown = m_harness->get(u"/v1/nothingHere"_s);
    QCOMPARE(unknown.status, 404);
    QCOMPARE(unknown.errorCode(), u"NOT_FOUND"_s);
    // There is no GET collection of report requests: list them through the app (API-NOTES §4.2).
    const HttpResult wrongMethod = m_harness->get(u"/v1/analyticsReportRequests"_s);
    QCOMPARE(wrongMethod.status, 405);
    const HttpResult patch =
        m_harness->send("PATCH", u"/v1/apps/"_s + appId(0), m_harness->adminToken(), "{}");
    QCOMPARE(patch.status, 405);
}

void TestSandboxAnalytics::listsInitialRequests()
{
    const HttpResult first = m_harness->get(u"/v1/apps/%1/analyticsReportRequests"_s.arg(appId(0)));
    QCOMPARE(first.status, 200);
    QCOMPARE(first.data().size(), 2);
    QSet<QString> accessTypes;
    for (const QJsonValue &request : first.data()) {
        accessTypes.insert(attribute(request, u"accessType"_s));
        QVERIFY(isUuid(request[u"id"_s].toString()));
        QCOMPARE(request[u"attributes"_s][u"stoppedDueToInactivity"_s].toBool(), false);
        QCOMPARE(request[u"links"_s][u"self"_s].toString(), m_harness->server().apiOrigin() +
                                                                u"/v1/analyticsReportRequests/"_s +
                                                                request[u"id"_s].toString());
    }
    QCOMPARE(accessTypes, (QSet<QString>{u"ONGOING"_s, u"ONE_TIME_SNAPSHOT"_s}));

    // The last enabled app's ONGOING request was stopped for inactivity.
    QCOMPARE(requestOf(appId(1), u"ONGOING"_s)[u"attributes"_s][u"stoppedDueToInactivity"_s].toBool(), true);
    QCOMPARE(
        requestOf(appId(1), u"ONE_TIME_SNAPSHOT"_s)[u"attributes"_s][u"stoppedDueToInactivity"_s].toBool(),
        false);
    // Beyond --enabled-apps nothing was requested.
    QCOMPARE(m_harness->get(u"/v1/apps/%1/analyticsReportRequests"_s.arg(appId(2))).data().size(), 0);
    QCOMPARE(m_harness->get(u"/v1/apps/999/analyticsReportRequests"_s).status, 404);
}

void TestSandboxAnalytics::includeReports()
{
    const HttpResult result = m_harness->get(
        u"/v1/apps/%1/analyticsReportRequests?filter[accessType]=ONGOING&include=reports&limit[reports]=3"_s
            .arg(appId(0)));
    QCOMPARE(result.status, 200);
    const QJsonObject relationship = result.data().at(0)[u"relationships"_s][u"reports"_s].toObject();
    QCOMPARE(relationship[u"data"_s].toArray().size(), 3);
    QCOMPARE(relationship[u"meta"_s][u"paging"_s][u"total"_s].toInt(),
             m_harness->server().world().reports().size());
    const QJsonArray included = result.json()[u"included"_s].toArray();
    QCOMPARE(included.size(), 3);
    QCOMPARE(included.at(0)[u"id"_s], relationship[u"data"_s][0][u"id"_s]);
    QCOMPARE(included.at(0)[u"type"_s].toString(), u"analyticsReports"_s);

    const QString requestId = result.data().at(0)[u"id"_s].toString();
    const HttpResult single = m_harness->get(
        u"/v1/analyticsReportRequests/%1?include=reports&fields[analyticsReports]=name"_s.arg(requestId));
    QCOMPARE(single.status, 200);
    QVERIFY(!single.json()[u"included"_s].toArray().isEmpty());
    QVERIFY(!single.json()[u"included"_s][0][u"attributes"_s].toObject().contains(u"category"_s));
}

void TestSandboxAnalytics::createConflictDeleteCreate()
{
    const QByteArray body = createBody(appId(2), u"ONGOING"_s).toUtf8();
    const HttpResult created =
        m_harness->send("POST", u"/v1/analyticsReportRequests"_s, m_harness->adminToken(), body);
    QCOMPARE(created.status, 201);
    const QJsonObject data = created.json()[u"data"_s].toObject();
    const QString id = data[u"id"_s].toString();
    QVERIFY(isUuid(id));
    QCOMPARE(attribute(data, u"accessType"_s), u"ONGOING"_s);
    QCOMPARE(data[u"attributes"_s][u"stoppedDueToInactivity"_s].toBool(), false);
    const QString origin = m_harness->server().apiOrigin();
    QCOMPARE(data[u"links"_s][u"self"_s].toString(), origin + u"/v1/analyticsReportRequests/"_s + id);
    QCOMPARE(created.json()[u"links"_s][u"self"_s].toString(), origin + u"/v1/analyticsReportRequests"_s);
    QCOMPARE(data[u"relationships"_s][u"reports"_s][u"links"_s][u"related"_s].toString(),
             origin + u"/v1/analyticsReportRequests/"_s + id + u"/reports"_s);
    QCOMPARE(QString::fromLatin1(created.header("Location")),
             origin + u"/v1/analyticsReportRequests/"_s + id);

    const HttpResult conflict =
        m_harness->send("POST", u"/v1/analyticsReportRequests"_s, m_harness->adminToken(), body);
    QCOMPARE(conflict.status, 409);
    QVERIFY(conflict.errorCode().startsWith(u"ENTITY_ERROR"_s));
    QCOMPARE(conflict.errorDetail(), u"You already have such an entity"_s);

    // The other access type is a different request.
    QCOMPARE(m_harness
                 ->send("POST", u"/v1/analyticsReportRequests"_s, m_harness->adminToken(),
                        createBody(appId(2), u"ONE_TIME_SNAPSHOT"_s).toUtf8())
                 .status,
             201);
    QCOMPARE(m_harness->get(u"/v1/analyticsReportRequests/"_s + id).status, 200);

    const HttpResult deleted =
        m_harness->send("DELETE", u"/v1/analyticsReportRequests/"_s + id, m_harness->adminToken());
    QCOMPARE(deleted.status, 204);
    QVERIFY(deleted.body.isEmpty());
    QCOMPARE(m_harness->get(u"/v1/analyticsReportRequests/"_s + id).status, 404);
    QCOMPARE(
        m_harness->send("DELETE", u"/v1/analyticsReportRequests/"_s + id, m_harness->adminToken()).status,
        404);

    const HttpResult again =
        m_harness->send("POST", u"/v1/analyticsReportRequests"_s, m_harness->adminToken(), body);
    QCOMPARE(again.status, 201);
    QVERIFY(again.json()[u"data"_s][u"id"_s].toString() != id);
}

void TestSandboxAnalytics::reportsAppearAfterTheDelay()
{
    const HttpResult created =
        m_harness->send("POST", u"/v1/analyticsReportRequests"_s, m_harness->adminToken(),
                        createBody(appId(2), u"ONE_TIME_SNAPSHOT"_s).toUtf8());
    QCOMPARE(created.status, 201);
    const QString reports =
        u"/v1/analyticsReportRequests/%1/reports"_s.arg(created.json()[u"data"_s][u"id"_s].toString());

    const HttpResult before = m_harness->get(reports);
    QCOMPARE(before.status, 200);
    QCOMPARE(before.data().size(), 0);
    QCOMPARE(before.json()[u"meta"_s][u"paging"_s][u"total"_s].toInt(), 0);
    m_harness->advance(59);
    QCOMPARE(m_harness->get(reports).data().size(), 0);
    m_harness->advance(2);
    const HttpResult after = m_harness->get(reports + u"?limit=200"_s);
    QCOMPARE(after.data().size(), m_harness->server().world().reports().size());

    const QJsonArray commerce = m_harness->get(reports + u"?filter[category]=COMMERCE"_s).data();
    QVERIFY(!commerce.isEmpty());
    for (const QJsonValue &report : commerce)
        QCOMPARE(attribute(report, u"category"_s), u"COMMERCE"_s);
    // The documentation heading "App Store Commerce" is not an API value.
    QCOMPARE(m_harness->get(reports + u"?filter[category]=APP_STORE_COMMERCE"_s).status, 400);
    const QString name = attribute(commerce.at(0), u"name"_s);
    const QJsonArray byName =
        m_harness->get(reports + u"?filter[name]="_s + QString::fromLatin1(QUrl::toPercentEncoding(name)))
            .data();
    QCOMPARE(byName.size(), 1);
    QCOMPARE(attribute(byName.at(0), u"name"_s), name);

    // A new snapshot holds history up to its ready day.
    const QString reportId = byName.at(0)[u"id"_s].toString();
    const QJsonArray instances = m_harness->get(u"/v1/analyticsReports/%1/instances"_s.arg(reportId)).data();
    QVERIFY(!instances.isEmpty());
    for (const QJsonValue &instance : instances)
        QVERIFY(QDate::fromString(attribute(instance, u"processingDate"_s), Qt::ISODate) <=
                m_harness->server().today());
}

void TestSandboxAnalytics::badCreateBodies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("pointer");

    QTest::newRow("not JSON") << QByteArray("{\"data\": ") << 400 << QString();
    QTest::newRow("no data") << QByteArray("{}") << 422 << u"/data"_s;
    QTest::newRow("wrong type")
        << QByteArray(
               R"({"data":{"type":"apps","attributes":{"accessType":"ONGOING"},"relationships":{"app":{"data":{"type":"apps","id":"{app}"}}}}})")
        << 409 << u"/data/type"_s;
    QTest::newRow("no accessType")
        << QByteArray(
               R"({"data":{"type":"analyticsReportRequests","attributes":{},"relationships":{"app":{"data":{"type":"apps","id":"{app}"}}}}})")
        << 422 << u"/data/attributes/accessType"_s;
    QTest::newRow("bad accessType")
        << QByteArray(
               R"({"data":{"type":"analyticsReportRequests","attributes":{"accessType":"DAILY"},"relationships":{"app":{"data":{"type":"apps","id":"{app}"}}}}})")
        << 422 << u"/data/attributes/accessType"_s;
    QTest::newRow("no app")
        << QByteArray(R"({"data":{"type":"analyticsReportRequests","attributes":{"accessType":"ONGOING"}}})")
        << 422 << u"/data/relationships/app"_s;
    QTest::newRow("app of another type")
        << QByteArray(
               R"({"data":{"type":"analyticsReportRequests","attributes":{"accessType":"ONGOING"},"relationships":{"app":{"data":{"type":"builds","id":"{app}"}}}}})")
        << 422 << u"/data/relationships/app/data/type"_s;
    QTest::newRow("unknown app")
        << QByteArray(
               R"({"data":{"type":"analyticsReportRequests","attributes":{"accessType":"ONGOING"},"relationships":{"app":{"data":{"type":"apps","id":"42"}}}}})")
        << 404 << u"/data/relationships/app/data/id"_s;
}

void TestSandboxAnalytics::badCreateBodies()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, pointer);
    body.replace("{app}", appId(2).toLatin1());
    const HttpResult result =
        m_harness->send("POST", u"/v1/analyticsReportRequests"_s, m_harness->adminToken(), body);
    QCOMPARE(result.status, status);
    QCOMPARE(result.json()[u"errors"_s][0][u"source"_s][u"pointer"_s].toString(), pointer);
    QCOMPARE(m_harness->get(u"/v1/apps/%1/analyticsReportRequests"_s.arg(appId(2))).data().size(), 0);
}

void TestSandboxAnalytics::stoppedRequestMustBeDeletedFirst()
{
    const QByteArray body = createBody(appId(1), u"ONGOING"_s).toUtf8();
    QCOMPARE(m_harness->send("POST", u"/v1/analyticsReportRequests"_s, m_harness->adminToken(), body).status,
             409);
    const QString stopped = requestOf(appId(1), u"ONGOING"_s)[u"id"_s].toString();
    QCOMPARE(m_harness->send("DELETE", u"/v1/analyticsReportRequests/"_s + stopped, m_harness->adminToken())
                 .status,
             204);
    const HttpResult renewed =
        m_harness->send("POST", u"/v1/analyticsReportRequests"_s, m_harness->adminToken(), body);
    QCOMPARE(renewed.status, 201);
    QCOMPARE(renewed.json()[u"data"_s][u"attributes"_s][u"stoppedDueToInactivity"_s].toBool(), false);
}

void TestSandboxAnalytics::instanceSegmentDownloadChain()
{
    const QString requestId = requestOf(appId(0), u"ONGOING"_s)[u"id"_s].toString();
    const QJsonArray reports =
        m_harness->get(u"/v1/analyticsReportRequests/%1/reports?filter[category]=COMMERCE"_s.arg(requestId))
            .data();
    QVERIFY(!reports.isEmpty());
    const QString reportId = reports.at(0)[u"id"_s].toString();
    const HttpResult report = m_harness->get(u"/v1/analyticsReports/"_s + reportId);
    QCOMPARE(report.status, 200);
    QCOMPARE(report.json()[u"data"_s][u"attributes"_s], reports.at(0)[u"attributes"_s]);

    const QJsonArray daily =
        m_harness
            ->get(u"/v1/analyticsReports/%1/instances?filter[granularity]=DAILY&limit=200"_s.arg(reportId))
            .data();
    QVERIFY(!daily.isEmpty());
    for (const QJsonValue &instance : daily)
        QCOMPARE(attribute(instance, u"granularity"_s), u"DAILY"_s);
    const QJsonObject instance = daily.at(0).toObject();
    const QString processingDate = attribute(instance, u"processingDate"_s);
    const QJsonArray sameDay = m_harness
                                   ->get(u"/v1/analyticsReports/%1/instances?filter[processingDate]=%2"_s.arg(
                                       reportId, processingDate))
                                   .data();
    QVERIFY(!sameDay.isEmpty());
    for (const QJsonValue &other : sameDay)
        QCOMPARE(attribute(other, u"processingDate"_s), processingDate);
    // Both filters are arrays (form style, explode false: comma-separated), as Apple's OpenAPI declares them.
    const QString secondDate = attribute(daily.at(daily.size() - 1), u"processingDate"_s);
    const QJsonArray twoDays =
        m_harness
            ->get(
                u"/v1/analyticsReports/%1/instances?filter[granularity]=DAILY,WEEKLY&filter[processingDate]=%2,%3"_s
                    .arg(reportId, processingDate, secondDate))
            .data();
    QVERIFY(!twoDays.isEmpty());
    for (const QJsonValue &other : twoDays) {
        QVERIFY((QStringList{processingDate, secondDate}).contains(attribute(other, u"processingDate"_s)));
        QVERIFY((QStringList{u"DAILY"_s, u"WEEKLY"_s}).contains(attribute(other, u"granularity"_s)));
    }
    QCOMPARE(
        m_harness->get(u"/v1/analyticsReports/%1/instances?filter[processingDate]=14.03.2025"_s.arg(reportId))
            .status,
        400);
    QCOMPARE(m_harness->get(u"/v1/analyticsReports/%1/instances?filter[granularity]=HOURLY"_s.arg(reportId))
                 .status,
             400);

    const QString instanceId = instance[u"id"_s].toString();
    QCOMPARE(
        m_harness->get(u"/v1/analyticsReportInstances/"_s + instanceId).json()[u"data"_s][u"id"_s].toString(),
        instanceId);
    const HttpResult segments = m_harness->get(u"/v1/analyticsReportInstances/%1/segments"_s.arg(instanceId));
    QCOMPARE(segments.status, 200);
    QVERIFY(!segments.data().isEmpty());
    for (const QJsonValue &segment : segments.data()) {
        const QString url = attribute(segment, u"url"_s);
        QVERIFY2(url.startsWith(m_harness->server().segmentOrigin() + u'/'), qPrintable(url));
        const HttpResult download = m_harness->fetch(QUrl(url));
        QCOMPARE(download.status, 200);
        QCOMPARE(download.header("Content-Type"), QByteArray("application/octet-stream"));
        QVERIFY(download.header("X-Rate-Limit").isEmpty());
        QCOMPARE(download.header("Content-Length").toLongLong(), download.body.size());
        QCOMPARE(qint64(download.body.size()), segment[u"attributes"_s][u"sizeInBytes"_s].toInteger());
        QCOMPARE(QString::fromLatin1(md5Hex(download.body)), attribute(segment, u"checksum"_s));
        const QByteArray text = gunzip(download.body);
        QVERIFY(!text.isEmpty());
        QVERIFY2(text.left(text.indexOf('\n')).contains('\t'), text.left(200).constData());

        const HttpResult byId =
            m_harness->get(u"/v1/analyticsReportSegments/"_s + segment[u"id"_s].toString());
        QCOMPARE(byId.status, 200);
        QCOMPARE(attribute(byId.json()[u"data"_s], u"checksum"_s), attribute(segment, u"checksum"_s));
    }
    QCOMPARE(m_harness->get(u"/v1/analyticsReportInstances/nope/segments"_s).status, 404);
    QCOMPARE(m_harness->get(u"/v1/analyticsReports/nope"_s).status, 404);
}

void TestSandboxAnalytics::snapshotAndStoppedInstances()
{
    const QString snapshot = requestOf(appId(0), u"ONE_TIME_SNAPSHOT"_s)[u"id"_s].toString();
    const QJsonArray reports =
        m_harness->get(u"/v1/analyticsReportRequests/%1/reports?limit=1"_s.arg(snapshot)).data();
    QCOMPARE(reports.size(), 1);
    const QJsonArray instances =
        m_harness->get(u"/v1/analyticsReports/%1/instances"_s.arg(reports.at(0)[u"id"_s].toString())).data();
    QVERIFY(!instances.isEmpty());
    const QDate snapshotDay = m_harness->server().today().addDays(-20);
    for (const QJsonValue &instance : instances)
        QVERIFY(QDate::fromString(attribute(instance, u"processingDate"_s), Qt::ISODate) <= snapshotDay);

    const QString stopped = requestOf(appId(1), u"ONGOING"_s)[u"id"_s].toString();
    const QJsonArray stoppedReports =
        m_harness->get(u"/v1/analyticsReportRequests/%1/reports"_s.arg(stopped)).data();
    QVERIFY(!stoppedReports.isEmpty());
    const QDate stoppedOn = m_harness->server().today().addDays(-10);
    const QJsonArray stoppedInstances = allPages(
        u"/v1/analyticsReports/%1/instances?limit=200"_s.arg(stoppedReports.at(0)[u"id"_s].toString()));
    for (const QJsonValue &instance : stoppedInstances)
        QVERIFY(QDate::fromString(attribute(instance, u"processingDate"_s), Qt::ISODate) <= stoppedOn);
}

void TestSandboxAnalytics::relationshipEndpoints()
{
    const QString requestId = requestOf(appId(0), u"ONGOING"_s)[u"id"_s].toString();
    const HttpResult requestLinks =
        m_harness->get(u"/v1/apps/%1/relationships/analyticsReportRequests"_s.arg(appId(0)));
    QCOMPARE(requestLinks.status, 200);
    QCOMPARE(requestLinks.data().size(), 2);
    QCOMPARE(requestLinks.data().at(0)[u"type"_s].toString(), u"analyticsReportRequests"_s);

    const HttpResult reportLinks =
        m_harness->get(u"/v1/analyticsReportRequests/%1/relationships/reports?limit=2"_s.arg(requestId));
    QCOMPARE(reportLinks.data().size(), 2);
    QVERIFY(reportLinks.json()[u"links"_s].toObject().contains(u"next"_s));
    const QString reportId = reportLinks.data().at(0)[u"id"_s].toString();
    const HttpResult instanceLinks =
        m_harness->get(u"/v1/analyticsReports/%1/relationships/instances"_s.arg(reportId));
    QCOMPARE(instanceLinks.status, 200);
    const QString instanceId = instanceLinks.data().at(0)[u"id"_s].toString();
    const HttpResult segmentLinks =
        m_harness->get(u"/v1/analyticsReportInstances/%1/relationships/segments"_s.arg(instanceId));
    QCOMPARE(segmentLinks.status, 200);
    QCOMPARE(segmentLinks.data().at(0)[u"type"_s].toString(), u"analyticsReportSegments"_s);
}

void TestSandboxAnalytics::presignedUrlIsGuarded()
{
    const QString requestId = requestOf(appId(0), u"ONGOING"_s)[u"id"_s].toString();
    const QString reportId =
        m_harness->get(u"/v1/analyticsReportRequests/%1/reports?limit=1"_s.arg(requestId))
            .data()
            .at(0)[u"id"_s]
            .toString();
    const QString instanceId = m_harness->get(u"/v1/analyticsReports/%1/instances?limit=1"_s.arg(reportId))
                                   .data()
                                   .at(0)[u"id"_s]
                                   .toString();
    const QString url = attribute(
        m_harness->get(u"/v1/analyticsReportInstances/%1/segments"_s.arg(instanceId)).data().at(0), u"url"_s);

    // The JWT must never travel to the storage host: a download that carries it is refused.
    const HttpResult withAuth = m_harness->fetch(
        QUrl(url), "GET", {{QByteArrayLiteral("Authorization"), "Bearer " + m_harness->adminToken()}});
    QCOMPARE(withAuth.status, 400);
    QCOMPARE(withAuth.header("Content-Type"), QByteArray("application/xml"));
    QVERIFY(withAuth.body.contains("<Code>InvalidArgument</Code>"));

    QUrl tampered(url);
    QUrlQuery query(tampered);
    const qint64 expires = query.queryItemValue(u"X-Expires"_s).toLongLong();
    QCOMPARE(expires, m_harness->now().toSecsSinceEpoch() + 300);
    query.removeQueryItem(u"X-Expires"_s);
    query.addQueryItem(u"X-Expires"_s, QString::number(expires + 3600));
    tampered.setQuery(query);
    const HttpResult longer = m_harness->fetch(tampered);
    QCOMPARE(longer.status, 403);
    QVERIFY(longer.body.contains("<Code>SignatureDoesNotMatch</Code>"));

    QUrl otherPath(url);
    otherPath.setPath(otherPath.path().replace(instanceId, u"x"_s));
    QCOMPARE(m_harness->fetch(otherPath).status, 403);
    QCOMPARE(m_harness->fetch(QUrl(url), "POST").status, 405);

    QCOMPARE(m_harness->fetch(QUrl(url)).status, 200);
    m_harness->advance(301);
    const HttpResult expired = m_harness->fetch(QUrl(url));
    QCOMPARE(expired.status, 403);
    QVERIFY(expired.body.contains("<Code>AccessDenied</Code>"));
    QVERIFY(expired.body.contains("expired"));
}

void TestSandboxAnalytics::documentsAreReproducible()
{
    SandboxOptions options = SandboxHarness::defaultOptions();
    options.enabledApps = 2;
    SandboxHarness twin(options);
    QString error;
    QVERIFY2(twin.start(&error), qPrintable(error));

    const auto walk = [](SandboxHarness &harness) {
        QStringList documents;
        const auto keep = [&](const HttpResult &result) {
            // Only the ports differ between the two servers.
            documents.append(QString::fromUtf8(result.body)
                                 .replace(harness.server().apiOrigin(), u"{api}"_s)
                                 .replace(harness.server().segmentOrigin(), u"{segments}"_s));
            return result;
        };
        const QString app = harness.server().world().apps().at(0).id;
        keep(harness.get(u"/v1/apps"_s));
        const HttpResult requests =
            keep(harness.get(u"/v1/apps/%1/analyticsReportRequests?include=reports"_s.arg(app)));
        const QString requestId = requests.data().at(0)[u"id"_s].toString();
        const HttpResult reports =
            keep(harness.get(u"/v1/analyticsReportRequests/%1/reports?limit=3"_s.arg(requestId)));
        const QString reportId = reports.data().at(2)[u"id"_s].toString();
        const HttpResult instances = keep(harness.get(u"/v1/analyticsReports/%1/instances"_s.arg(reportId)));
        const QString instanceId = instances.data().at(0)[u"id"_s].toString();
        keep(harness.get(u"/v1/analyticsReportInstances/%1/segments"_s.arg(instanceId)));
        keep(harness.get(u"/v1/analyticsReports/nope"_s));
        return documents;
    };
    const QStringList mine = walk(*m_harness);
    const QStringList theirs = walk(twin);
    QCOMPARE(mine.size(), 6);
    for (qsizetype i = 0; i < mine.size(); ++i)
        QCOMPARE(mine.at(i), theirs.at(i));
    const QStringList problems = twin.takeProblems();
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

QTEST_GUILESS_MAIN(TestSandboxAnalytics)
#include "tst_sandboxanalytics.moc"
