// A second local user (issue 13, items 12 and 14): what ascsync writes is readable by its owner only, a
// symbolic link planted at a file ascsync writes is never followed, and `ascsync query` neither creates a
// database nor changes one unless asked. Real files, the real CLI, a real SQLite database.
#include "ascsync/testpaths.h"
#include "core/common/privatefile.h"
#include "core/common/sqltext.h"
#include "core/config/settings.h"
#include "core/schedule/scheduleunits.h"
#include "core/storage/destination.h"
#include "core/storage/destinationspec.h"
#include "core/storage/lockfilesynclock.h"
#include "core/storage/postgresconnection.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace ascsync;

namespace {

// The permission bits as the kernel has them (QFileInfo mixes in the effective user's view).
int modeOf(const QString &path)
{
    struct stat info {};
    if (::lstat(QFile::encodeName(path).constData(), &info) != 0) {
        return -1;
    }
    return static_cast<int>(info.st_mode & 0777);
}

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run runCli(const QStringList &arguments, const QString &configPath)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"ASCSYNC_CONFIG"_s, configPath);
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(ASCSYNC_CLI_PATH), arguments);
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
    }
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

} // namespace

class TestLocalAttacker : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        ::umask(022); // the common default, under which Qt and SQLite create 0644 files
    }

    // --- Item 12
    // ---------------------------------------------------------------------------------------------
    void settingsAreOwnerOnly()
    {
        const QString path = m_dir.filePath(u"settings/ascsync.conf"_s);
        config::Settings settings;
        settings.destination = u"sqlite:/tmp/x.db"_s;
        QVERIFY(config::SettingsFile::save(path, settings).ok());
        QCOMPARE(modeOf(path), 0600);
    }

    void aNewDatabaseIsOwnerOnly()
    {
        const QString path = m_dir.filePath(u"revenue.db"_s);
        const auto spec = storage::DestinationSpec::parse(u"sqlite:"_s + path);
        QVERIFY(spec.ok());
        auto destination = storage::Destination::open(spec.value());
        QVERIFY2(destination.ok(), qPrintable(destination.errorMessage()));
        QCOMPARE(modeOf(path), 0600);
    }

    void theLockFileIsOwnerOnlyAndNeverFollowsALink()
    {
        const QString database = m_dir.filePath(u"locked.db"_s);
        {
            auto lock = storage::LockFileSyncLock::acquire(database, QDateTime::currentDateTimeUtc());
            QVERIFY2(lock.ok(), qPrintable(lock.errorMessage()));
            QCOMPARE(modeOf(storage::LockFileSyncLock::lockPathFor(database)), 0600);
        }
        // Another user's trap: the lock path is a link to a file the victim can write.
        const QString target = m_dir.filePath(u"precious.txt"_s);
        {
            QFile file(target);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("precious");
        }
        const QString trapped = m_dir.filePath(u"trapped.db"_s);
        QVERIFY(QFile::link(target, storage::LockFileSyncLock::lockPathFor(trapped)));
        const auto lock = storage::LockFileSyncLock::acquire(trapped, QDateTime::currentDateTimeUtc());
        QVERIFY(!lock.ok());
        QCOMPARE(lock.error().code, u"storage.lock.symlink"_s);
        QFile check(target);
        QVERIFY(check.open(QIODevice::ReadOnly));
        QCOMPARE(check.readAll(), QByteArray("precious"));
    }

    void privateFilesAreOwnerOnlyAndNeverFollowALink()
    {
        const QString path = m_dir.filePath(u"script.sh"_s);
        {
            QFile wide(path);
            QVERIFY(wide.open(QIODevice::WriteOnly));
            wide.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther | QFile::ReadGroup);
        }
        QVERIFY(writePrivateFile(path, "token").ok());
        QCOMPARE(modeOf(path), 0600);
        const QString link = m_dir.filePath(u"link.sh"_s);
        QVERIFY(QFile::link(path, link));
        QVERIFY(!writePrivateFile(link, "other").ok());
        QFile check(path);
        QVERIFY(check.open(QIODevice::ReadOnly));
        QCOMPARE(check.readAll(), QByteArray("token"));
    }

    // Item 13: a remote PostgreSQL gets TLS unless the URL says otherwise.
    void remotePostgresRequiresTls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("password");
        QTest::addColumn<QString>("mode"); // "!" = refused
        QTest::newRow("remote default")
            << u"postgresql://ana@db.example.com/sales"_s << false << u"require"_s;
        QTest::newRow("remote default, password")
            << u"postgresql://ana@10.0.0.5/sales"_s << true << u"require"_s;
        QTest::newRow("remote verify-full")
            << u"postgresql://ana@db.example.com/s?sslmode=verify-full"_s << true << u"verify-full"_s;
        QTest::newRow("remote disable, password")
            << u"postgresql://ana@db.example.com/s?sslmode=disable"_s << true << u"!"_s;
        QTest::newRow("remote prefer, password")
            << u"postgresql://ana@db.example.com/s?sslmode=prefer"_s << true << u"!"_s;
        QTest::newRow("remote disable, no password")
            << u"postgresql://ana@db.example.com/s?sslmode=disable"_s << false << u"disable"_s;
        QTest::newRow("loopback") << u"postgresql://ana@127.0.0.1/sales"_s << true << QString();
        QTest::newRow("localhost disable")
            << u"postgresql://ana@localhost/s?sslmode=disable"_s << true << u"disable"_s;
    }

    void remotePostgresRequiresTls()
    {
        QFETCH(QString, url);
        QFETCH(bool, password);
        QFETCH(QString, mode);
        const auto spec = storage::DestinationSpec::parse(url);
        QVERIFY2(spec.ok(), qPrintable(spec.errorMessage()));
        const auto effective = storage::effectiveSslMode(spec.value(), password);
        if (mode == u"!"_s) {
            QVERIFY(!effective.ok());
            QCOMPARE(effective.error().code, u"storage.pg.cleartext"_s);
            QVERIFY(effective.errorMessage().contains(u"verify-full"_s));
        } else {
            QVERIFY2(effective.ok(), qPrintable(effective.errorMessage()));
            QCOMPARE(effective.value(), mode);
        }
    }

    // Item 15: a process about to read the regular key is hardened like admin-commands.
    void theRegularKeyIsReadByAHardenedProcess()
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"ASCSYNC_CONFIG"_s, m_dir.filePath(u"none.conf"_s));
        environment.insert(u"ASCSYNC_PROBE"_s, u"visible-in-environ"_s);
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(ASCSYNC_CLI_PATH),
                      {u"token"_s, u"--issuer-id"_s, u"57246542-96fe-1a63-e053-0824d011072a"_s, u"--key-id"_s,
                       u"2X9R4HXF34"_s, u"--key-file"_s, u"-"_s});
        QVERIFY(process.waitForStarted());
        const QString proc = u"/proc/%1/"_s.arg(process.processId());
        const auto coreLimit = [&proc]() {
            QFile file(proc + u"limits"_s);
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
        // It waits for the key on standard input; by then no core file and no same-user /proc reading.
        QTRY_COMPARE_WITH_TIMEOUT(coreLimit(), QByteArray("Max core file size 0 0 bytes"), 20000);
        // keepSecretsOutOfCoreDumps() sets the core limit and PR_SET_DUMPABLE together (the command stops
        // when either fails), so the limit proves both; the environment check needs a user without
        // CAP_SYS_PTRACE.
        if (::geteuid() != 0) {
            QFile environFile(proc + u"environ"_s);
            QVERIFY2(!environFile.open(QIODevice::ReadOnly) ||
                         !environFile.readAll().contains("visible-in-environ"),
                     "another process of the same user can read the environment");
        }
        process.closeWriteChannel(); // no key: the command ends with an error
        QVERIFY(process.waitForFinished(30000));
        QVERIFY(process.exitCode() != 0);
    }

    // Item 16: a newline in the --config path cannot add lines to the systemd unit.
    void aConfigPathCannotInjectUnitLines()
    {
        const auto schedule = schedule::SyncSchedule::parse(u"daily 06:00"_s);
        QVERIFY(schedule.ok());
        const auto units = schedule::makeScheduleUnits(
            schedule.value(),
            {u"/usr/bin/ascsync"_s, u"/home/a/x.conf\nExecStartPre=/bin/touch /tmp/pwned\r"_s});
        for (const QString &line : units.serviceText.split(u'\n')) {
            QVERIFY2(!line.startsWith(u"ExecStartPre"_s), qPrintable(units.serviceText));
        }
        QVERIFY2(units.serviceText.contains(
                     u"--config \"/home/a/x.conf\\x0aExecStartPre=/bin/touch /tmp/pwned\\x0d\""_s),
                 qPrintable(units.serviceText));
        QVERIFY(!units.serviceText.contains(u'\r'));
    }

    // Item 14: `ascsync query` reads; it neither creates nor changes a database unless asked.
    void statementsAreCounted()
    {
        QCOMPARE(countSqlStatements(u"SELECT 1"_s), 1);
        QCOMPARE(countSqlStatements(u"SELECT 1;  \n"_s), 1);
        QCOMPARE(countSqlStatements(u"SELECT ';' AS x -- a; comment\n"_s), 1);
        QCOMPARE(countSqlStatements(u"SELECT \"a;b\" FROM t /* ; */"_s), 1);
        QCOMPARE(countSqlStatements(u"SELECT 1; DELETE FROM t"_s), 2);
        QCOMPARE(countSqlStatements(u"SELECT 'it''s'; SELECT 2;"_s), 2);
        QCOMPARE(countSqlStatements(u"  ;; "_s), 0);
    }

    void queryNeverCreatesADatabase()
    {
        const QString missing = m_dir.filePath(u"typo.db"_s);
        const Run run = runCli({u"query"_s, u"--destination"_s, u"sqlite:"_s + missing, u"SELECT 1"_s},
                               m_dir.filePath(u"none.conf"_s));
        QVERIFY(run.exitCode != 0);
        QVERIFY2(run.err.contains(u"there is no database at"_s), qPrintable(run.err));
        QVERIFY(!QFileInfo::exists(missing));
    }

    void queryIsReadOnlyUnlessAsked()
    {
        const QString path = m_dir.filePath(u"query.db"_s);
        {
            const auto spec = storage::DestinationSpec::parse(u"sqlite:"_s + path);
            QVERIFY(spec.ok());
            QVERIFY(storage::Destination::open(spec.value()).ok());
        }
        const QString config = m_dir.filePath(u"none.conf"_s);
        const QString destination = u"sqlite:"_s + path;
        const Run refused = runCli({u"query"_s, u"--destination"_s, destination,
                                    u"CREATE TABLE apple_app_store.scratch (x INTEGER)"_s},
                                   config);
        QVERIFY2(refused.exitCode != 0, qPrintable(refused.out + refused.err));
        QVERIFY2(refused.err.contains(u"readonly"_s, Qt::CaseInsensitive) ||
                     refused.err.contains(u"read-only"_s, Qt::CaseInsensitive),
                 qPrintable(refused.err));
        const Run allowed = runCli({u"query"_s, u"--write"_s, u"--destination"_s, destination,
                                    u"CREATE TABLE apple_app_store.scratch (x INTEGER)"_s},
                                   config);
        QVERIFY2(allowed.exitCode == 0, qPrintable(allowed.err));
        const Run several = runCli(
            {u"query"_s, u"--destination"_s, destination, u"SELECT 1; DROP TABLE apple_app_store.scratch"_s},
            config);
        QCOMPARE(several.exitCode, 2);
        QVERIFY2(several.err.contains(u"one SQL statement at a time"_s), qPrintable(several.err));
        const Run read = runCli(
            {u"query"_s, u"--destination"_s, destination, u"SELECT count(*) FROM apple_app_store.scratch"_s},
            config);
        QVERIFY2(read.exitCode == 0, qPrintable(read.err));
        QVERIFY(read.out.contains(u"0"_s));
    }
};

QTEST_GUILESS_MAIN(TestLocalAttacker)
#include "tst_localattacker.moc"
