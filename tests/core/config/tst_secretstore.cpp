// The keychain wrapper against the real Secret Service that tests/run-all.sh starts (gnome-keyring in its own
// D-Bus session). No fake: these tests prove QtKeychain really stores, finds and forgets our secrets.
#include "core/config/secretstore.h"

#include <QCoreApplication>
#include <QLocalServer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;
using ascsync::config::SecretStore;

namespace {

const char *const kChildModeVariable = "ASCSYNC_TST_SECRETSTORE_CHILD";

// Runs in a child process whose D-Bus session address points nowhere: every operation must fail closed.
int runWithoutKeychain()
{
    SecretStore store(u"io.github.ascsync.tests"_s, std::chrono::seconds(15));
    const auto written = store.writeNow(u"child"_s, u"apiKey"_s, "must-not-be-stored");
    QTextStream out(stdout);
    out << (written.ok() ? u"WRITTEN"_s : written.error().code + u"|"_s + written.errorMessage()) << Qt::endl;
    return 0;
}

// Runs in a child process whose D-Bus session "bus" is a socket that accepts connections and never says a
// word -- a keychain that hangs, like a locked wallet waiting for a prompt nobody answers. The read must end
// with our timeout, exactly once, however long the hung job lives on. Prints "<code>|<number of callbacks>".
int runWithSilentKeychain()
{
    QTemporaryDir busDir;
    QLocalServer silentBus;
    if (!busDir.isValid() || !silentBus.listen(busDir.filePath(u"bus"_s))) {
        QTextStream(stdout) << "setup-failed|" << silentBus.errorString() << Qt::endl;
        return 1;
    }
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + silentBus.fullServerName().toLocal8Bit());

    SecretStore impatient(u"io.github.ascsync.tests"_s, std::chrono::milliseconds(300));
    int calls = 0;
    QString code;
    impatient.read(u"child"_s, u"apiKey"_s, [&](ascsync::Result<QByteArray> result) {
        ++calls;
        code = result.ok() ? u"ANSWERED"_s : result.error().code;
    });
    QTest::qWait(2000); // far past the timeout: a second callback would have come by now
    QTextStream(stdout) << code << u'|' << calls << Qt::endl;
    return 0;
}

} // namespace

class TestSecretStore : public QObject {
    Q_OBJECT

private:
    // A unique service per run, so runs never see each other's entries.
    const QString m_service =
        u"io.github.ascsync.tests."_s + QUuid::createUuid().toString(QUuid::WithoutBraces);

