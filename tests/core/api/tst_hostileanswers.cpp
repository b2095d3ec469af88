// A hostile App Store Connect (issue 13): a loopback peer that answers with ids made to escape a script or a
// path, endless or huge answers, trickled bytes and hour-long waits. Nothing it sends may run, leak, or make
// ascsync grow or wait without bound. Every limit is met through the real client over real loopback HTTP.
#include "core/admin/adminsender.h"
#include "core/admin/curlscript.h"
#include "core/api/analyticsendpoints.h"
#include "core/api/apiclient.h"
#include "core/api/appsendpoint.h"
#include "core/api/resourceid.h"
#include "core/common/plaintext.h"
#include "tests/testkit/scriptedserver.h"
#include "tests/testkit/testkeys.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ascsync;
using namespace ascsync::api;

namespace {

QByteArray listing(const QJsonArray &data, const QString &next = {})
{
    QJsonObject links{{u"self"_s, u"x"_s}};
    if (!next.isEmpty()) {
        links.insert(u"next"_s, next);
    }
    return QJsonDocument(QJsonObject{{u"data"_s, data}, {u"links"_s, links}}).toJson(QJsonDocument::Compact);
}

QJsonObject resource(const QString &type, const QString &id, const QJsonObject &attributes)
{
    return QJsonObject{{u"type"_s, type}, {u"id"_s, id}, {u"attributes"_s, attributes}};
}

QJsonObject segment(const QString &url, const QJsonValue &size, const QJsonValue &checksum)
{
    QJsonObject attributes{{u"url"_s, url}};
    if (!size.isUndefined()) {
        attributes.insert(u"sizeInBytes"_s, size);
    }
    if (!checksum.isUndefined()) {
        attributes.insert(u"checksum"_s, checksum);
    }
    return resource(u"analyticsReportSegments"_s, u"seg-1"_s, attributes);
}

} // namespace

class TestHostileAnswers : public QObject {
    Q_OBJECT

private:
    testkeys::KeyPtr m_raw = testkeys::generateEc("P-256");
    QTemporaryDir m_dir;

    std::unique_ptr<ApiClient> clientFor(const ScriptedServer &server,
                                         const std::function<void(ApiOptions &)> &adjust = {})
    {
        auto key = auth::P8Key::fromPem(testkeys::pkcs8Pem(m_raw.get()));
        auth::TokenClaims claims;
        claims.issuerId = u"57246542-96fe-1a63-e053-0824d011072a"_s;
        claims.keyId = u"2X9R4HXF34"_s;
        ApiOptions options;
        options.baseUrl = QUrl(QString::fromLatin1(server.origin()));
        options.maxAttempts = 2;
        options.backoffBase = std::chrono::milliseconds(5);
        options.backoffCap = std::chrono::milliseconds(20);
        options.transferTimeout = std::chrono::milliseconds(2000);
        if (adjust) {
            adjust(options);
        }
        return std::make_unique<ApiClient>(options,
                                           std::make_shared<auth::TokenProvider>(key.value(), claims));
    }

    // Runs a generated script with `sh` and a stand-in `curl` that records its arguments and standard input.
    struct ScriptRun {
        int exitCode = -1;
        QByteArray arguments;
        QByteArray input;
    };
    ScriptRun runScript(const QString &script)
    {
        QTemporaryDir bin;
        const QString fakeCurl = bin.filePath(u"curl"_s);
        QFile curl(fakeCurl);
        if (!curl.open(QIODevice::WriteOnly)) {
            return {};
        }
        // (\x27 is a single quote: moc's tokenizer trips over a quote inside a string literal.)
        curl.write("#!/bin/sh\nfor a in \"$@\"; do printf \x27[%s]\\n\x27 \"$a\"; done >> \"$LOG_DIR/args\"\n"
                   "cat >> \"$LOG_DIR/stdin\"\n");
        curl.close();
        curl.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QTemporaryDir logs;
        QProcess sh;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"PATH"_s, bin.path() + u":/usr/bin:/bin"_s);
        environment.insert(u"LOG_DIR"_s, logs.path());
        sh.setProcessEnvironment(environment);
        sh.start(u"/bin/sh"_s, {u"-s"_s});
        sh.write(script.toUtf8());
        sh.closeWriteChannel();
        if (!sh.waitForFinished(30'000)) {
            sh.kill();
            sh.waitForFinished();
        }
        ScriptRun run;
        run.exitCode = sh.exitCode();
        QFile args(logs.filePath(u"args"_s));
        if (args.open(QIODevice::ReadOnly)) {
            run.arguments = args.readAll();
        }
        QFile input(logs.filePath(u"stdin"_s));
        if (input.open(QIODevice::ReadOnly)) {
            run.input = input.readAll();
        }
        return run;
    }

