// Admin setup and per-app status through the real `ascsync` CLI against the real simulator: the printed curl
// commands, run by the real curl, create the requests; --send does it itself; the Admin key never leaves the
// process in any encoding and is stored nowhere; every error path says what to do.

#include "ascsync/testpaths.h"
#include "tests/testkit/keyneedles.h"
#include "tests/testkit/sandboxprocess.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

class AdminSetupTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void statusBeforeSetup();
    void errorPaths();
    void printedCurlCommandsCreateRequests();
    void sendCreatesAndReplacesStoppedRequests();
    void reportsAppearAfterAppleDelay();
    void adminKeyNeverLeaves();
    void faultsAreRetried();
    void noCoreDumpWhileTheKeyIsInMemory();
    void cleanupTestCase();

private:
    QStringList environment() const;
    QStringList readerArguments() const { return m_sandbox.keyArguments(QStringLiteral("reader")); }
    QStringList adminArguments(const QString &keySource) const;
    QJsonObject statusJson(const QStringList &extra = {});
    QJsonObject appStatus(const QJsonObject &status, const QString &appId) const;
    CliRun runWithInput(const QStringList &arguments, const QByteArray &input);

    QTemporaryDir m_root;
    SandboxProcess m_sandbox;
    QString m_adminKeyPath; // a copy outside every folder the test scans
    QList<KeyNeedle> m_needles;
    QStringList m_appIds; // in the simulator's order: enabled, stopped, missing, missing
};

QStringList AdminSetupTest::environment() const
{
    const QString home = m_root.filePath(QStringLiteral("home"));
    return {QStringLiteral("XDG_CONFIG_HOME=") + home + QStringLiteral("/config"),
            QStringLiteral("XDG_DATA_HOME=") + home + QStringLiteral("/data"),
            QStringLiteral("XDG_CACHE_HOME=") + home + QStringLiteral("/cache"),
            QStringLiteral("XDG_STATE_HOME=") + home + QStringLiteral("/state"),
            QStringLiteral("TMPDIR=") + home + QStringLiteral("/tmp"),
            QStringLiteral("HOME=") + home};
}

QStringList AdminSetupTest::adminArguments(const QString &keySource) const
{
    const QJsonObject admin = m_sandbox.credentials().value(QStringLiteral("admin")).toObject();
    return {QStringLiteral("--admin-issuer-id"), admin.value(QStringLiteral("issuerId")).toString(),
            QStringLiteral("--admin-key-id"),    admin.value(QStringLiteral("keyId")).toString(),
            QStringLiteral("--admin-key-file"),  keySource};
}

CliRun AdminSetupTest::runWithInput(const QStringList &arguments, const QByteArray &input)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &entry : environment()) {
        env.insert(entry.section(QLatin1Char('='), 0, 0), entry.section(QLatin1Char('='), 1));
    }
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(ASCSYNC_CLI_PATH), arguments);
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        return {-1, {}, "timed out"};
    }
    return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
}

QJsonObject AdminSetupTest::statusJson(const QStringList &extra)
{
    const CliRun run = runAscsync(
        QStringList{QStringLiteral("status"), QStringLiteral("--json"), QStringLiteral("--no-destination")} +
            readerArguments() + extra,
        environment());
    if (run.exitCode != 0) {
        qWarning() << "status failed:" << run.err;
        return {};
    }
    return QJsonDocument::fromJson(run.out).object();
}

QJsonObject AdminSetupTest::appStatus(const QJsonObject &status, const QString &appId) const
{
    for (const QJsonValue &app : status.value(QStringLiteral("apps")).toArray()) {
        if (app.toObject().value(QStringLiteral("appId")).toString() == appId) {
            return app.toObject();
        }
    }
    return {};
}

