// Injected faults (--faults), their determinism, latency, and the requests log.

#include "sandboxharness.h"

#include <QFile>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ascsync::sandbox;
using namespace ascsync::sandbox::test;

namespace {

struct RawExchange {
    QByteArray received;
    bool closedByServer = false;
};

// A hand-written HTTP/1.1 exchange, to see exactly what reaches the wire (QNetworkAccessManager hides a
// short body behind an error and may retry a dropped connection).
RawExchange rawGet(const QString &origin, const QString &pathAndQuery, const QByteArray &token)
{
    const QUrl url(origin);
    QTcpSocket socket;
    RawExchange exchange;
    QObject::connect(&socket, &QTcpSocket::readyRead, &socket,
                     [&] { exchange.received += socket.readAll(); });
    socket.connectToHost(u"127.0.0.1"_s, quint16(url.port()));
    socket.write("GET " + pathAndQuery.toUtf8() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
                 token + "\r\nConnection: keep-alive\r\n\r\n");
    // The server closes the connection in every case tested here; the 30 s guard only stops a hung test.
    exchange.closedByServer =
        QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::UnconnectedState; }, 30000);
    return exchange;
}

std::unique_ptr<SandboxHarness> startWithFaults(const QString &faults, quint64 seed = 7,
                                                const QString &log = {})
{
    SandboxOptions options = SandboxHarness::defaultOptions();
    options.faults = faults;
    options.seed = seed;
    options.requestsLog = log;
    auto harness = std::make_unique<SandboxHarness>(options);
    QString error;
    if (!harness->start(&error))
        qWarning() << "cannot start:" << error;
    return harness;
}

QString firstSegmentsPath(SandboxHarness &harness)
{
    const QString app = harness.server().world().apps().at(0).id;
    const QString request =
        harness.get(u"/v1/apps/%1/analyticsReportRequests?filter[accessType]=ONGOING"_s.arg(app))
            .data()
            .at(0)[u"id"_s]
            .toString();
    const QString report = harness.get(u"/v1/analyticsReportRequests/%1/reports?limit=1"_s.arg(request))
                               .data()
                               .at(0)[u"id"_s]
                               .toString();
    const QString instance = harness.get(u"/v1/analyticsReports/%1/instances?limit=1"_s.arg(report))
                                 .data()
                                 .at(0)[u"id"_s]
                                 .toString();
    return u"/v1/analyticsReportInstances/%1/segments"_s.arg(instance);
}

QList<QJsonObject> logLines(const QString &path)
{
    QFile file(path);
    QList<QJsonObject> lines;
    if (!file.open(QIODevice::ReadOnly))
        return lines;
    const QList<QByteArray> raw = file.readAll().split('\n');
    for (const QByteArray &line : raw) {
        if (!line.isEmpty())
            lines.append(QJsonDocument::fromJson(line).object());
    }
    return lines;
}

} // namespace

class TestSandboxFaults : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void badSpecIsRefused();
    void http500();
    void http429();
    void reset();
    void truncate();
    void slowAndLatency();
    void badChecksum();
    void drift();
    void drawsAreReproducibleAndRetriesSucceed();
    void segmentDownloadFaults();
    void requestsLog();
};

void TestSandboxFaults::badSpecIsRefused()
{
    for (const QString &spec : {u"explode=0.5"_s, u"http500"_s, u"http500=2"_s, u"reset=-0.1"_s}) {
        SandboxOptions options = SandboxHarness::defaultOptions();
        options.faults = spec;
        SandboxHarness harness(options);
        QString error;
        QVERIFY2(!harness.start(&error), qPrintable(spec));
        QVERIFY2(error.contains(u"--faults"_s), qPrintable(error));
    }
}

void TestSandboxFaults::http500()
{
    auto harness = startWithFaults(u"http500=1"_s);
    const HttpResult result = harness->get(u"/v1/apps"_s);
    QCOMPARE(result.status, 500);
    QCOMPARE(result.errorCode(), u"UNEXPECTED_ERROR"_s);
    QCOMPARE(result.header("X-Sandbox-Fault"), QByteArray("http500"));
    QVERIFY2(harness->takeProblems().isEmpty(), "the 500 document must be an ErrorResponse");
}