    static auth::SignedToken fakeToken()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        return {u"eyJhbGciOi.eyJpc3MiOi.c2lnbmF0dXJl"_s, now, now.addSecs(1200)};
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // --- Item 1: nothing from the API runs in the Admin's script
    // --------------------------------------------
    void scriptNeverRunsAnIdFromTheApi()
    {
        const QString pwned = m_dir.filePath(u"pwned"_s);
        const QString pwnedToo = m_dir.filePath(u"pwned-too"_s);
        const QList<admin::AdminAction> actions{
            {admin::AdminAction::Kind::DeleteStopped, u"100"_s, u"App"_s, u"ONGOING"_s,
             u"req\ntouch "_s + pwned},
            {admin::AdminAction::Kind::Create, u"200\ntouch "_s + pwnedToo, u"Other"_s, u"ONGOING"_s, {}},
            {admin::AdminAction::Kind::Create,
             u"300\x27;touch \x27"_s + pwnedToo,
             u"Third"_s,
             u"ONGOING"_s,
             {}},
            {admin::AdminAction::Kind::Create, u"400"_s, u"Good $(touch x)"_s, u"ONGOING"_s, {}},
        };
        const QString script =
            admin::renderCurlScript(actions, fakeToken(), QUrl(u"https://api.appstoreconnect.apple.com"_s));
        const ScriptRun run = runScript(script);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(!QFile::exists(pwned), qPrintable(script));
        QVERIFY2(!QFile::exists(pwnedToo), qPrintable(script));
        QCOMPARE(script.count(u"# Refused, nothing is sent for it:"_s), 3);
        // The one good action ran, as one curl with the exact URL.
        QVERIFY2(run.arguments.contains("[https://api.appstoreconnect.apple.com/v1/analyticsReportRequests]"),
                 run.arguments.constData());
        QCOMPARE(run.arguments.count("[-X]"), 1);
    }

    void listingRefusesIdsThatAreNotPlainIdentifiers_data()
    {
        QTest::addColumn<QString>("id");
        QTest::newRow("newline") << u"abc\ntouch /tmp/pwned"_s;
        QTest::newRow("dot-dot") << u"../apps/1000000202"_s;
        QTest::newRow("absolute") << u"/etc/passwd"_s;
        QTest::newRow("quote") << u"a\x27"
                                  u"b"_s;
        QTest::newRow("percent") << u"%2e%2e"_s;
        QTest::newRow("escape") << u"\x1b[2Jx"_s;
        QTest::newRow("empty") << QString();
        QTest::newRow("long") << QString(200, u'a');
    }

    void listingRefusesIdsThatAreNotPlainIdentifiers()
    {
        QFETCH(QString, id);
        ScriptedServer server;
        server.script("/v1/apps/100/analyticsReportRequests",
                      {ScriptedReply::json(200, listing({resource(u"analyticsReportRequests"_s, id,
                                                                  {{u"accessType"_s, u"ONGOING"_s}})}))});
        server.script("/v1/apps", {ScriptedReply::json(
                                      200, listing({resource(u"apps"_s, id, {{u"name"_s, u"Evil"_s}})}))});
        auto client = clientFor(server);
        AnalyticsEndpoints endpoints(*client);
        const auto requests = endpoints.requests(u"100"_s);
        QVERIFY(!requests.ok());
        QCOMPARE(requests.error().code, u"api.badId"_s);
        QVERIFY2(requests.errorMessage().contains(u"report request of app 100"_s),
                 qPrintable(requests.errorMessage()));
        QVERIFY(!requests.errorMessage().contains(u'\n'));
        QVERIFY(!requests.errorMessage().contains(u'\x1b'));
        const auto apps = listApps(*client);
        QVERIFY(!apps.ok());
        QCOMPARE(apps.error().code, u"api.badId"_s);
        QVERIFY(apps.errorMessage().contains(u"the app \"Evil\""_s));
    }