void AdminSetupTest::initTestCase()
{
    QVERIFY(m_root.isValid());
    for (const QString &dir : {QStringLiteral("config"), QStringLiteral("data"), QStringLiteral("cache"),
                               QStringLiteral("state"), QStringLiteral("tmp")}) {
        QVERIFY(QDir().mkpath(m_root.filePath(QStringLiteral("home/") + dir)));
    }
    // Today is the machine's date, so the snapshot ages the CLI computes match the simulator's calendar.
    QVERIFY(m_sandbox.start(
        m_root.filePath(QStringLiteral("sandbox")),
        {QStringLiteral("--seed"), QStringLiteral("5"), QStringLiteral("--apps"), QStringLiteral("4"),
         QStringLiteral("--enabled-apps"), QStringLiteral("2"), QStringLiteral("--traffic-scale"),
         QStringLiteral("0.05"), QStringLiteral("--history-start"),
         QDate::currentDate().addDays(-60).toString(Qt::ISODate), QStringLiteral("--report-delay-seconds"),
         QStringLiteral("10"), QStringLiteral("--requests-log"),
         m_root.filePath(QStringLiteral("requests.jsonl"))}));
    const QString original = m_sandbox.credentials()
                                 .value(QStringLiteral("admin"))
                                 .toObject()
                                 .value(QStringLiteral("keyFile"))
                                 .toString();
    m_adminKeyPath = m_root.filePath(QStringLiteral("admin-key.p8"));
    QVERIFY(QFile::copy(original, m_adminKeyPath));
    m_needles = keyNeedles(m_adminKeyPath);
    QVERIFY2(m_needles.size() > 10, "openssl could not decode the simulator's admin key");
    // The scan can fail: the key file itself, and its DER in hex inside other text, are found.
    QFile keyFile(m_adminKeyPath);
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    const QByteArray pem = keyFile.readAll();
    QCOMPARE(findNeedle(pem, m_needles), QStringLiteral("PEM file"));
    QVERIFY(!findNeedle("x=" + m_needles.at(m_needles.size() - 4).bytes + ";", m_needles).isEmpty());

    const CliRun apps = runAscsync(
        QStringList{QStringLiteral("apps"), QStringLiteral("--json")} + readerArguments(), environment());
    QCOMPARE(apps.exitCode, 0);
    for (const QJsonValue &app : QJsonDocument::fromJson(apps.out).array()) {
        m_appIds << app.toObject().value(QStringLiteral("id")).toString();
    }
    QCOMPARE(m_appIds.size(), 4);
}

void AdminSetupTest::statusBeforeSetup()
{
    const CliRun text = runAscsync(QStringList{QStringLiteral("status"), QStringLiteral("--no-destination")} +
                                       readerArguments(),
                                   environment());
    QCOMPARE(text.exitCode, 0);
    QCOMPARE(text.out.split('\n').first(), QByteArray("You have 3 apps without report requests."));

    const QJsonObject status = statusJson();
    QCOMPARE(status.value(QStringLiteral("appsWithoutRequests")).toInt(), 3);
    QStringList ongoing;
    QStringList readiness;
    for (const QString &id : std::as_const(m_appIds)) {
        ongoing << appStatus(status, id).value(QStringLiteral("ongoing")).toString();
        readiness << appStatus(status, id).value(QStringLiteral("readiness")).toString();
    }
    QCOMPARE(ongoing, QStringList({QStringLiteral("active"), QStringLiteral("stopped"),
                                   QStringLiteral("missing"), QStringLiteral("missing")}));
    QCOMPARE(readiness, QStringList({QStringLiteral("ready"), QStringLiteral("stopped"),
                                     QStringLiteral("needs-setup"), QStringLiteral("needs-setup")}));
    const QJsonObject ready = appStatus(status, m_appIds.at(0));
    QCOMPARE(ready.value(QStringLiteral("snapshot")).toString(), QStringLiteral("present"));
    // The simulator processed the enabled apps' snapshots 20 days before its today (the machine's date).
    QVERIFY(qAbs(ready.value(QStringLiteral("snapshotAgeDays")).toInt() - 20) <= 1);
    QVERIFY(ready.value(QStringLiteral("reportCount")).toInt() > 0);
    const QJsonArray granularities = ready.value(QStringLiteral("granularities")).toArray();
    QCOMPARE(granularities.size(), 3);
    QCOMPARE(granularities.at(0).toObject().value(QStringLiteral("granularity")).toString(),
             QStringLiteral("DAILY"));
    QVERIFY(granularities.at(0).toObject().value(QStringLiteral("processingDays")).toInt() > 20);
    const QJsonArray steps = appStatus(status, m_appIds.at(1)).value(QStringLiteral("nextSteps")).toArray();
    QVERIFY(!steps.isEmpty());
    QVERIFY(steps.first().toString().contains(QStringLiteral("re-enable"), Qt::CaseInsensitive));
}

