// The ascsync-sandbox executable: its command line, its first output lines, the state directory it keeps
// (credentials.json, Apple-shaped .p8 files, state.json) and what survives a restart.

#include "sandboxharness.h"

#include "ascsync/testpaths.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ascsync::sandbox::test;

namespace {

const QString kExecutable = QStringLiteral(ASCSYNC_BINARY_DIR "/bin/ascsync-sandbox");

// A running simulator process and the origins it announced.
class SandboxProcess {
public:
    bool start(const QStringList &arguments)
    {
        m_process.setProgram(kExecutable);
        m_process.setArguments(arguments);
        m_process.start();
        if (!m_process.waitForStarted())
            return false;
        // The three announcement lines; the guard only stops a hung test.
        while (m_lines.size() < 3 && m_process.state() == QProcess::Running) {
            if (m_process.canReadLine())
                m_lines.append(QString::fromUtf8(m_process.readLine()).trimmed());
            else
                m_process.waitForReadyRead(30000);
        }
        return m_lines.size() == 3;
    }
    ~SandboxProcess() { stop(); }
    void stop()
    {
        if (m_process.state() == QProcess::Running) {
            m_process.terminate();
            m_process.waitForFinished(30000);
        }
    }
    const QStringList &lines() const { return m_lines; }
    QString apiOrigin() const { return m_lines.value(0).mid(QStringLiteral("listening on ").size()); }
    QString standardError() { return QString::fromUtf8(m_process.readAllStandardError()); }

private:
    QProcess m_process;
    QStringList m_lines;
};

QJsonObject readJson(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

// One request from a plain QNetworkAccessManager client, outside the in-process harness.
HttpResult request(const QByteArray &method, const QString &url, const QByteArray &token,
                   const QByteArray &body = {})
{
    QNetworkAccessManager network;
    QNetworkRequest request{QUrl(url)};
    request.setRawHeader("Authorization", "Bearer " + token);
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = network.sendCustomRequest(request, method, body);
    HttpResult result;
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 60000))
        reply->abort(); // a guard against a hung test
    result.error = reply->error();
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.headers = reply->rawHeaderPairs();
    delete reply;
    return result;
}

QByteArray tokenFrom(const QJsonObject &key)
{
    const TokenMinter minter = TokenMinter::fromP8File(key[u"keyFile"_s].toString());
    return minter.sign(
        TokenMinter::header(key[u"keyId"_s].toString()),
        TokenMinter::teamPayload(key[u"issuerId"_s].toString(), QDateTime::currentDateTimeUtc()));
}

} // namespace

class TestSandboxProcess : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void help();
    void badArguments_data();
    void badArguments();
    void announcesOriginsAndWritesCredentials();
    void restartKeepsKeysAndRequests();
    void temporaryStateDirectory();
    void movedStateDirectoryKeepsKeys();
    void answersWhileGenerating();
};

void TestSandboxProcess::help()
{
    QProcess process;
    process.start(kExecutable, {u"--help"_s});
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitCode(), 0);
    const QString text = QString::fromUtf8(process.readAllStandardOutput());
    for (const QString &expected : {u"--state-dir"_s, u"--faults"_s, u"stoppedDueToInactivity"_s,
                                    u"--report-delay-seconds"_s, u"credentials.json"_s, u"badchecksum"_s})
        QVERIFY2(text.contains(expected), qPrintable(expected));
}

void TestSandboxProcess::badArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("not a number") << QStringList{u"--apps"_s, u"many"_s};
    QTest::newRow("bad date") << QStringList{u"--today"_s, u"14.03.2025"_s};
    QTest::newRow("too many enabled") << QStringList{u"--apps"_s, u"2"_s, u"--enabled-apps"_s, u"3"_s};
    QTest::newRow("unknown option") << QStringList{u"--colour"_s};
    QTest::newRow("bad faults") << QStringList{u"--faults"_s, u"fire=1"_s};
}

void TestSandboxProcess::badArguments()
{
    QFETCH(QStringList, arguments);
    QProcess process;
    process.start(kExecutable, arguments);
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitCode(), 2);
    QVERIFY(process.readAllStandardOutput().isEmpty());
    QVERIFY(process.readAllStandardError().contains("ascsync-sandbox: "));
}