    // --- Item 2: an id is one path segment, never resolved -----------------------------------------------
    void anIdNeverBecomesAnotherPath()
    {
        ScriptedServer server;
        auto client = clientFor(server);
        AnalyticsEndpoints endpoints(*client);
        const auto deleted = endpoints.deleteRequest(u"../apps/1000000202"_s);
        QVERIFY(!deleted.ok());
        QCOMPARE(deleted.error().code, u"api.badId"_s);
        QVERIFY(!endpoints.reports(u".."_s).ok());
        QVERIFY(!endpoints.instances(u"../x"_s, u"DAILY"_s).ok());
        QVERIFY(!endpoints.segments(u"a/b"_s).ok());
        QVERIFY(!endpoints.createRequest(u"1/../2"_s, u"ONGOING"_s).ok());
        QCOMPARE(server.received().size(), 0); // nothing was sent, with the token or without

        const QString script =
            admin::renderCurlScript({{admin::AdminAction::Kind::DeleteStopped, u"100"_s, u"App"_s,
                                      u"ONGOING"_s, u"../apps/1000000202"_s}},
                                    fakeToken(), QUrl(u"https://api.appstoreconnect.apple.com"_s));
        QVERIFY(!script.contains(u"/v1/apps/1000000202"_s));
        QVERIFY(!script.contains(u"DELETE"_s));
        QVERIFY2(!script.contains(u"ASC_ADMIN_TOKEN"_s), "a script with nothing to run holds no token");
        // A valid id with a dot stays one segment.
        QCOMPARE(pathSegment(u"a.b-c_1"_s), u"a%2Eb-c_1"_s);
        QVERIFY(isValidResourceId(u"57246542-96fe-1a63-e053-0824d011072a"_s));
        QVERIFY(isValidResourceId(u"1476097583"_s));
    }