void AdminSetupTest::errorPaths()
{
    const QStringList base{QStringLiteral("admin-commands"), QStringLiteral("--api-base-url"),
                           m_sandbox.apiBaseUrl()};
    // A key ID in the wrong shape: a usage error naming the field.
    QStringList wrongShape = base + adminArguments(m_adminKeyPath);
    wrongShape[wrongShape.indexOf(QStringLiteral("--admin-key-id")) + 1] = QStringLiteral("AuthKey_X.p8");
    CliRun run = runAscsync(wrongShape, environment());
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("Key ID"), run.err.constData());

    // A well-formed Key ID Apple does not know: the 401 is explained, not dumped.
    QStringList unknownKey = base + adminArguments(m_adminKeyPath);
    unknownKey[unknownKey.indexOf(QStringLiteral("--admin-key-id")) + 1] = QStringLiteral("ZZZZZZZZZZ");
    run = runAscsync(unknownKey, environment());
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("Key ID") || run.err.contains("key"), run.err.constData());
    QVERIFY2(!run.err.contains("eyJ"), "a token reached the error message");

    // A file that is not a key.
    const QString notAKey = m_root.filePath(QStringLiteral("not-a-key.p8"));
    QFile bad(notAKey);
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("this is not a key\n");
    bad.close();
    run = runAscsync(base + adminArguments(notAKey), environment());
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(".p8") || run.err.contains("PEM") || run.err.contains("key"),
             run.err.constData());
    run = runAscsync(base + adminArguments(m_root.filePath(QStringLiteral("missing.p8"))), environment());
    QCOMPARE(run.exitCode, 1);

    // Apps the key cannot see.
    run = runAscsync(base + adminArguments(m_adminKeyPath) +
                         QStringList{QStringLiteral("--apps"), QStringLiteral("1234567890")},
                     environment());
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("1234567890") && run.err.contains("ascsync apps"), run.err.constData());
    run = runAscsync(QStringList{QStringLiteral("status"), QStringLiteral("--no-destination"),
                                 QStringLiteral("--apps"), QStringLiteral("1234567890")} +
                         readerArguments(),
                     environment());
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("1234567890"), run.err.constData());

    // A key without the Admin role cannot create requests: 403 in words, nothing created.
    const QJsonObject reader = m_sandbox.credentials().value(QStringLiteral("reader")).toObject();
    run = runAscsync(
        QStringList{QStringLiteral("admin-commands"), QStringLiteral("--send"), QStringLiteral("--apps"),
                    m_appIds.at(3), QStringLiteral("--api-base-url"), m_sandbox.apiBaseUrl(),
                    QStringLiteral("--admin-issuer-id"), reader.value(QStringLiteral("issuerId")).toString(),
                    QStringLiteral("--admin-key-id"), reader.value(QStringLiteral("keyId")).toString(),
                    QStringLiteral("--admin-key-file"), reader.value(QStringLiteral("keyFile")).toString()},
        environment());
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.out.contains("not an Admin key"), run.out.constData());
    QCOMPARE(statusJson().value(QStringLiteral("appsWithoutRequests")).toInt(), 3);

    // Nobody listening: a network error with the URL, after the retries.
    run = runAscsync(QStringList{QStringLiteral("admin-commands"), QStringLiteral("--api-base-url"),
                                 QStringLiteral("http://127.0.0.1:9")} +
                         adminArguments(m_adminKeyPath),
                     environment(), 300000);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("127.0.0.1:9"), run.err.constData());
}