void TestSandboxProcess::announcesOriginsAndWritesCredentials()
{
    QTemporaryDir state;
    SandboxProcess sandbox;
    QVERIFY(sandbox.start({u"--port"_s, u"0"_s, u"--state-dir"_s, state.path(), u"--apps"_s, u"2"_s,
                           u"--seed"_s, u"3"_s, u"--history-start"_s, u"2025-01-01"_s}));
    static const QRegularExpression listening(u"^listening on http://127\\.0\\.0\\.1:(\\d+)$"_s);
    static const QRegularExpression segments(u"^segments on http://127\\.0\\.0\\.1:(\\d+)$"_s);
    QVERIFY2(listening.match(sandbox.lines().at(0)).hasMatch(), qPrintable(sandbox.lines().at(0)));
    QVERIFY2(segments.match(sandbox.lines().at(1)).hasMatch(), qPrintable(sandbox.lines().at(1)));
    QVERIFY(sandbox.lines().at(2).contains(state.path()));

    const QJsonObject credentials = readJson(state.filePath(u"credentials.json"_s));
    QCOMPARE(credentials[u"vendorNumber"_s].toString().size(), 8);
    QCOMPARE(credentials[u"apiBaseUrl"_s].toString(), sandbox.apiOrigin());
    const QJsonObject admin = credentials[u"admin"_s].toObject();
    const QJsonObject reader = credentials[u"reader"_s].toObject();
    static const QRegularExpression keyId(u"^[A-Z0-9]{10}$"_s);
    for (const QJsonObject &key : {admin, reader}) {
        QVERIFY(keyId.match(key[u"keyId"_s].toString()).hasMatch());
        const QString keyFile = key[u"keyFile"_s].toString();
        QCOMPARE(QFileInfo(keyFile).fileName(), u"AuthKey_%1.p8"_s.arg(key[u"keyId"_s].toString()));
        QCOMPARE(QFileInfo(keyFile).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther |
                                                     QFileDevice::WriteGroup | QFileDevice::WriteOther),
                 QFileDevice::Permissions());
        QFile file(keyFile);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray pem = file.readAll();
        QVERIFY(pem.startsWith("-----BEGIN PRIVATE KEY-----\n"));
        // Apple's layout: PKCS#8 around a SEC1 key that carries the curve and the public key (API-NOTES §1).
        const QByteArray der = QByteArray::fromBase64(pem.split('\n').mid(1, pem.count('\n') - 2).join());
        QCOMPARE(der.left(36).toHex(),
                 QByteArray("308193020100301306072a8648ce3d020106082a8648ce3d030107047930770201010420"));
    }
    QCOMPARE(admin[u"issuerId"_s], reader[u"issuerId"_s]); // one team, one issuer

    const HttpResult apps = request("GET", sandbox.apiOrigin() + u"/v1/apps"_s, tokenFrom(reader));
    QCOMPARE(apps.status, 200);
    QCOMPARE(apps.data().size(), 2);
    QVERIFY(SandboxHarness::checkApiAnswer("GET", u"/v1/apps"_s, apps).isEmpty());
}

void TestSandboxProcess::restartKeepsKeysAndRequests()
{
    QTemporaryDir state;
    const QStringList arguments{u"--state-dir"_s,    state.path(), u"--apps"_s,          u"2"_s,
                                u"--enabled-apps"_s, u"1"_s,       u"--history-start"_s, u"2025-01-01"_s};
    QString appId;
    QString createdId;
    QJsonObject firstCredentials;
    {
        SandboxProcess sandbox;
        QVERIFY(sandbox.start(arguments));
        firstCredentials = readJson(state.filePath(u"credentials.json"_s));
        const QByteArray admin = tokenFrom(firstCredentials[u"admin"_s].toObject());
        appId = request("GET", sandbox.apiOrigin() + u"/v1/apps?sort=name"_s, admin)
                    .data()
                    .at(1)[u"id"_s]
                    .toString();
        const HttpResult listing =
            request("GET", sandbox.apiOrigin() + u"/v1/apps/%1/analyticsReportRequests"_s.arg(appId), admin);
        const QByteArray body =
            R"({"data":{"type":"analyticsReportRequests","attributes":{"accessType":"ONGOING"},)"
            R"("relationships":{"app":{"data":{"type":"apps","id":")" +
            appId.toLatin1() + R"("}}}}})";
        const HttpResult created =
            request("POST", sandbox.apiOrigin() + u"/v1/analyticsReportRequests"_s, admin, body);
        if (listing.data().isEmpty()) {
            QCOMPARE(created.status, 201);
            createdId = created.json()[u"data"_s][u"id"_s].toString();
        } else {
            QCOMPARE(created.status, 409); // the enabled app: use the other one's request instead
            createdId = listing.data().at(0)[u"id"_s].toString();
        }
    }
    QVERIFY(QFileInfo::exists(state.filePath(u"state.json"_s)));

    SandboxProcess restarted;
    QVERIFY(restarted.start(arguments));
    const QJsonObject credentials = readJson(state.filePath(u"credentials.json"_s));
    QCOMPARE(credentials[u"admin"_s], firstCredentials[u"admin"_s]);
    QCOMPARE(credentials[u"reader"_s], firstCredentials[u"reader"_s]);
    const QByteArray admin = tokenFrom(credentials[u"admin"_s].toObject());
    const HttpResult kept =
        request("GET", restarted.apiOrigin() + u"/v1/analyticsReportRequests/"_s + createdId, admin);
    QCOMPARE(kept.status, 200);

    QCOMPARE(request("DELETE", restarted.apiOrigin() + u"/v1/analyticsReportRequests/"_s + createdId, admin)
                 .status,
             204);
    restarted.stop();
    SandboxProcess again;
    QVERIFY(again.start(arguments));
    QCOMPARE(request("GET", again.apiOrigin() + u"/v1/analyticsReportRequests/"_s + createdId,
                     tokenFrom(credentials[u"admin"_s].toObject()))
                 .status,
             404);
}

