// `ascsync sync` where the destination is not usable as it is: a read-only SQLite file, a second sync of the
// same destination at the same time, a PostgreSQL server that is not there or refuses the password. Each
// ends with a clear message and exit code 1, and loses nothing. The real CLI, the real simulator over
// loopback, real files and (when ASCSYNC_TEST_PG_* is set) the real PostgreSQL server.
#include "ascsync/testpaths.h"
#include "tests/testkit/readonlyguard.h"
#include "tests/testkit/sandboxprocess.h"
#include "tests/testkit/sqlitetables.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;

namespace {

const QStringList kSandboxFlags{u"--seed"_s,          u"11"_s,         u"--apps"_s,  u"2"_s,
                                u"--history-start"_s, u"2026-11-06"_s, u"--today"_s, u"2026-11-20"_s,
                                u"--traffic-scale"_s, u"0.05"_s};

} // namespace

class TestSyncSafety : public QObject {
    Q_OBJECT

private:
    // Under the build folder rather than /tmp: the immutable attribute needs a file system that has it.
    QTemporaryDir m_dir{QStringLiteral(ASCSYNC_BINARY_DIR "/e2e-safety-XXXXXX")};
    SandboxProcess m_sandbox;

    QStringList syncArguments(const SandboxProcess &sandbox, const QString &destination,
                              const QString &config) const
    {
        return QStringList{u"sync"_s,
                           u"--config"_s,
                           config,
                           u"--destination"_s,
                           destination,
                           u"--streams"_s,
                           u"analytics:downloads,sales:SALES/SUMMARY/DAILY"_s,
                           u"--vendor-number"_s,
                           sandbox.vendorNumber(),
                           u"--json"_s} +
               sandbox.keyArguments(u"reader"_s);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_dir.isValid(), qPrintable(m_dir.errorString()));
        QVERIFY(m_sandbox.start(m_dir.filePath(u"sandbox"_s), kSandboxFlags));
    }

    void readOnlySqliteFileIsRefusedAndKept()
    {
        const QString db = m_dir.filePath(u"readonly.db"_s);
        const QString config = m_dir.filePath(u"readonly.conf"_s);
        // A first sync of only the sales stream, so the second one has analytics to add.
        QStringList first = syncArguments(m_sandbox, u"sqlite:"_s + db, config);
        first[first.indexOf(u"--streams"_s) + 1] = u"sales:SALES/SUMMARY/DAILY"_s;
        const CliRun loaded = runAscsync(first);
        QVERIFY2(loaded.exitCode == 0, loaded.err.constData());
        const QByteArray before = sqliteFingerprint(db, u"sales_summary"_s);
        QVERIFY2(before != "no table" && !before.startsWith("0:"), before.constData());
        const QByteArray fileBefore = [&db] {
            QFile file(db);
            return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        }();
        {
            ReadOnlyGuard readOnly(db);
            if (!readOnly.active()) {
                QSKIP("This file system cannot make a file read-only for root (no chattr +i).");
            }
            const CliRun refused = runAscsync(syncArguments(m_sandbox, u"sqlite:"_s + db, config));
            QCOMPARE(refused.exitCode, 1);
            QVERIFY2(refused.err.contains("read-only") && refused.err.contains(db.toUtf8()),
                     refused.err.constData());
            QFile file(db);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QCOMPARE(file.readAll(), fileBefore); // not a byte changed
        }
        QCOMPARE(sqliteFingerprint(db, u"sales_summary"_s), before);
        QCOMPARE(sqliteColumns(db, u"downloads"_s), QStringList()); // nothing half-loaded
        // Writable again, the same command completes.
        const CliRun resumed = runAscsync(syncArguments(m_sandbox, u"sqlite:"_s + db, config));
        QVERIFY2(resumed.exitCode == 0, resumed.err.constData());
        QCOMPARE(sqliteFingerprint(db, u"sales_summary"_s), before);
        QVERIFY(!sqliteFingerprint(db, u"downloads"_s).startsWith("0:"));
    }

    void secondConcurrentSyncIsRefused()
    {
        // Every answer of this simulator takes a second, so the first sync holds the destination long enough.
        SandboxProcess slow;
        QVERIFY(
            slow.start(m_dir.filePath(u"slow"_s),
                       kSandboxFlags + QStringList{u"--faults"_s, u"slow=1"_s, u"--slow-ms"_s, u"1000"_s}));
        const QString db = m_dir.filePath(u"concurrent.db"_s);
        QProcess first;
        first.start(QStringLiteral(ASCSYNC_CLI_PATH),
                    syncArguments(slow, u"sqlite:"_s + db, m_dir.filePath(u"first.conf"_s)));
        QVERIFY(first.waitForStarted());
        // The lock file names its holder once the first sync has it.
        const auto lockHolder = [path = db + u".lock"_s] {
            QFile lock(path);
            return lock.open(QIODevice::ReadOnly) ? lock.readAll() : QByteArray();
        };
        QTRY_VERIFY2_WITH_TIMEOUT(lockHolder().contains("\"pid\""),
                                  qPrintable(u"lock file: "_s + QString::fromUtf8(lockHolder()) +
                                             u"; first sync: "_s +
                                             QString::fromUtf8(first.readAllStandardError())),
                                  60000);
        QCOMPARE(first.state(), QProcess::Running);

        const CliRun second =
            runAscsync(syncArguments(m_sandbox, u"sqlite:"_s + db, m_dir.filePath(u"second.conf"_s)));
        QCOMPARE(second.exitCode, 1);
        QVERIFY2(second.err.contains("Another ascsync sync is already writing to") &&
                     second.err.contains(QByteArray::number(first.processId())),
                 second.err.constData());
        QCOMPARE(first.state(), QProcess::Running); // the refusal did not disturb the first sync
        first.terminate();
        if (!first.waitForFinished(20000)) {
            first.kill();
            first.waitForFinished();
        }
    }

    void unreachablePostgresIsExplained()
    {
        const CliRun sync = runAscsync(syncArguments(m_sandbox, u"postgresql://nobody@127.0.0.1:1/none"_s,
                                                     m_dir.filePath(u"unreachable.conf"_s)),
                                       {u"PGPASSWORD=irrelevant"_s, u"PGCONNECT_TIMEOUT=5"_s});
        QCOMPARE(sync.exitCode, 1);
        QVERIFY2(sync.err.contains("127.0.0.1:1"), sync.err.constData());
        QVERIFY(sync.out.isEmpty());
    }

    void wrongPostgresPasswordIsExplained()
    {
        const QString host = qEnvironmentVariable("ASCSYNC_TEST_PG_HOST");
        if (host.isEmpty()) {
            QSKIP("No PostgreSQL server: set ASCSYNC_TEST_PG_* (tests/run-all.sh does).");
        }
        const QString user = qEnvironmentVariable("ASCSYNC_TEST_PG_USER");
        const QString url =
            u"postgresql://%1@%2:%3/%4"_s.arg(user, host, qEnvironmentVariable("ASCSYNC_TEST_PG_PORT"),
                                              qEnvironmentVariable("ASCSYNC_TEST_PG_DATABASE"));
        const QString wrong = u"not-"_s + qEnvironmentVariable("ASCSYNC_TEST_PG_PASSWORD");
        const CliRun sync = runAscsync(syncArguments(m_sandbox, url, m_dir.filePath(u"password.conf"_s)),
                                       {u"PGPASSWORD="_s + wrong, u"PGPASSFILE=/nonexistent"_s});
        QCOMPARE(sync.exitCode, 1);
        QVERIFY2(sync.err.contains(QByteArray("refused the password for user ").append(user.toUtf8())),
                 sync.err.constData());
        QVERIFY2(!sync.err.contains(wrong.toUtf8()), "the password must never be shown");
    }
};

QTEST_GUILESS_MAIN(TestSyncSafety)
#include "tst_syncsafety.moc"