void AdminSetupTest::printedCurlCommandsCreateRequests()
{
    // A configured regular key (settings file, key file path kept) and a destination with data: the folders
    // the security check scans then hold what a real installation holds.
    const QString database = m_root.filePath(QStringLiteral("home/data/ascsync/ascsync.db"));
    const CliRun login =
        runAscsync(QStringList{QStringLiteral("login"), QStringLiteral("--keep-key-file"),
                               QStringLiteral("--destination"), QStringLiteral("sqlite:") + database} +
                       readerArguments(),
                   environment());
    QVERIFY2(login.exitCode == 0, login.err.constData());
    const CliRun sync = runAscsync({QStringLiteral("sync"), QStringLiteral("--apps"), m_appIds.at(0),
                                    QStringLiteral("--streams"), QStringLiteral("analytics:downloads")},
                                   environment());
    QVERIFY2(sync.exitCode == 0, sync.err.constData());

    const QString target = m_appIds.at(2);
    const CliRun generated =
        runAscsync(QStringList{QStringLiteral("admin-commands"), QStringLiteral("--apps"), target} +
                       adminArguments(m_adminKeyPath),
                   environment());
    QCOMPARE(generated.exitCode, 0);
    QVERIFY2(generated.err.contains("You have 1 apps without report requests.") ||
                 generated.err.contains("You have 1 app without report requests."),
             generated.err.constData());
    const QString script = QString::fromUtf8(generated.out);
    QCOMPARE(script.count(QStringLiteral("asc_curl -X ")), 2);
    QVERIFY(script.contains(QStringLiteral("expires at")));
    QVERIFY(findNeedle(generated.out, m_needles).isEmpty());

    // --output writes the same script for its owner only (issue 13, item 4) and says so.
    const QString scriptFile = m_root.filePath(QStringLiteral("admin-script.sh"));
    const CliRun written = runAscsync(QStringList{QStringLiteral("admin-commands"), QStringLiteral("--apps"),
                                                  target, QStringLiteral("--output"), scriptFile} +
                                          adminArguments(m_adminKeyPath),
                                      environment());
    QVERIFY2(written.exitCode == 0, written.err.constData());
    QVERIFY(written.out.isEmpty());
    QVERIFY2(written.err.contains("mode 0600"), written.err.constData());
    QCOMPARE(QFile::permissions(scriptFile),
             QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser);

    // The token in the script lives at most 20 minutes.
    const QRegularExpressionMatch token =
        QRegularExpression(QStringLiteral("ASC_ADMIN_TOKEN='([^']+)'")).match(script);
    QVERIFY(token.hasMatch());
    const QJsonObject claims =
        QJsonDocument::fromJson(
            QByteArray::fromBase64(token.captured(1).section(QLatin1Char('.'), 1, 1).toLatin1(),
                                   QByteArray::Base64UrlEncoding))
            .object();
    const qint64 lifetime =
        claims.value(QStringLiteral("exp")).toInteger() - claims.value(QStringLiteral("iat")).toInteger();
    QVERIFY2(lifetime > 0 && lifetime <= 1200, qPrintable(QString::number(lifetime)));
    // ... and may make exactly the script's report-request calls (issue 13, item 4).
    QCOMPARE(claims.value(QStringLiteral("scope")).toArray(),
             QJsonArray({QStringLiteral("POST /v1/analyticsReportRequests")}));

    QProcess shell;
    shell.start(QStringLiteral("sh"), {QStringLiteral("-e")});
    shell.write(generated.out);
    shell.closeWriteChannel();
    QVERIFY(shell.waitForFinished(60000));
    QCOMPARE(shell.exitCode(), 0);
    const QByteArray responses = shell.readAllStandardOutput();
    QCOMPARE(responses.count("\"analyticsReportRequests\""), 2);

    const CliRun loaded = runAscsync({QStringLiteral("status"), QStringLiteral("--json")}, environment());
    QVERIFY2(loaded.exitCode == 0, loaded.err.constData());
    const QJsonObject withDestination = QJsonDocument::fromJson(loaded.out).object();
    QVERIFY(withDestination.value(QStringLiteral("destinationChecked")).toBool());
    const QJsonObject daily = appStatus(withDestination, m_appIds.at(0))
                                  .value(QStringLiteral("granularities"))
                                  .toArray()
                                  .at(0)
                                  .toObject();
    QCOMPARE(daily.value(QStringLiteral("loadedProcessingDate")),
             daily.value(QStringLiteral("newestProcessingDate")));
    QCOMPARE(daily.value(QStringLiteral("unloadedInstances")).toInt(), 0);
    QVERIFY(appStatus(withDestination, m_appIds.at(1)).value(QStringLiteral("lastLoadedAt")).isNull());

    const QJsonObject after = appStatus(statusJson(), target);
    QCOMPARE(after.value(QStringLiteral("ongoing")).toString(), QStringLiteral("active"));
    QCOMPARE(after.value(QStringLiteral("snapshot")).toString(), QStringLiteral("present"));
    // Apple (the simulator: 10 s here) has not generated the reports yet.
    QCOMPARE(after.value(QStringLiteral("reportCount")).toInt(), 0);
    QCOMPARE(after.value(QStringLiteral("readiness")).toString(), QStringLiteral("waiting"));
    QVERIFY(after.value(QStringLiteral("nextSteps"))
                .toArray()
                .first()
                .toString()
                .contains(QStringLiteral("24–72 hours")));
}

