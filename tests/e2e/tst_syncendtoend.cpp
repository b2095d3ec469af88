// `ascsync sync` end to end: the real simulator over loopback HTTP, the real CLI, real SQLite files and a
// real PostgreSQL server. The conversion-rate query users run (shared/reference, verbatim) must give exactly
// the rates computed independently from the simulator's raw files; faults, kills and repeats must not change
// the tables.
#include "ascsync/testpaths.h"
#include "tests/testkit/rawanalytics.h"
#include "tests/testkit/sandboxprocess.h"
#include "tests/testkit/sqlitetables.h"
#include "tests/testkit/testpostgres.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace {

const QStringList kStreams{
    u"--streams"_s, u"analytics:downloads,analytics:discovery_and_engagement,sales:SALES/SUMMARY/DAILY"_s};
const QStringList kSandboxFlags{u"--seed"_s,          u"11"_s,         u"--apps"_s,  u"2"_s,
                                u"--history-start"_s, u"2026-11-06"_s, u"--today"_s, u"2026-11-20"_s,
                                u"--traffic-scale"_s, u"0.05"_s};

struct Expected {
    double impressions = 0;
    double downloads = 0;
};

// A stable fingerprint of a table's rows (every column but the load time), read with QtSql directly.
QByteArray tableFingerprint(const QString &sqlitePath, const QString &table)
{
    return sqliteFingerprint(sqlitePath, table);
}

} // namespace