    // --- Item 4: the Admin token is scoped and never on a command line -----------------------------------
    void scriptTokenTravelsOnStandardInputOnly()
    {
        const auth::SignedToken token = fakeToken();
        const QString script = admin::renderCurlScript(
            {{admin::AdminAction::Kind::Create, u"100"_s, u"App"_s, u"ONGOING"_s, {}},
             {admin::AdminAction::Kind::DeleteStopped, u"200"_s, u"B"_s, u"ONGOING"_s, u"req-9"_s}},
            token, QUrl(u"https://api.appstoreconnect.apple.com"_s));
        const ScriptRun run = runScript(script);
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.arguments.count("[-X]"), 2);
        QVERIFY2(!run.arguments.contains(token.token.toLatin1()), run.arguments.constData());
        QVERIFY(!run.arguments.contains("Authorization"));
        QCOMPARE(run.input.count(QByteArray("Authorization: Bearer " + token.token.toLatin1() + "\n")), 2);
    }

    void tokenScopeIsExactlyTheReportRequestCalls()
    {
        const QList<admin::AdminAction> actions{
            {admin::AdminAction::Kind::Create, u"100"_s, u"App"_s, u"ONGOING"_s, {}},
            {admin::AdminAction::Kind::Create, u"100"_s, u"App"_s, u"ONE_TIME_SNAPSHOT"_s, {}},
            {admin::AdminAction::Kind::DeleteStopped, u"200"_s, u"B"_s, u"ONGOING"_s, u"req-9"_s},
            {admin::AdminAction::Kind::DeleteStopped, u"300"_s, u"C"_s, u"ONGOING"_s, u"../apps/1"_s},
        };
        QCOMPARE(admin::tokenScope(actions), QStringList({u"POST /v1/analyticsReportRequests"_s,
                                                          u"DELETE /v1/analyticsReportRequests/req-9"_s}));
        QCOMPARE(admin::sendingScope(actions), QStringList({u"POST /v1/analyticsReportRequests"_s,
                                                            u"DELETE /v1/analyticsReportRequests/req-9"_s,
                                                            u"GET /v1/apps/100/analyticsReportRequests"_s}));
        QVERIFY(admin::tokenScope({}).isEmpty());
    }

    // --- Item 5: JSON answers have a size cap --------------------------------------------------------------
    void aHugeJsonAnswerIsRefused()
    {
        ScriptedServer server;
        QByteArray huge = "{\"data\":[],\"padding\":\"";
        huge += QByteArray(kMaxResponseBytes + 1024, 'x');
        huge += "\"}";
        server.script("/v1/apps", {ScriptedReply::json(200, huge)});
        auto client = clientFor(server);
        const auto apps = listApps(*client);
        QVERIFY(!apps.ok());
        QCOMPARE(apps.error().code, u"api.tooLarge"_s);
        QCOMPARE(server.count("/v1/apps"), 1); // not asked again
        QVERIFY(apps.errorMessage().contains(u"larger answer than ascsync accepts"_s));
    }

    // --- Item 6: a download stops as soon as it exceeds what was announced ---------------------------------
    void aSegmentLargerThanAnnouncedIsStopped()
    {
        ScriptedServer files;
        ScriptedReply big;
        big.body = QByteArray(4 * 1024 * 1024, 'z');
        files.script("/seg", {big});
        ScriptedServer api;
        auto client = clientFor(api);
        const QString path = m_dir.filePath(u"seg.gz"_s);
        QString code;
        client->downloadAll(
            {{QUrl(QString::fromLatin1(files.origin() + "/seg")), path, 100, u"abc"_s}}, 1,
            [&](qsizetype, Result<DownloadResult> result) { code = result ? u"ok"_s : result.error().code; });
        QCOMPARE(code, u"api.tooLarge"_s);
        QCOMPARE(files.count("/seg"), 1); // a lie is not downloaded twice
        QVERIFY(!QFile::exists(path));
    }

    void aReportFileHasACap()
    {
        ScriptedServer server;
        ScriptedReply big;
        big.headers = {{"Content-Type", "application/a-gzip"}};
        big.body = QByteArray(3 * 1024 * 1024, 'z');
        server.script("/v1/salesReports", {big});
        auto client = clientFor(server, [](ApiOptions &options) { options.maxDownloadBytes = 1024 * 1024; });
        const QString path = m_dir.filePath(u"sales.gz"_s);
        const auto outcome = client->getToFile(u"/v1/salesReports"_s, {}, path);
        QVERIFY(!outcome.ok());
        QCOMPARE(outcome.error().code, u"api.tooLarge"_s);
        QCOMPARE(server.count("/v1/salesReports"), 1);
        QVERIFY(!QFile::exists(path));
        QCOMPARE(ApiOptions().maxDownloadBytes, kMaxDownloadBytes); // the default is the documented cap
    }

    // --- Item 9: per-request deadline, bounded waits, bounded paging
    // ----------------------------------------
    void aTrickledAnswerMeetsTheDeadline()
    {
        ScriptedServer server;
        ScriptedReply slow = ScriptedReply::json(200, listing({}));
        slow.trickleMs = 50; // every byte well within the transfer timeout, the whole far beyond the deadline
        server.script("/v1/apps", {slow});
        auto client = clientFor(
            server, [](ApiOptions &options) { options.requestDeadline = std::chrono::milliseconds(1000); });
        const auto apps = listApps(*client);
        QVERIFY(!apps.ok());
        QCOMPARE(apps.error().code, u"api.deadline"_s);
        QCOMPARE(server.count("/v1/apps"), 1); // not retried: a second slow attempt would double the hold
        QCOMPARE(ApiOptions().requestDeadline, kRequestDeadline);
    }

    void anHourLongRateLimitPaceStopsInsteadOfWaiting()
    {
        ScriptedServer server;
        ScriptedReply spent = ScriptedReply::json(200, listing({resource(u"apps"_s, u"1"_s, {})}, u"next"_s));
        spent.headers.append(
            qMakePair(QByteArray("X-Rate-Limit"), QByteArray("user-hour-lim:1;user-hour-rem:0;")));
        server.handle("/v1/apps", [&](const ReceivedRequest &) {
            ScriptedReply reply = spent;
            reply.body = listing({resource(u"apps"_s, u"1"_s, {})},
                                 QString::fromLatin1(server.origin()) + u"/v1/apps?cursor=2"_s);
            return reply;
        });
        auto client = clientFor(server);
        const auto apps = listApps(*client);
        QVERIFY(!apps.ok());
        // The hour-long pace is Apple's spent budget: a clean stop that says when to come back.
        QCOMPARE(apps.error().code, u"api.budgetSpent"_s);
        QVERIFY2(apps.errorMessage().contains(u"resumes after"_s), qPrintable(apps.errorMessage()));
        QCOMPARE(server.count("/v1/apps"), 1);
    }

    void anHourLongRetryAfterStopsInsteadOfWaiting()
    {
        ScriptedServer server;
        ScriptedReply busy = ScriptedReply::json(429, "{\"errors\":[{\"status\":\"429\"}]}");
        busy.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("3600")));
        server.script("/v1/apps", {busy});
        auto client = clientFor(server);
        const auto apps = listApps(*client);
        QVERIFY(!apps.ok());
        QCOMPARE(apps.error().code, u"api.budgetSpent"_s);
        QVERIFY2(apps.errorMessage().contains(u"resumes after"_s), qPrintable(apps.errorMessage()));
        QCOMPARE(server.count("/v1/apps"), 1);
    }

    void endlessPagingStops()
    {
        ScriptedServer server;
        int served = 0;
        server.handle("/v1/apps", [&](const ReceivedRequest &) {
            ++served;
            return ScriptedReply::json(
                200, listing({resource(u"apps"_s, QString::number(served), {})},
                             QString::fromLatin1(server.origin()) + u"/v1/apps?cursor=%1"_s.arg(served)));
        });
        auto client = clientFor(server, [](ApiOptions &options) { options.maxPages = 5; });
        const auto apps = listApps(*client);
        QVERIFY(!apps.ok());
        QCOMPARE(apps.error().code, u"api.tooManyPages"_s);
        QCOMPARE(served, 5);
        QCOMPARE(ApiOptions().maxPages, kMaxPages);
    }

    // --- Item 10: server text is escaped before it reaches a terminal --------------------------------------
    void controlCharactersAreEscaped()
    {
        QCOMPARE(escapeControlCharacters(u"App\x1b[2J\nFake row\r\t\u202eevil"_s),
                 u"App\\x1b[2J\\nFake row\\r\\t\\u202eevil"_s);
        QCOMPARE(escapeControlCharacters(u"Zoë\x27s App 🚀"_s), u"Zoë\x27s App 🚀"_s);
        QCOMPARE(escapeControlCharacters(u"\x7f\u0085"_s), u"\\x7f\\x85"_s);
    }

    void serverNamesAreEscapedWhereTheyEnter()
    {
        ScriptedServer server;
        server.script("/v1/apps",
                      {ScriptedReply::json(
                          200, listing({resource(u"apps"_s, u"100"_s,
                                                 {{u"name"_s, u"Evil\x1b]0;owned\x07\nok  999  Fake"_s},
                                                  {u"bundleId"_s, u"com.x\r"_s}})}))});
        server.script(
            "/v1/analyticsReportRequests/req-1/reports",
            {ScriptedReply::json(200, listing({resource(u"analyticsReports"_s, u"rep-1"_s,
                                                        {{u"name"_s, u"App\nDownloads\x1b[2J"_s}})}))});
        auto client = clientFor(server);
        const auto apps = listApps(*client);
        QVERIFY(apps.ok());
        QCOMPARE(apps->value(0).name, u"Evil\\x1b]0;owned\\x07\\nok  999  Fake"_s);
        QCOMPARE(apps->value(0).bundleId, u"com.x\\r"_s);
        AnalyticsEndpoints endpoints(*client);
        const auto reports = endpoints.reports(u"req-1"_s);
        QVERIFY(reports.ok());
        QCOMPARE(reports->value(0).name, u"App\\nDownloads\\x1b[2J"_s);
        // A message of ascsync's own keeps its line breaks; an ESC inside it is escaped.
        QCOMPARE(escapeForTerminal(u"line one\nApp \x1b[31m"_s), u"line one\nApp \\x1b[31m"_s);
    }

    void appleErrorDetailIsEscaped()
    {
        ScriptedServer server;
        server.script("/v1/apps",
                      {ScriptedReply::json(
                          403, "{\"errors\":[{\"status\":\"403\",\"code\":\"FORBIDDEN\",\"title\":\"No\","
                               "\"detail\":\"bad\\u001b[31m\\nok    fake row\"}]}")});
        auto client = clientFor(server);
        const auto apps = listApps(*client);
        QVERIFY(!apps.ok());
        QVERIFY2(!apps.errorMessage().contains(u'\x1b'), qPrintable(apps.errorMessage()));
        QVERIFY(!apps.errorMessage().contains(u'\n'));
        QVERIFY(apps.errorMessage().contains(u"bad\\x1b[31m\\nok    fake row"_s));
    }

    // --- Item 11: an unusable --ca-file is an error, not silently ignored ----------------------------------
    void anUnusableCaFileIsAnError()
    {
        ScriptedServer server;
        server.script("/v1/apps", {ScriptedReply::json(200, listing({}))});
        const QString missing = m_dir.filePath(u"no-such-ca.pem"_s);
        auto client = clientFor(server, [&](ApiOptions &options) { options.caFile = missing; });
        const auto apps = listApps(*client);
        QVERIFY(!apps.ok());
        QCOMPARE(apps.error().code, u"api.caFile"_s);
        QVERIFY(apps.errorMessage().contains(missing));
        QCOMPARE(server.received().size(), 0);
    }

    // --- Item 16: segment listings must be verifiable and https -------------------------------------------
    void segmentListingsMustBeVerifiable_data()
    {
        QTest::addColumn<QJsonObject>("listed");
        QTest::addColumn<bool>("accepted");
        const QJsonValue none;
        QTest::newRow("https") << segment(u"https://files.example/s.gz"_s, 10, u"abc"_s) << true;
        QTest::newRow("loopback http") << segment(u"http://127.0.0.1:9/s.gz"_s, 10, u"abc"_s) << true;
        QTest::newRow("remote http") << segment(u"http://files.example/s.gz"_s, 10, u"abc"_s) << false;
        QTest::newRow("file") << segment(u"file:///etc/passwd"_s, 10, u"abc"_s) << false;
        QTest::newRow("negative size") << segment(u"https://files.example/s.gz"_s, -5, u"abc"_s) << false;
        QTest::newRow("size as text")
            << segment(u"https://files.example/s.gz"_s, u"big"_s, u"abc"_s) << false;
        QTest::newRow("no checksum") << segment(u"https://files.example/s.gz"_s, 10,
                                                QJsonValue(QJsonValue::Undefined))
                                     << false;
        QTest::newRow("empty checksum") << segment(u"https://files.example/s.gz"_s, 10, u""_s) << false;
    }

    void segmentListingsMustBeVerifiable()
    {
        QFETCH(QJsonObject, listed);
        QFETCH(bool, accepted);
        ScriptedServer server;
        server.script("/v1/analyticsReportInstances/inst-1/segments",
                      {ScriptedReply::json(200, listing({listed}))});
        auto client = clientFor(server);
        AnalyticsEndpoints endpoints(*client);
        const auto segments = endpoints.segments(u"inst-1"_s);
        QCOMPARE(segments.ok(), accepted);
        if (!accepted) {
            QCOMPARE(segments.error().code, u"api.badResponse"_s);
        }
    }
};

QTEST_GUILESS_MAIN(TestHostileAnswers)
#include "tst_hostileanswers.moc"
