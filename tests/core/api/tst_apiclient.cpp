// The API client against a scripted loopback peer: paging, retries, 401 refresh, redirects, timeouts,
// cancels, segment integrity and the token-never-leaves-the-API-host invariant.
#include "core/api/analyticsendpoints.h"
#include "core/api/apiclient.h"
#include "tests/testkit/apitestdata.h"
#include "tests/testkit/scriptedserver.h"
#include "tests/testkit/testkeys.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace ascsync;
using namespace ascsync::api;

namespace {

QByteArray page(const QList<QString> &ids, const QByteArray &next)
{
    QJsonArray data;
    for (const QString &id : ids) {
        data.append(QJsonObject{
            {u"type"_s, u"apps"_s}, {u"id"_s, id}, {u"attributes"_s, QJsonObject{{u"name"_s, id}}}});
    }
    QJsonObject links{{u"self"_s, u"x"_s}};
    if (!next.isEmpty()) {
        links.insert(u"next"_s, QString::fromLatin1(next));
    }
    return QJsonDocument(QJsonObject{{u"data"_s, data}, {u"links"_s, links}}).toJson(QJsonDocument::Compact);
}

} // namespace

class TestApiClient : public QObject {
    Q_OBJECT

private:
    testkeys::KeyPtr m_raw = testkeys::generateEc("P-256");
    QTemporaryDir m_dir;

    // A client with the test key, signing its own tokens.
    std::unique_ptr<ApiClient> clientWith(const ApiOptions &options)
    {
        auto key = auth::P8Key::fromPem(testkeys::pkcs8Pem(m_raw.get()));
        auth::TokenClaims claims;
        claims.issuerId = u"57246542-96fe-1a63-e053-0824d011072a"_s;
        claims.keyId = u"2X9R4HXF34"_s;
        return std::make_unique<ApiClient>(options,
                                           std::make_shared<auth::TokenProvider>(key.value(), claims));
    }

    std::unique_ptr<ApiClient> clientFor(const ScriptedServer &server, int maxAttempts = 4)
    {
        ApiOptions options;
        options.baseUrl = QUrl(QString::fromLatin1(server.origin()));
        options.maxAttempts = maxAttempts;
        options.backoffBase = std::chrono::milliseconds(5);
        options.backoffCap = std::chrono::milliseconds(20);
        options.transferTimeout = std::chrono::milliseconds(400);
        return clientWith(options);
    }

    // A loopback HTTPS server with `certificatePem` and `keyPem` that answers every request 200 {"data":[]}.
    static std::unique_ptr<QSslServer> tlsServer(const QByteArray &certificatePem, const QByteArray &keyPem)
    {
        auto server = std::make_unique<QSslServer>();
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setLocalCertificate(QSslCertificate(certificatePem));
        tls.setPrivateKey(QSslKey(keyPem, QSsl::Ec));
        server->setSslConfiguration(tls);
        QSslServer *raw = server.get();
        QObject::connect(raw, &QTcpServer::pendingConnectionAvailable, raw, [raw] {
            while (QTcpSocket *socket = raw->nextPendingConnection()) {
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                    if (!socket->peek(64 * 1024).contains("\r\n\r\n"))
                        return;
                    socket->readAll();
                    socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                                  "11\r\nConnection: close\r\n\r\n{\"data\":[]}");
                    socket->disconnectFromHost();
                });
                QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        if (!server->listen(QHostAddress::LocalHost, 0))
            return nullptr;
        return server;
    }

    std::unique_ptr<ApiClient> httpsClient(quint16 port, const QString &caFile)
    {
        ApiOptions options;
        options.baseUrl = QUrl(u"https://127.0.0.1:%1"_s.arg(port));
        options.caFile = caFile;
        options.maxAttempts = 1;
        return clientWith(options);
    }

private Q_SLOTS:
    void caFileIsTrustedByItsClientOnly()
    {
        // --ca-file (a TLS-inspecting proxy's CA) makes that client trust the CA; it must not become the
        // process's default, where every other client -- and every later connection -- would trust it too.
        const testkeys::KeyPtr serverKey = testkeys::generateEc("P-256");
        const QByteArray certificate = testkeys::selfSignedCertificatePem(serverKey.get(), "IP:127.0.0.1");
        const auto server = tlsServer(certificate, testkeys::traditionalPem(serverKey.get()));
        QVERIFY(server);
        const QString caFile = m_dir.filePath(u"proxy-ca.pem"_s);
        QFile file(caFile);
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write(certificate) == certificate.size());
        file.close();
        const QList<QSslCertificate> defaultsBefore =
            QSslConfiguration::defaultConfiguration().caCertificates();