class TestSyncEndToEnd : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    SandboxProcess m_sandbox;
    QHash<QPair<QString, QString>, Expected> m_expected; // (app name, date)
    QString m_cleanDb;

    QStringList syncArguments(const SandboxProcess &sandbox, const QString &destination,
                              const QString &config) const
    {
        return QStringList{u"sync"_s,
                           u"--config"_s,
                           config,
                           u"--destination"_s,
                           destination,
                           u"--vendor-number"_s,
                           sandbox.vendorNumber(),
                           u"--json"_s} +
               sandbox.keyArguments(u"reader"_s) + kStreams;
    }

    void compareConversionRates(const QByteArray &json)
    {
        const QJsonArray rows = QJsonDocument::fromJson(json).array();
        QCOMPARE(rows.size(), m_expected.size());
        int fractional = 0;
        for (const QJsonValue &value : rows) {
            const QJsonObject row = value.toObject();
            const auto key =
                qMakePair(row.value(u"app_name"_s).toString(), row.value(u"date"_s).toString().left(10));
            QVERIFY2(m_expected.contains(key), qPrintable(key.first + u' ' + key.second));
            const Expected expected = m_expected.value(key);
            QCOMPARE(row.value(u"unique_impressions"_s).toString().toDouble(), expected.impressions);
            if (expected.downloads == 0) {
                QVERIFY(row.value(u"conversion_rate"_s).isNull());
                continue;
            }
            const double rate = row.value(u"conversion_rate"_s).toString().toDouble();
            const double want = expected.downloads / expected.impressions * 100;
            QVERIFY2(std::abs(rate - want) <= 1e-9 * want, qPrintable(u"%1 vs %2"_s.arg(rate).arg(want)));
            fractional += rate != std::floor(rate);
        }
        QVERIFY2(fractional > rows.size() / 2, "conversion rates must not be truncated to whole numbers");
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_sandbox.start(m_dir.filePath(u"sandbox"_s), kSandboxFlags));
        const CliRun token =
            runAscsync(QStringList{u"token"_s} + m_sandbox.keyArguments(u"reader"_s).mid(0, 6));
        QCOMPARE(token.exitCode, 0);
        RawAnalytics raw(m_sandbox.apiBaseUrl(), QString::fromLatin1(token.out.trimmed()));
        const auto apps = raw.apps();
        QVERIFY(!apps.isEmpty());
        for (auto app = apps.begin(); app != apps.end(); ++app) {
            for (const RawRow &row :
                 raw.latestRows(app.key(), u"App Store Discovery and Engagement Standard"_s)) {
                if (row.value(u"Event"_s) == u"Impression"_s) {
                    m_expected[qMakePair(app.value(), row.value(u"Date"_s))].impressions +=
                        row.value(u"Unique Counts"_s).toDouble();
                }
            }
            for (const RawRow &row : raw.latestRows(app.key(), u"App Downloads Standard"_s)) {
                const QString type = row.value(u"Download Type"_s);
                const auto key = qMakePair(app.value(), row.value(u"Date"_s));
                if ((type == u"First-time download"_s || type == u"Redownload"_s) &&
                    m_expected.contains(key)) {
                    m_expected[key].downloads += row.value(u"Counts"_s).toDouble();
                }
            }
        }
        QVERIFY2(raw.error().isEmpty(), qPrintable(raw.error()));
        QVERIFY2(m_expected.size() > 10, "the oracle found too little data to prove anything");
    }

    void sqliteConversionRateMatchesRawFiles()
    {
        m_cleanDb = m_dir.filePath(u"clean.db"_s);
        const QString config = m_dir.filePath(u"clean.conf"_s);
        const CliRun sync = runAscsync(syncArguments(m_sandbox, u"sqlite:"_s + m_cleanDb, config));
        QVERIFY2(sync.exitCode == 0, sync.err.constData());
        const QJsonObject summary = QJsonDocument::fromJson(sync.out).object();
        QVERIFY(summary.value(u"unitsLoaded"_s).toInt() > 0);
        QVERIFY2(summary.value(u"rowsReplaced"_s).toInteger() > 0,
                 "restated instances must replace older rows");

        const CliRun query =
            runAscsync({u"query"_s, u"--config"_s, config, u"--destination"_s, u"sqlite:"_s + m_cleanDb,
                        u"--json"_s, u"--file"_s, sharedDir() + u"/reference/conversion-rate.sql"_s});
        QVERIFY2(query.exitCode == 0, query.err.constData());
        compareConversionRates(query.out);

        // The named report (the dashboard's numbers) gives the same rows.
        const CliRun named =
            runAscsync({u"query"_s, u"--config"_s, config, u"--destination"_s, u"sqlite:"_s + m_cleanDb,
                        u"--json"_s, u"--report"_s, u"conversion-rate"_s});
        QVERIFY2(named.exitCode == 0, named.err.constData());
        compareConversionRates(named.out);
    }

    void namedReportMistakesAreUsageErrors()
    {
        const QString destination = u"sqlite:"_s + m_cleanDb;
        const QString config = m_dir.filePath(u"clean.conf"_s);
        const CliRun unknown = runAscsync({u"query"_s, u"--config"_s, config, u"--destination"_s, destination,
                                           u"--report"_s, u"revenue"_s});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.err.contains("conversion-rate, daily-sales"), unknown.err.constData());
        const CliRun withSql = runAscsync({u"query"_s, u"--config"_s, config, u"--destination"_s, destination,
                                           u"--report"_s, u"conversion-rate"_s, u"SELECT 1"_s});
        QCOMPARE(withSql.exitCode, 2);
        const CliRun badDay = runAscsync({u"query"_s, u"--config"_s, config, u"--destination"_s, destination,
                                          u"--report"_s, u"conversion-rate"_s, u"--from"_s, u"11/20/2026"_s});
        QCOMPARE(badDay.exitCode, 2);
        QVERIFY2(badDay.err.contains("YYYY-MM-DD"), badDay.err.constData());
        const CliRun salesWithoutApp = runAscsync({u"query"_s, u"--config"_s, config, u"--destination"_s,
                                                   destination, u"--report"_s, u"daily-sales"_s});
        QCOMPARE(salesWithoutApp.exitCode, 2);
        QVERIFY2(salesWithoutApp.err.contains("--app"), salesWithoutApp.err.constData());
        const CliRun noApp = runAscsync({u"query"_s, u"--config"_s, config, u"--destination"_s, destination,
                                         u"--report"_s, u"conversion-rate"_s, u"--app"_s, u"999999"_s});
        QCOMPARE(noApp.exitCode, 1);
        QVERIFY2(noApp.err.contains("no analytics of app 999999"), noApp.err.constData());
    }

    void secondSyncLoadsNothing()
    {
        const QString before = QString::fromLatin1(tableFingerprint(m_cleanDb, u"downloads"_s));
        const CliRun sync =
            runAscsync(syncArguments(m_sandbox, u"sqlite:"_s + m_cleanDb, m_dir.filePath(u"clean.conf"_s)));
        QCOMPARE(sync.exitCode, 0);
        const QJsonObject summary = QJsonDocument::fromJson(sync.out).object();
        QCOMPARE(summary.value(u"unitsLoaded"_s).toInt(), 0);
        QVERIFY(summary.value(u"unitsUpToDate"_s).toInt() > 0);
        QCOMPARE(QString::fromLatin1(tableFingerprint(m_cleanDb, u"downloads"_s)), before);
    }

    void postgresConversionRateMatchesRawFiles()
    {
        const TestPostgres pg;
        QVERIFY2(pg.ok(),
                 "No PostgreSQL server: run through tests/run-all.sh, which starts one (ASCSYNC_TEST_PG_*).");
        // The verbatim query names apple_app_store: a database of its own keeps other suites' schema of that
        // name (they may run at the same time) out of the way.
        const QString database = u"ascsync_endtoend_%1"_s.arg(QCoreApplication::applicationPid());
        pg.exec(u"DROP DATABASE IF EXISTS %1"_s.arg(database));
        QVERIFY(pg.exec(u"CREATE DATABASE %1"_s.arg(database)));
        const QString url = pg.url(database);
        const QStringList environment = pg.environment();
        const QString config = m_dir.filePath(u"pg.conf"_s);
        const CliRun sync = runAscsync(syncArguments(m_sandbox, url, config), environment);
        QVERIFY2(sync.exitCode == 0, sync.err.constData());
        const CliRun query =
            runAscsync({u"query"_s, u"--config"_s, config, u"--destination"_s, url, u"--json"_s, u"--file"_s,
                        sharedDir() + u"/reference/conversion-rate.sql"_s},
                       environment);
        QVERIFY2(query.exitCode == 0, query.err.constData());
        compareConversionRates(query.out);
        const CliRun named = runAscsync({u"query"_s, u"--config"_s, config, u"--destination"_s, url,
                                         u"--json"_s, u"--report"_s, u"conversion-rate"_s},
                                        environment);
        QVERIFY2(named.exitCode == 0, named.err.constData());
        compareConversionRates(named.out);
        pg.exec(u"DROP DATABASE IF EXISTS %1"_s.arg(database));
    }

    void faultsGiveTheSameTables()
    {
        SandboxProcess faulty;
        QVERIFY(faulty.start(
            m_dir.filePath(u"faulty"_s),
            kSandboxFlags +
                QStringList{u"--faults"_s,
                            u"http500=0.05,http429=0.02,reset=0.02,truncate=0.03,badchecksum=0.03"_s}));
        const QString db = m_dir.filePath(u"faulty.db"_s);
        // A unit that failed twice in one run is retried by the next run; a few runs must converge.
        int runs = 0;
        CliRun sync;
        do {
            sync = runAscsync(syncArguments(faulty, u"sqlite:"_s + db, m_dir.filePath(u"faulty.conf"_s)));
            ++runs;
        } while (sync.exitCode != 0 && runs < 5);
        QVERIFY2(sync.exitCode == 0, sync.err.constData());
        for (const QString &table : {u"downloads"_s, u"discovery_and_engagement"_s, u"sales_summary"_s}) {
            QCOMPARE(tableFingerprint(db, table), tableFingerprint(m_cleanDb, table));
        }
    }

    void killedSyncsResumeToTheSameTables()
    {
        const QString db = m_dir.filePath(u"killed.db"_s);
        const QString config = m_dir.filePath(u"killed.conf"_s);
        int interrupted = 0;
        for (int delayMs : {300, 900, 1800}) {
            QProcess victim;
            victim.start(QStringLiteral(ASCSYNC_CLI_PATH),
                         syncArguments(m_sandbox, u"sqlite:"_s + db, config));
            QVERIFY(victim.waitForStarted());
            QTest::qWait(delayMs);
            // QProcess::kill() is SIGKILL on Unix and does nothing once the sync has ended. A raw
            // ::kill(processId()) would not: processId() is 0 then, and kill(0, SIGKILL) kills this
            // test's whole process group, ctest and CI included.
            if (victim.state() == QProcess::Running) {
                victim.kill();
                ++interrupted;
                QVERIFY(victim.waitForFinished(60000));
            }
        }
        QVERIFY2(interrupted > 0, "every sync ended before it could be killed: nothing was resumed");
        const CliRun resumed = runAscsync(syncArguments(m_sandbox, u"sqlite:"_s + db, config));
        QVERIFY2(resumed.exitCode == 0, resumed.err.constData());
        for (const QString &table : {u"downloads"_s, u"discovery_and_engagement"_s, u"sales_summary"_s}) {
            QCOMPARE(tableFingerprint(db, table), tableFingerprint(m_cleanDb, table));
        }
    }

    void unknownAppInWhitelistIsReported()
    {
        const CliRun sync =
            runAscsync(syncArguments(m_sandbox, u"sqlite:"_s + m_dir.filePath(u"whitelist.db"_s),
                                     m_dir.filePath(u"w.conf"_s)) +
                       QStringList{u"--apps"_s, u"123456789"_s});
        QCOMPARE(sync.exitCode, 1);
        QVERIFY2(sync.err.contains("App 123456789 is in your apps list, but this key cannot see it"),
                 sync.err.constData());
    }

    void unreachablePostgresIsExplained()
    {
        const CliRun sync = runAscsync(
            syncArguments(m_sandbox, u"postgresql://nobody@127.0.0.1:1/none"_s, m_dir.filePath(u"u.conf"_s)));
        QCOMPARE(sync.exitCode, 1);
        QVERIFY2(sync.err.contains("127.0.0.1:1"), sync.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestSyncEndToEnd)
#include "tst_syncendtoend.moc"