void TestSandboxFaults::http429()
{
    auto harness = startWithFaults(u"http429=1"_s);
    const HttpResult result = harness->get(u"/v1/apps"_s);
    QCOMPARE(result.status, 429);
    QCOMPARE(result.errorCode(), u"RATE_LIMIT_EXCEEDED"_s);
    QCOMPARE(result.header("X-Sandbox-Fault"), QByteArray("http429"));
    const QStringList problems = harness->takeProblems();
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

void TestSandboxFaults::reset()
{
    auto harness = startWithFaults(u"reset=1"_s);
    const HttpResult viaClient = harness->get(u"/v1/apps"_s);
    QCOMPARE(viaClient.status, 0);
    QVERIFY(viaClient.error != QNetworkReply::NoError);

    const RawExchange raw = rawGet(harness->server().apiOrigin(), u"/v1/apps"_s, harness->adminToken());
    QVERIFY(raw.closedByServer);
    QCOMPARE(raw.received, QByteArray()); // not a byte of response
}

void TestSandboxFaults::truncate()
{
    auto harness = startWithFaults(u"truncate=1"_s);
    const RawExchange raw = rawGet(harness->server().apiOrigin(), u"/v1/apps"_s, harness->adminToken());
    QVERIFY(raw.closedByServer);
    const qsizetype headerEnd = raw.received.indexOf("\r\n\r\n");
    QVERIFY(headerEnd > 0);
    const QByteArray head = raw.received.left(headerEnd);
    QVERIFY2(head.startsWith("HTTP/1.1 200"), head.constData());
    const qsizetype lengthAt = head.toLower().indexOf("content-length: ");
    QVERIFY(lengthAt > 0);
    const qint64 announced =
        head.mid(lengthAt + 16, head.indexOf('\r', lengthAt) - lengthAt - 16).toLongLong();
    const qint64 delivered = raw.received.size() - headerEnd - 4;
    QVERIFY(announced > 0);
    QVERIFY2(delivered < announced, qPrintable(u"%1 of %2"_s.arg(delivered).arg(announced)));

    const HttpResult viaClient = harness->get(u"/v1/apps"_s);
    QVERIFY(viaClient.error != QNetworkReply::NoError);
}

void TestSandboxFaults::slowAndLatency()
{
    auto slow = startWithFaults(u"slow=1"_s);
    const HttpResult delayed = slow->get(u"/v1/apps"_s);
    QCOMPARE(delayed.status, 200);
    QCOMPARE(delayed.header("X-Sandbox-Fault"), QByteArray("slow"));

    SandboxOptions options = SandboxHarness::defaultOptions();
    options.latencyMs = 30;
    SandboxHarness latency(options);
    QString error;
    QVERIFY2(latency.start(&error), qPrintable(error));
    // The delay is a timer on the server's event loop; the answer itself is unchanged.
    QCOMPARE(latency.get(u"/v1/apps"_s).status, 200);
    const QStringList problems = latency.takeProblems() + slow->takeProblems();
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

void TestSandboxFaults::badChecksum()
{
    auto harness = startWithFaults(u"badchecksum=1"_s);
    auto clean = startWithFaults(QString());
    const HttpResult listing = harness->get(firstSegmentsPath(*harness));
    const HttpResult cleanListing = clean->get(firstSegmentsPath(*clean));
    QCOMPARE(listing.header("X-Sandbox-Fault"), QByteArray("badchecksum"));
    const QJsonObject segment = listing.data().at(0).toObject();
    const QJsonObject cleanSegment = cleanListing.data().at(0).toObject();
    QCOMPARE(segment[u"id"_s], cleanSegment[u"id"_s]);
    const QString listed = segment[u"attributes"_s][u"checksum"_s].toString();
    QVERIFY(listed != cleanSegment[u"attributes"_s][u"checksum"_s].toString());
    QCOMPARE(listed.size(), 32);

    const HttpResult download = harness->fetch(QUrl(segment[u"attributes"_s][u"url"_s].toString()));
    QCOMPARE(download.status, 200);
    QCOMPARE(download.header("X-Sandbox-Fault"), QByteArray("badchecksum"));
    // Same size, other bytes: only the checksum can tell.
    QCOMPARE(qint64(download.body.size()), segment[u"attributes"_s][u"sizeInBytes"_s].toInteger());
    QVERIFY(md5Hex(download.body) != cleanSegment[u"attributes"_s][u"checksum"_s].toString().toLatin1());
}

void TestSandboxFaults::drift()
{
    auto drifting = startWithFaults(u"drift=1"_s);
    auto clean = startWithFaults(QString());
    const HttpResult listing = drifting->get(firstSegmentsPath(*drifting));
    QCOMPARE(listing.header("X-Sandbox-Fault"), QByteArray("drift"));
    const QJsonObject segment = listing.data().at(0).toObject();
    const HttpResult download = drifting->fetch(QUrl(segment[u"attributes"_s][u"url"_s].toString()));
    QCOMPARE(download.status, 200);
    // Drift changes the file, consistently: the listing describes the drifted bytes.
    QCOMPARE(QString::fromLatin1(md5Hex(download.body)), segment[u"attributes"_s][u"checksum"_s].toString());

    const QJsonObject cleanSegment = clean->get(firstSegmentsPath(*clean)).data().at(0).toObject();
    const HttpResult cleanDownload = clean->fetch(QUrl(cleanSegment[u"attributes"_s][u"url"_s].toString()));
    const QByteArray driftedText = gunzip(download.body);
    const QByteArray cleanText = gunzip(cleanDownload.body);
    const QByteArray driftedHeader = driftedText.left(driftedText.indexOf('\n'));
    const QByteArray cleanHeader = cleanText.left(cleanText.indexOf('\n'));
    QVERIFY2(driftedHeader != cleanHeader, driftedHeader.constData());
    QVERIFY(drifting->takeProblems().isEmpty());
}

void TestSandboxFaults::drawsAreReproducibleAndRetriesSucceed()
{
    const auto run = [](quint64 seed) {
        auto harness = startWithFaults(u"http500=0.3,http429=0.2,slow=0.2"_s, seed);
        QStringList outcomes;
        for (int round = 0; round < 3; ++round) {
            for (int limit = 1; limit <= 10; ++limit) {
                const HttpResult result = harness->get(u"/v1/apps?limit=%1"_s.arg(limit));
                outcomes.append(
                    u"%1:%2"_s.arg(result.status).arg(QString::fromLatin1(result.header("X-Sandbox-Fault"))));
            }
        }
        return outcomes;
    };
    const QStringList first = run(7);
    QCOMPARE(run(7), first);
    QVERIFY(run(8) != first);
    QVERIFY(first.join(u' ').contains(u"200:"_s));
    QVERIFY(first.join(u' ').contains(u"500:http500"_s));

    // The same request drawn again is a new draw: retrying gets through.
    auto harness = startWithFaults(u"http500=0.5"_s);
    int attempts = 0;
    int status = 0;
    while (status != 200 && attempts < 30) {
        status = harness->get(u"/v1/apps"_s).status;
        ++attempts;
    }
    QCOMPARE(status, 200);
}

void TestSandboxFaults::segmentDownloadFaults()
{
    for (const QString &fault : {u"http500"_s, u"reset"_s, u"truncate"_s}) {
        auto clean = startWithFaults(QString());
        const QString url =
            clean->get(firstSegmentsPath(*clean)).data().at(0)[u"attributes"_s][u"url"_s].toString();
        // A second server with the same secret and clock hands out the same URL; faults act on its downloads.
        SandboxOptions options = SandboxHarness::defaultOptions();
        options.faults = fault + u"=1"_s;
        options.segmentPort = 0;
        SandboxHarness faulty(options);
        QString error;
        QVERIFY2(faulty.start(&error), qPrintable(error));
        QUrl faultyUrl(url);
        faultyUrl.setPort(QUrl(faulty.server().segmentOrigin()).port());
        const HttpResult download = faulty.fetch(faultyUrl);
        if (fault == u"http500"_s) {
            QCOMPARE(download.status, 500);
            QVERIFY(download.body.contains("<Code>InternalError</Code>"));
        } else {
            QVERIFY2(download.error != QNetworkReply::NoError, qPrintable(fault));
        }
    }
}

void TestSandboxFaults::requestsLog()
{
    QTemporaryDir scratch;
    const QString logPath = scratch.filePath(u"requests.jsonl"_s);
    auto harness = startWithFaults(u"slow=0"_s, 7, logPath);
    const QByteArray token = harness->adminToken();
    QCOMPARE(harness->get(u"/v1/apps?limit=2"_s, token).status, 200);
    const QByteArray body = R"({"data":{"type":"analyticsReportRequests"}})";
    harness->send("POST", u"/v1/analyticsReportRequests"_s, token, body);
    QCOMPARE(harness->fetch(QUrl(harness->server().apiOrigin() + u"/v1/apps"_s)).status, 401);

    const QList<QJsonObject> lines = logLines(logPath);
    QCOMPARE(lines.size(), 3);
    const QJsonObject get = lines.at(0);
    QCOMPARE(get[u"origin"_s].toString(), u"api"_s);
    QCOMPARE(get[u"method"_s].toString(), u"GET"_s);
    QCOMPARE(get[u"path"_s].toString(), u"/v1/apps"_s);
    QCOMPARE(get[u"query"_s].toString(), u"limit=2"_s);
    QCOMPARE(get[u"status"_s].toInt(), 200);
    bool sawAuthorization = false;
    for (const QJsonValue &header : get[u"headers"_s].toArray()) {
        if (header[0].toString().compare(u"Authorization"_s, Qt::CaseInsensitive) == 0) {
            QCOMPARE(header[1].toString().toLatin1(), "Bearer " + token); // exactly as received
            sawAuthorization = true;
        }
    }
    QVERIFY(sawAuthorization);
    QCOMPARE(lines.at(1)[u"method"_s].toString(), u"POST"_s);
    QCOMPARE(lines.at(1)[u"body"_s].toString().toUtf8(), body);
    QCOMPARE(lines.at(2)[u"status"_s].toInt(), 401);

    const QString segmentUrl =
        harness->get(firstSegmentsPath(*harness)).data().at(0)[u"attributes"_s][u"url"_s].toString();
    QCOMPARE(harness->fetch(QUrl(segmentUrl)).status, 200);
    const QList<QJsonObject> more = logLines(logPath);
    QCOMPARE(more.constLast()[u"origin"_s].toString(), u"segments"_s);
    QCOMPARE(more.constLast()[u"status"_s].toInt(), 200);
}

QTEST_GUILESS_MAIN(TestSandboxFaults)
#include "tst_sandboxfaults.moc"