        const auto trusting = httpsClient(server->serverPort(), caFile);
        const auto answered = trusting->get(u"/v1/apps"_s, {});
        QVERIFY2(answered, qPrintable(answered.errorMessage()));
        QCOMPARE(answered->status, 200);
        QCOMPARE(QSslConfiguration::defaultConfiguration().caCertificates(), defaultsBefore);

        const auto other = httpsClient(server->serverPort(), QString());
        const auto refused = other->get(u"/v1/apps"_s, {});
        QVERIFY2(!refused || !refused->ok(), "a client without --ca-file trusted the proxy's CA");
    }

    void followsPagingAndSendsTheToken()
    {
        ScriptedServer server;
        const QByteArray origin = server.origin();
        server.handle("/v1/apps", [&](const ReceivedRequest &request) {
            if (request.target.contains("cursor=2")) {
                return ScriptedReply::json(200, page({u"3"_s}, {}));
            }
            if (request.target.contains("cursor=1")) {
                return ScriptedReply::json(200, page({u"2"_s}, origin + "/v1/apps?cursor=2&limit=1"));
            }
            return ScriptedReply::json(200, page({u"1"_s}, origin + "/v1/apps?cursor=1&limit=1"));
        });
        auto client = clientFor(server);
        QUrlQuery query;
        query.addQueryItem(u"limit"_s, u"1"_s);
        const auto all = client->getAll(u"/v1/apps"_s, query, u"listing apps"_s);
        QVERIFY2(all.ok(), qPrintable(all.errorMessage()));
        QCOMPARE(all->data.size(), 3);
        QCOMPARE(all->data[2].toObject().value(u"id"_s).toString(), u"3"_s);
        QCOMPARE(server.received().size(), 3);
        for (const ReceivedRequest &request : server.received()) {
            QVERIFY(request.headers.value("authorization").startsWith("Bearer ey"));
        }
        // One token serves every request (Apple's advice), it is not re-signed per call.
        QCOMPARE(server.received()[0].headers.value("authorization"),
                 server.received()[2].headers.value("authorization"));
    }

    void retriesServerErrorsThenSucceeds()
    {
        ScriptedServer server;
        server.script("/v1/apps", {ScriptedReply::json(500, kError500), ScriptedReply::json(503, kError500),
                                   ScriptedReply::json(200, page({u"1"_s}, {}))});
        auto client = clientFor(server);
        const auto all = client->getAll(u"/v1/apps"_s, {}, u"listing apps"_s);
        QVERIFY2(all.ok(), qPrintable(all.errorMessage()));
        QCOMPARE(server.count("/v1/apps"), 3);
    }

    void givesUpAfterBoundedRetries()
    {
        ScriptedServer server;
        server.script("/v1/apps", {ScriptedReply::json(500, kError500)});
        auto client = clientFor(server, 3);
        const auto all = client->getAll(u"/v1/apps"_s, {}, u"listing your apps"_s);
        QVERIFY(!all.ok());
        QCOMPARE(server.count("/v1/apps"), 3);
        QVERIFY2(all.errorMessage().contains(u"server error while listing your apps (HTTP 500)"_s),
                 qPrintable(all.errorMessage()));
        QVERIFY(all.errorMessage().contains(u"boom"_s));
    }

    void honoursRetryAfterOn429()
    {
        ScriptedServer server;
        ScriptedReply limited = ScriptedReply::json(429, kRateLimited429);
        limited.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("1")));
        server.script("/v1/apps", {limited, ScriptedReply::json(200, page({u"1"_s}, {}))});
        auto client = clientFor(server);
        QElapsedTimer timer;
        timer.start();
        const auto all = client->getAll(u"/v1/apps"_s, {}, u"listing apps"_s);
        QVERIFY(all.ok());
        QCOMPARE(server.count("/v1/apps"), 2);
        // Functional check, not a timing threshold: the scripted backoff is 20 ms at most, so only honouring
        // Retry-After explains a pause of a second.
        QVERIFY(timer.elapsed() >= 900);
    }

    void refreshesTheTokenOnceAfter401()
    {
        ScriptedServer server;
        server.script("/v1/apps",
                      {ScriptedReply::json(401, kError401), ScriptedReply::json(200, page({u"1"_s}, {}))});
        auto client = clientFor(server);
        QVERIFY(client->getAll(u"/v1/apps"_s, {}, u"listing apps"_s).ok());
        QCOMPARE(server.count("/v1/apps"), 2);

        ScriptedServer rejecting;
        rejecting.script("/v1/apps", {ScriptedReply::json(401, kError401)});
        auto second = clientFor(rejecting);
        const auto all = second->getAll(u"/v1/apps"_s, {}, u"listing your apps"_s);
        QVERIFY(!all.ok());
        QCOMPARE(rejecting.count("/v1/apps"), 2); // exactly one refresh, then a clear error
        QVERIFY(all.errorMessage().contains(u"Likely causes"_s));
        QVERIFY(all.errorMessage().contains(u"clock"_s));
        QVERIFY(!all.errorMessage().contains(u"Bearer"_s));
    }

    void refusesCrossOriginRedirectsWithTheToken()
    {
        ScriptedServer api;
        ScriptedServer elsewhere;
        elsewhere.script("/steal", {ScriptedReply::json(200, "{}")});
        ScriptedReply redirect;
        redirect.status = 302;
        redirect.headers = {{"Location", elsewhere.origin() + "/steal"}};
        api.script("/v1/apps", {redirect});
        auto client = clientFor(api);
        const auto outcome = client->get(u"/v1/apps"_s);
        QVERIFY(!outcome.ok());
        QCOMPARE(outcome.error().code, u"api.redirectRefused"_s);
        QCOMPARE(elsewhere.received().size(), 0);
    }

    void followsSameOriginRedirects()
    {
        ScriptedServer api;
        ScriptedReply redirect;
        redirect.status = 307;
        redirect.headers = {{"Location", api.origin() + "/v1/apps2"}};
        api.script("/v1/apps", {redirect});
        api.script("/v1/apps2", {ScriptedReply::json(200, page({u"9"_s}, {}))});
        auto client = clientFor(api);
        const auto outcome = client->get(u"/v1/apps"_s);
        QVERIFY2(outcome.ok(), qPrintable(outcome.errorMessage()));
        QCOMPARE(outcome->status, 200);
        QVERIFY(api.received().last().headers.value("authorization").startsWith("Bearer "));
    }

    void refusesPageLinksToAnotherHost()
    {
        ScriptedServer api;
        ScriptedServer elsewhere;
        api.script("/v1/apps",
                   {ScriptedReply::json(200, page({u"1"_s}, elsewhere.origin() + "/v1/apps?cursor=2"))});
        auto client = clientFor(api);
        const auto all = client->getAll(u"/v1/apps"_s, {}, u"listing apps"_s);
        QVERIFY(!all.ok());
        QCOMPARE(all.error().code, u"api.redirectRefused"_s);
        QCOMPARE(elsewhere.received().size(), 0);
    }

    void timesOutASilentServer()
    {
        ScriptedServer server;
        ScriptedReply silent;
        silent.silent = true;
        server.script("/v1/apps", {silent});
        auto client = clientFor(server, 2);
        const auto outcome = client->get(u"/v1/apps"_s);
        QVERIFY(!outcome.ok());
        QCOMPARE(outcome.error().code, u"api.timeout"_s);
        QCOMPARE(server.count("/v1/apps"), 2);
    }

    void reportsAnUnreachableServer()
    {
        quint16 closedPort = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            closedPort = probe.serverPort();
        }
        auto key = auth::P8Key::fromPem(testkeys::pkcs8Pem(m_raw.get()));
        auth::TokenClaims claims;
        claims.issuerId = u"57246542-96fe-1a63-e053-0824d011072a"_s;
        claims.keyId = u"2X9R4HXF34"_s;
        ApiOptions options;
        options.baseUrl = QUrl(u"http://127.0.0.1:%1"_s.arg(closedPort));
        options.maxAttempts = 2;
        options.backoffBase = std::chrono::milliseconds(5);
        options.backoffCap = std::chrono::milliseconds(10);
        ApiClient client(options, std::make_shared<auth::TokenProvider>(key.value(), claims));
        const auto outcome = client.get(u"/v1/apps"_s);
        QVERIFY(!outcome.ok());
        QCOMPARE(outcome.error().code, u"api.network"_s);
        QVERIFY(outcome.errorMessage().contains(u"Check your network"_s));
    }

    void cancelFromAnotherThread()
    {
        ScriptedServer server;
        ScriptedReply silent;
        silent.silent = true;
        server.script("/v1/apps", {silent});
        auto client = clientFor(server, 6);
        QThread *canceller = QThread::create([&] {
            QThread::msleep(100);
            client->cancel();
        });
        canceller->start();
        const auto outcome = client->get(u"/v1/apps"_s);
        canceller->wait();
        delete canceller;
        QVERIFY(!outcome.ok());
        QCOMPARE(outcome.error().code, u"api.cancelled"_s);
    }

    void keepsNon2xxAsOutcomes()
    {
        ScriptedServer server;
        server.script("/v1/salesReports", {ScriptedReply::json(404, kNoSales404)});
        auto client = clientFor(server);
        const QString path = m_dir.filePath(u"sales.gz"_s);
        const auto outcome = client->getToFile(u"/v1/salesReports"_s, {}, path);
        QVERIFY(outcome.ok());
        QCOMPARE(outcome->status, 404);
        QCOMPARE(outcome->errors.value(0).code, u"NOT_FOUND"_s);
        QCOMPARE(outcome->errors.value(0).detail, u"There were no sales for the date specified."_s);
        QVERIFY(!QFile::exists(path));
    }

    void downloadsSegmentsWithoutTheTokenAndChecksThem()
    {
        ScriptedServer segments;
        const QByteArray good = QByteArray(100000, 'x') + "end";
        const QString goodMd5 =
            QString::fromLatin1(QCryptographicHash::hash(good, QCryptographicHash::Md5).toHex());
        ScriptedReply ok;
        ok.headers = {{"Content-Type", "application/octet-stream"}};
        ok.body = good;
        ScriptedReply truncated = ok;
        truncated.body = good.left(5000);
        truncated.announcedLength = good.size();
        ScriptedReply corrupted = ok;
        corrupted.body[10] = 'y';
        segments.script("/a", {ok});
        segments.script("/b", {truncated, ok});        // cut short once, then complete
        segments.script("/c", {corrupted, corrupted}); // bad twice: this one fails alone
        segments.script("/d", {truncated, truncated});

        ScriptedServer api;
        auto client = clientFor(api);
        QList<DownloadRequest> requests;
        for (const char *name : {"a", "b", "c", "d"}) {
            requests.append({QUrl(QString::fromLatin1(segments.origin() + "/" + name + "?X-Signature=abc")),
                             m_dir.filePath(QString::fromLatin1(name)), good.size(), goodMd5});
        }
        QMap<qsizetype, QString> outcomes;
        client->downloadAll(requests, 2, [&](qsizetype index, Result<DownloadResult> result) {
            outcomes.insert(index, result.ok() ? u"ok"_s : result.error().code);
        });
        QCOMPARE(outcomes.value(0), u"ok"_s);
        QCOMPARE(outcomes.value(1), u"ok"_s);
        QCOMPARE(outcomes.value(2), u"api.checksum"_s);
        QCOMPARE(outcomes.value(3), u"api.truncated"_s);
        QFile file(requests[1].filePath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), good);
        QVERIFY(!QFile::exists(requests[2].filePath)); // a failed file is not left behind
        for (const ReceivedRequest &request : segments.received()) {
            QVERIFY2(!request.headers.contains("authorization"), "the JWT must never go to the segment host");
        }
        QCOMPARE(api.received().size(), 0);
    }

    void analyticsEndpointsParseApplesShapes()
    {
        ScriptedServer server;
        server.script("/v1/analyticsReportInstances/i1/segments", {ScriptedReply::json(200, kSegmentsPage)});
        server.script("/v1/analyticsReports/r1/instances", {ScriptedReply::json(200, kInstancesPage)});
        auto client = clientFor(server);
        AnalyticsEndpoints endpoints(*client);
        const auto instances = endpoints.instances(u"r1"_s, u"DAILY"_s);
        QVERIFY(instances.ok());
        QCOMPARE(instances->value(0).processingDate, QDate(2026, 3, 4));
        QVERIFY(server.received().last().target.contains("filter%5Bgranularity%5D=DAILY") ||
                server.received().last().target.contains("filter[granularity]=DAILY"));
        const auto segments = endpoints.segments(u"i1"_s);
        QVERIFY(segments.ok());
        QCOMPARE(segments->value(0).sizeInBytes, 42);
        QCOMPARE(segments->value(0).url.host(), u"files.example"_s);
    }

    void rateLimitHeaderAndPacing()
    {
        const auto limit = parseRateLimit("user-hour-lim:3600;user-hour-rem:50;");
        QVERIFY(limit.has_value());
        QCOMPARE(limit->hourLimit, 3600);
        QCOMPARE(limit->remaining, 50);
        QCOMPARE(pacingDelay(*limit, 100).count(), 1000);
        QCOMPARE(pacingDelay({3600, 500}, 100).count(), 0);
        QVERIFY(!parseRateLimit("garbage").has_value());
        QCOMPARE(parseRetryAfter("7", 0)->count(), 7000);
        QCOMPARE(parseRetryAfter("Thu, 01 Jan 1970 00:00:10 GMT", 4)->count(), 6000);
        QVERIFY(!parseRetryAfter("soon", 0).has_value());
    }

    void hugeRetryAfterSaturates()
    {
        // Found by fuzz_httpheaders (issue 17): seconds * 1000 overflowed qint64 (undefined behaviour, in
        // practice a negative wait) for a delta-seconds value above 9.2e15. Now it saturates, and the client
        // caps the wait anyway.
        const auto wait = parseRetryAfter("9223372036854775807", 0);
        QVERIFY(wait.has_value());
        QCOMPARE(wait->count(), std::numeric_limits<qint64>::max() / 1000 * 1000);
        QCOMPARE(parseRetryAfter("9223372036854776", 0)->count(),
                 std::numeric_limits<qint64>::max() / 1000 * 1000);
        QCOMPARE(parseRetryAfter("9223372036854775", 0)->count(), qint64(9223372036854775000));
    }

    // The asynchronous forms: they return at once, answer once, later, in the caller's thread, retry
    // without blocking it, and end on cancel() or silently with the client.
    void asyncListingAnswersLaterInTheCallersThread()
    {
        ScriptedServer server;
        const QByteArray origin = server.origin();
        server.handle("/v1/apps", [&](const ReceivedRequest &request) {
            if (request.target.contains("cursor=1")) {
                return ScriptedReply::json(200, page({u"2"_s}, {}));
            }
            return ScriptedReply::json(200, page({u"1"_s}, origin + "/v1/apps?cursor=1"));
        });
        server.script("/v1/apps/1", {ScriptedReply::json(503, kError500), ScriptedReply::json(200, "{}")});
        auto client = clientFor(server);
        int listings = 0;
        int gets = 0;
        Result<PagedData> listed = makeError(u"test.pending"_s, u"not answered"_s);
        Result<HttpOutcome> fetched = makeError(u"test.pending"_s, u"not answered"_s);
        QThread *answeredIn = nullptr;
        client->getAllAsync(u"/v1/apps"_s, {}, u"listing apps"_s, [&](Result<PagedData> result) {
            ++listings;
            answeredIn = QThread::currentThread();
            listed = std::move(result);
        });
        client->getAsync(u"/v1/apps/1"_s, {}, [&](Result<HttpOutcome> result) {
            ++gets;
            fetched = std::move(result);
        });
        QCOMPARE(listings, 0); // nothing answers inside the call
        QCOMPARE(gets, 0);
        QTRY_COMPARE(listings, 1);
        QTRY_COMPARE(gets, 1);
        QTest::qWait(50);
        QCOMPARE(listings, 1);
        QCOMPARE(gets, 1);
        QCOMPARE(answeredIn, QThread::currentThread());
        QVERIFY2(listed.ok(), qPrintable(listed.errorMessage()));
        QCOMPARE(listed->data.size(), 2);
        QVERIFY2(fetched.ok(), qPrintable(fetched.errorMessage()));
        QCOMPARE(fetched->status, 200);
        QCOMPARE(server.count("/v1/apps/1"), 2); // the 503 was retried in the background
    }

    void cancelEndsPendingAsyncCalls()
    {
        ScriptedServer server;
        ScriptedReply silent;
        silent.silent = true;
        server.script("/v1/apps", {silent});
        server.script("/v1/apps/1", {ScriptedReply::json(500, kError500)});
        ApiOptions options;
        options.baseUrl = QUrl(QString::fromLatin1(server.origin()));
        options.backoffBase = std::chrono::minutes(5); // the retry would wait for minutes without cancel()
        options.backoffCap = std::chrono::minutes(5);
        auto client = clientWith(options);
        QStringList codes;
        const auto record = [&codes](Result<HttpOutcome> outcome) {
            codes.append(outcome ? u"HTTP %1"_s.arg(outcome->status) : outcome.error().code);
        };
        client->getAsync(u"/v1/apps"_s, {}, record);   // in flight, never answered
        client->getAsync(u"/v1/apps/1"_s, {}, record); // waiting for its retry
        QTRY_COMPARE(server.count("/v1/apps/1"), 1);
        QTRY_COMPARE(server.count("/v1/apps"), 1);
        QTest::qWait(50);
        QVERIFY(codes.isEmpty());
        client->cancel();
        QTRY_COMPARE(codes.size(), 2);
        QCOMPARE(codes, QStringList({u"api.cancelled"_s, u"api.cancelled"_s}));
        QCOMPARE(server.count("/v1/apps/1"), 1);
    }

    void destroyingTheClientDropsPendingCalls()
    {
        ScriptedServer server;
        ScriptedReply silent;
        silent.silent = true;
        server.script("/v1/apps", {silent});
        ApiOptions options;
        options.baseUrl = QUrl(QString::fromLatin1(server.origin()));
        options.transferTimeout = std::chrono::minutes(5); // silence never ends these calls by itself
        auto client = clientWith(options);
        bool answered = false;
        client->getAsync(u"/v1/apps"_s, {}, [&answered](const Result<HttpOutcome> &) { answered = true; });
        client->downloadAllAsync(
            {DownloadRequest{QUrl(QString::fromLatin1(server.origin()) + u"/v1/apps"_s),
                             m_dir.filePath(u"dropped.bin"_s),
                             -1,
                             {}}},
            1, [&answered](qsizetype, const Result<DownloadResult> &) { answered = true; },
            [&answered] { answered = true; });
        QTRY_COMPARE(server.count("/v1/apps"), 2);
        client.reset();
        QTest::qWait(200);
        QVERIFY(!answered);
    }

    void aCallbackMayDestroyItsClient()
    {
        // A dialog that closes on an answer drops its client from inside the callback.
        ScriptedServer server;
        server.script("/v1/apps", {ScriptedReply::json(200, page({u"1"_s}, {}))});
        server.fallback([](const ReceivedRequest &) { return ScriptedReply::json(200, "segment"); });
        auto client = clientFor(server);
        bool answered = false;
        client->getAllAsync(u"/v1/apps"_s, {}, u"listing apps"_s, [&](const Result<PagedData> &pages) {
            answered = pages.ok();
            client.reset();
        });
        QTRY_VERIFY(!client);
        QVERIFY(answered);

        client = clientFor(server);
        const QString origin = QString::fromLatin1(server.origin());
        int downloaded = 0;
        bool finished = false;
        client->downloadAllAsync(
            {DownloadRequest{QUrl(origin + u"/a"_s), m_dir.filePath(u"a.bin"_s), -1, {}},
             DownloadRequest{QUrl(origin + u"/b"_s), m_dir.filePath(u"b.bin"_s), -1, {}}},
            1,
            [&](qsizetype, const Result<DownloadResult> &result) {
                downloaded += result.ok() ? 1 : 0;
                client.reset();
            },
            [&finished] { finished = true; });
        QTRY_VERIFY(!client);
        QTest::qWait(100);
        QCOMPARE(downloaded, 1);
        QVERIFY(!finished); // dropped with the client
    }

    void setupErrorsAnswerAsynchronouslyToo()
    {
        ApiOptions options;
        options.baseUrl = QUrl(u"http://127.0.0.1:9"_s);
        options.caFile = m_dir.filePath(u"missing-ca.pem"_s);
        auto client = clientWith(options);
        QString code;
        client->getAsync(u"/v1/apps"_s, {}, [&code](const Result<HttpOutcome> &outcome) {
            code = outcome ? u"ok"_s : outcome.error().code;
        });
        QVERIFY(code.isEmpty());
        QTRY_COMPARE(code, u"api.caFile"_s);
        bool finished = false;
        QList<qsizetype> failed;
        client->downloadAllAsync(
            {DownloadRequest{QUrl(u"http://127.0.0.1:9/a"_s), m_dir.filePath(u"a"_s), -1, {}}}, 2,
            [&failed](qsizetype index, const Result<DownloadResult> &result) {
                if (!result) {
                    failed.append(index);
                }
            },
            [&finished] { finished = true; });
        QVERIFY(!finished);
        QTRY_VERIFY(finished);
        QCOMPARE(failed, QList<qsizetype>({0}));
    }
};

QTEST_GUILESS_MAIN(TestApiClient)
#include "tst_apiclient.moc"