    // Runs this test binary again in child `mode` (no D-Bus session of ours) and returns what it printed.
    static QString runChild(const QString &mode)
    {
        QProcess child;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QString::fromLatin1(kChildModeVariable), mode);
        environment.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path=/nonexistent/ascsync-no-bus"_s);
        environment.remove(u"DISPLAY"_s);
        child.setProcessEnvironment(environment);
        child.start(QCoreApplication::applicationFilePath(), {});
        if (!child.waitForFinished(60000)) {
            child.kill();
            child.waitForFinished();
            return u"child-timed-out"_s;
        }
        return QString::fromUtf8(child.readAllStandardOutput()).trimmed();
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
            QFAIL("No D-Bus session: run the keychain tests through tests/run-all.sh, which starts a D-Bus "
                  "session "
                  "with an unlocked gnome-keyring.");
        }
    }

    void writeReadOverwriteRemove()
    {
        SecretStore store(m_service);
        const QByteArray secret = "-----BEGIN PRIVATE KEY-----\nMIGTAgEAMBMG\n-----END PRIVATE KEY-----\n";
        const auto written = store.writeNow(u"issuer-a"_s, u"apiKey"_s, secret);
        QVERIFY2(written.ok(), qPrintable(written.errorMessage()));
        auto read = store.readNow(u"issuer-a"_s, u"apiKey"_s);
        QVERIFY2(read.ok(), qPrintable(read.errorMessage()));
        QCOMPARE(read.value(), secret);

        QVERIFY(store.writeNow(u"issuer-a"_s, u"apiKey"_s, "second").ok());
        QCOMPARE(store.readNow(u"issuer-a"_s, u"apiKey"_s).value(), QByteArray("second"));

        const auto removed = store.removeNow(u"issuer-a"_s, u"apiKey"_s);
        QVERIFY2(removed.ok(), qPrintable(removed.errorMessage()));
        read = store.readNow(u"issuer-a"_s, u"apiKey"_s);
        QVERIFY(!read.ok());
        QCOMPARE(read.error().code, u"keychain.notFound"_s);
        QVERIFY(read.errorMessage().contains(u"ascsync login"_s));
    }

    void accountsAreSeparate()
    {
        SecretStore store(m_service);
        QVERIFY(store.writeNow(u"postgresql://ana@db:5432/stats"_s, u"password"_s, "ana-pw").ok());
        QVERIFY(store.writeNow(u"postgresql://bo@db:5432/stats"_s, u"password"_s, "bo-pw").ok());
        QCOMPARE(store.readNow(u"postgresql://ana@db:5432/stats"_s, u"password"_s).value(),
                 QByteArray("ana-pw"));
        QCOMPARE(store.readNow(u"postgresql://bo@db:5432/stats"_s, u"password"_s).value(),
                 QByteArray("bo-pw"));
        QVERIFY(store.removeNow(u"postgresql://ana@db:5432/stats"_s, u"password"_s).ok());
        QCOMPARE(store.readNow(u"postgresql://bo@db:5432/stats"_s, u"password"_s).value(),
                 QByteArray("bo-pw"));
        QVERIFY(store.removeNow(u"postgresql://bo@db:5432/stats"_s, u"password"_s).ok());
    }

    void binarySecretsSurvive()
    {
        SecretStore store(m_service);
        QByteArray secret;
        for (int i = 0; i < 256; ++i) {
            secret.append(static_cast<char>(i));
        }
        QVERIFY(store.writeNow(u"binary"_s, u"blob"_s, secret).ok());
        QCOMPARE(store.readNow(u"binary"_s, u"blob"_s).value(), secret);
        QVERIFY(store.removeNow(u"binary"_s, u"blob"_s).ok());
    }

    void asyncCallbackRunsOnce()
    {
        SecretStore store(m_service);
        int calls = 0;
        bool ok = false;
        store.write(u"async"_s, u"apiKey"_s, "value", [&](ascsync::Status status) {
            ++calls;
            ok = status.ok();
        });
        QTRY_COMPARE_WITH_TIMEOUT(calls, 1, 20000);
        QVERIFY(ok);
        QTest::qWait(200);
        QCOMPARE(calls, 1);
        QVERIFY(store.removeNow(u"async"_s, u"apiKey"_s).ok());
    }

    void abandonsAJobThatOutlivesItsTimeout()
    {
        // A keychain that never answers (see runWithSilentKeychain) gets our timeout message, once; the job,
        // which we must not delete, is left to QtKeychain. A real hang rather than a tiny budget against the
        // live keyring: a 1 ms budget raced the keyring's answer and sometimes lost.
        const QString output = runChild(u"silent"_s);
        QCOMPARE(output, u"keychain.timeout|1"_s);
    }

    void failsClosedWithoutAKeychain()
    {
        const QString output = runChild(u"nobus"_s);
        QVERIFY2(output.startsWith(u"keychain.unavailable|"_s), qPrintable(output));
        QVERIFY2(output.contains(u"--key-file"_s) && output.contains(u"PGPASSWORD"_s), qPrintable(output));
        QVERIFY(output.contains(u"never stores keys or passwords in plain text"_s));
    }
};

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QByteArray childMode = qgetenv(kChildModeVariable);
    if (childMode == "nobus") {
        return runWithoutKeychain();
    }
    if (childMode == "silent") {
        return runWithSilentKeychain();
    }
    TestSecretStore test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_secretstore.moc"