void AdminSetupTest::sendCreatesAndReplacesStoppedRequests()
{
    // The key from standard input this time; the regular key is not given, so the Admin key reads the apps.
    QFile key(m_adminKeyPath);
    QVERIFY(key.open(QIODevice::ReadOnly));
    const CliRun sent = runWithInput(QStringList{QStringLiteral("admin-commands"), QStringLiteral("--send"),
                                                 QStringLiteral("--api-base-url"), m_sandbox.apiBaseUrl()} +
                                         adminArguments(QStringLiteral("-")),
                                     key.readAll());
    QVERIFY2(sent.exitCode == 0, QByteArray(sent.out).append(sent.err).constData());
    QVERIFY2(sent.err.contains("You have 2 apps without report requests."), sent.err.constData());
    const QList<QByteArray> lines = sent.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 4); // stopped app: delete + create; missing app: two creates
    for (const QByteArray &line : lines) {
        QVERIFY2(line.startsWith("ok "), line.constData());
    }
    const QJsonObject status = statusJson();
    QCOMPARE(status.value(QStringLiteral("appsWithoutRequests")).toInt(), 0);
    QCOMPARE(appStatus(status, m_appIds.at(1)).value(QStringLiteral("ongoing")).toString(),
             QStringLiteral("active"));

    // Nothing left to do: a second run says so and sends nothing.
    const CliRun again = runAscsync(QStringList{QStringLiteral("admin-commands"), QStringLiteral("--send"),
                                                QStringLiteral("--api-base-url"), m_sandbox.apiBaseUrl()} +
                                        adminArguments(m_adminKeyPath),
                                    environment());
    QCOMPARE(again.exitCode, 0);
    QVERIFY2(again.err.contains("Every app has its report requests."), again.err.constData());
    QVERIFY(again.out.trimmed().isEmpty());
}

void AdminSetupTest::reportsAppearAfterAppleDelay()
{
    // The simulator's generation delay is 10 s; poll a little longer than that.
    const QString target = m_appIds.at(2);
    QJsonObject app;
    QTRY_VERIFY_WITH_TIMEOUT(
        (app = appStatus(statusJson(), target)).value(QStringLiteral("reportCount")).toInt() > 0, 30000);
    QCOMPARE(app.value(QStringLiteral("ongoing")).toString(), QStringLiteral("active"));
}

void AdminSetupTest::adminKeyNeverLeaves()
{
    // Every request the simulator received, headers and bodies as received.
    QFile log(m_root.filePath(QStringLiteral("requests.jsonl")));
    QVERIFY(log.open(QIODevice::ReadOnly));
    const QByteArray requests = log.readAll();
    QVERIFY(requests.count('\n') > 20);
    const QString leaked = findNeedle(requests, m_needles);
    QVERIFY2(leaked.isEmpty(),
             qPrintable(QStringLiteral("the requests log contains the admin key as ") + leaked));

    // Every bearer token any request carried lived at most 20 minutes.
    int tokens = 0;
    for (const QByteArray &line : requests.split('\n')) {
        const QRegularExpressionMatch bearer =
            QRegularExpression(QStringLiteral("Bearer ([A-Za-z0-9_-]+)\\.([A-Za-z0-9_-]+)\\."))
                .match(QString::fromLatin1(line));
        if (!bearer.hasMatch()) {
            continue;
        }
        const QJsonObject claims =
            QJsonDocument::fromJson(
                QByteArray::fromBase64(bearer.captured(2).toLatin1(), QByteArray::Base64UrlEncoding))
                .object();
        const qint64 lifetime =
            claims.value(QStringLiteral("exp")).toInteger() - claims.value(QStringLiteral("iat")).toInteger();
        QVERIFY2(lifetime > 0 && lifetime <= 1200, line.constData());
        ++tokens;
    }
    QVERIFY(tokens > 10);

    // Nothing under the config, data, cache, state or temp folders the commands used holds the key.
    int files = 0;
    QDirIterator it(m_root.filePath(QStringLiteral("home")), QDir::Files | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString found = findNeedle(file.readAll(), m_needles);
        QVERIFY2(found.isEmpty(),
                 qPrintable(file.fileName() + QStringLiteral(" contains the admin key as ") + found));
        ++files;
    }
    QVERIFY2(files >= 2, "the commands wrote no settings or database: the scan proves nothing");
    qInfo() << "scanned" << files << "files and" << requests.count('\n') << "requests;" << tokens << "tokens";
}