void TestSandboxProcess::temporaryStateDirectory()
{
    SandboxProcess sandbox;
    QVERIFY(sandbox.start({u"--apps"_s, u"1"_s, u"--history-start"_s, u"2025-01-01"_s}));
    QVERIFY2(sandbox.lines().at(2).contains(u"temporary"_s), qPrintable(sandbox.lines().at(2)));
    const QString directory = sandbox.lines().at(2).section(u' ', 2, 2).remove(u',');
    QVERIFY2(QFileInfo::exists(directory + u"/credentials.json"_s), qPrintable(directory));
    // SIGTERM ends the event loop, and the temporary directory goes with the process.
    sandbox.stop();
    QVERIFY2(!QFileInfo::exists(directory), qPrintable(directory));
}

void TestSandboxProcess::movedStateDirectoryKeepsKeys()
{
    QTemporaryDir scratch;
    const QString original = scratch.filePath(u"original"_s);
    const QString moved = scratch.filePath(u"moved"_s);
    QString firstAdmin;
    {
        ascsync::sandbox::SandboxOptions options = SandboxHarness::defaultOptions();
        options.stateDir = original;
        SandboxHarness harness(options);
        QString error;
        QVERIFY2(harness.start(&error), qPrintable(error));
        firstAdmin = harness.server().credentials().admin().keyId;
    }
    QVERIFY(QDir().rename(original, moved));

    ascsync::sandbox::SandboxOptions options = SandboxHarness::defaultOptions();
    options.stateDir = moved;
    SandboxHarness harness(options);
    QString error;
    QVERIFY2(harness.start(&error), qPrintable(error));
    QCOMPARE(harness.server().credentials().admin().keyId, firstAdmin);
    QVERIFY(harness.server().credentials().adminKeyFile().startsWith(moved));
    QCOMPARE(readJson(moved + u"/credentials.json"_s)[u"admin"_s][u"keyFile"_s].toString(),
             harness.server().credentials().adminKeyFile());
    QCOMPARE(harness.get(u"/v1/apps"_s).status, 200);
}

// A full-history snapshot of a busy app takes the simulator a minute or more to generate. Meanwhile it must
// answer other requests and SIGTERM (a desktop app closing its demo): generation happens off the event loop.
void TestSandboxProcess::answersWhileGenerating()
{
    QTemporaryDir state;
    SandboxProcess sandbox;
    QVERIFY(sandbox.start({u"--state-dir"_s, state.path(), u"--apps"_s, u"1"_s, u"--traffic-scale"_s, u"1"_s,
                           u"--history-start"_s, u"2024-01-01"_s}));
    const QString api = sandbox.apiOrigin();
    const QByteArray token =
        tokenFrom(readJson(state.filePath(u"credentials.json"_s))[u"reader"_s].toObject());
    const auto firstId = [](const HttpResult &result, const QString &name = {}) {
        for (const QJsonValue &item : result.data()) {
            if (name.isEmpty() || item[u"attributes"_s][u"name"_s].toString() == name)
                return item[u"id"_s].toString();
        }
        return QString();
    };
    const QString app = firstId(request("GET", api + u"/v1/apps"_s, token));
    QVERIFY(!app.isEmpty());
    const QString snapshot = firstId(request(
        "GET", api + u"/v1/apps/%1/analyticsReportRequests?filter[accessType]=ONE_TIME_SNAPSHOT"_s.arg(app),
        token));
    QVERIFY(!snapshot.isEmpty());
    const QString report = firstId(
        request("GET", api + u"/v1/analyticsReportRequests/%1/reports?limit=200"_s.arg(snapshot), token),
        u"App Store Discovery and Engagement Standard"_s);
    QVERIFY(!report.isEmpty());
    const QString instance = firstId(request(
        "GET", api + u"/v1/analyticsReports/%1/instances?filter[granularity]=DAILY"_s.arg(report), token));
    QVERIFY(!instance.isEmpty());

    // Listing the instance's segments generates them all (their checksums are in the listing).
    QNetworkAccessManager network;
    QNetworkRequest segmentsRequest{QUrl(api + u"/v1/analyticsReportInstances/%1/segments"_s.arg(instance))};
    segmentsRequest.setRawHeader("Authorization", "Bearer " + token);
    std::unique_ptr<QNetworkReply> segments(network.get(segmentsRequest));
    QTest::qWait(200); // let the request reach the simulator first

    // Another request is answered while the generation runs (it used to wait for the generation).
    const HttpResult apps = request("GET", api + u"/v1/apps"_s, token);
    QCOMPARE(apps.status, 200);
    QVERIFY2(!segments->isFinished(), "the generation ended before the other request: nothing was shown");

    // SIGTERM ends the simulator without waiting for the generation: the pending request gets no answer.
    sandbox.stop();
    QVERIFY(QTest::qWaitFor([&] { return segments->isFinished(); }, 30000));
    QVERIFY2(segments->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200,
             "the simulator answered the generation before it ended: SIGTERM waited for it");
}

QTEST_GUILESS_MAIN(TestSandboxProcess)
#include "tst_sandboxprocess.moc"