void AdminSetupTest::faultsAreRetried()
{
    // A second simulator whose answers are often 429, 500 or a reset connection: --send and status retry
    // (a POST whose answer was lost comes back as 409 "already exists", which is success too).
    SandboxProcess flaky;
    QVERIFY(flaky.start(m_root.filePath(QStringLiteral("flaky")),
                        {QStringLiteral("--seed"), QStringLiteral("6"), QStringLiteral("--apps"),
                         QStringLiteral("3"), QStringLiteral("--enabled-apps"), QStringLiteral("0"),
                         QStringLiteral("--traffic-scale"), QStringLiteral("0.05"),
                         QStringLiteral("--faults"), QStringLiteral("http429=0.1,http500=0.1,reset=0.1")}));
    const QJsonObject admin = flaky.credentials().value(QStringLiteral("admin")).toObject();
    // Its own settings file: the one the earlier tests wrote names the first simulator's regular key.
    const QString config = m_root.filePath(QStringLiteral("flaky.conf"));
    const CliRun sent =
        runAscsync({QStringLiteral("admin-commands"), QStringLiteral("--send"), QStringLiteral("--config"),
                    config, QStringLiteral("--api-base-url"), flaky.apiBaseUrl(),
                    QStringLiteral("--admin-issuer-id"), admin.value(QStringLiteral("issuerId")).toString(),
                    QStringLiteral("--admin-key-id"), admin.value(QStringLiteral("keyId")).toString(),
                    QStringLiteral("--admin-key-file"), admin.value(QStringLiteral("keyFile")).toString()},
                   environment(), 240000);
    QVERIFY2(sent.exitCode == 0, QByteArray(sent.out).append(sent.err).constData());
    QCOMPARE(sent.out.trimmed().split('\n').size(), 6);
    const CliRun status =
        runAscsync(QStringList{QStringLiteral("status"), QStringLiteral("--json"),
                               QStringLiteral("--no-destination"), QStringLiteral("--config"), config} +
                       flaky.keyArguments(QStringLiteral("reader")),
                   environment(), 240000);
    QVERIFY2(status.exitCode == 0, status.err.constData());
    QCOMPARE(
        QJsonDocument::fromJson(status.out).object().value(QStringLiteral("appsWithoutRequests")).toInt(), 0);
}

void AdminSetupTest::noCoreDumpWhileTheKeyIsInMemory()
{
    // While admin-commands waits for the key on standard input, its core size limit is already 0 (a crash
    // after the key is read must not write it into a core file).
    QProcess process;
    process.start(QStringLiteral(ASCSYNC_CLI_PATH),
                  QStringList{QStringLiteral("admin-commands"), QStringLiteral("--api-base-url"),
                              m_sandbox.apiBaseUrl(), QStringLiteral("--config"),
                              m_root.filePath(QStringLiteral("none.conf"))} +
                      adminArguments(QStringLiteral("-")));
    QVERIFY(process.waitForStarted());
    const QString limits = QStringLiteral("/proc/%1/limits").arg(process.processId());
    const auto coreLimit = [&limits]() {
        QFile file(limits);
        if (!file.open(QIODevice::ReadOnly)) {
            return QByteArray();
        }
        for (const QByteArray &line : file.readAll().split('\n')) {
            if (line.startsWith("Max core file size")) {
                return line.simplified();
            }
        }
        return QByteArray();
    };
    QTRY_COMPARE_WITH_TIMEOUT(coreLimit(), QByteArray("Max core file size 0 0 bytes"), 10000);
    QFile key(m_adminKeyPath);
    QVERIFY(key.open(QIODevice::ReadOnly));
    process.write(key.readAll());
    process.closeWriteChannel();
    QVERIFY(process.waitForFinished(60000));
    QCOMPARE(process.exitCode(), 0);
}

void AdminSetupTest::cleanupTestCase()
{
    m_sandbox.stop();
}

QTEST_GUILESS_MAIN(AdminSetupTest)
#include "tst_adminsetup.moc"
