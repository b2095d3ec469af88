// `ascsync sync` when Apple's files change shape, and with more than one granularity: the real CLI against
// the real simulator over loopback, into real SQLite files.
//
// Drift: a destination synced from a simulator that stops on 2026-11-18 is synced again from one that
// goes on to 2026-11-20 with the `drift` fault, so every new instance is listed with its columns reordered
// or with a new column ("Campaign Group"). Each migration policy must then do what it promises: evolve adds
// the column and keeps every value, ignore leaves it out and says so, fail stops those units, changes
// nothing and names the column. The reference is the same second sync from a simulator without faults.
#include "tests/testkit/sandboxprocess.h"
#include "tests/testkit/sqlitetables.h"
#include "tests/testkit/testpostgres.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QStringList worldFlags(const QString &today, const QString &historyStart = u"2026-11-06"_s)
{
    return {u"--seed"_s,  u"11"_s, u"--apps"_s,          u"2"_s,   u"--history-start"_s, historyStart,
            u"--today"_s, today,   u"--traffic-scale"_s, u"0.05"_s};
}

const QString kTable = u"downloads"_s;
const QString kNewColumn = u"campaign_group"_s;

QJsonObject summaryOf(const CliRun &run)
{
    return QJsonDocument::fromJson(run.out).object();
}

CliRun conversionRates(const QString &destination, const QStringList &environment = {})
{
    return runAscsync({u"query"_s, u"--destination"_s, destination, u"--file"_s,
                       sharedDir() + u"/reference/conversion-rate.sql"_s},
                      environment);
}

// The query's tab-separated output with every number rounded to 6 significant digits.
QStringList roundedRates(const QByteArray &output)
{
    QStringList lines;
    for (const QByteArray &line : output.split('\n')) {
        QStringList cells;
        for (const QByteArray &cell : line.split('\t')) {
            bool number = false;
            const double value = cell.toDouble(&number);
            cells << (number ? QString::number(value, 'g', 6) : QString::fromUtf8(cell));
        }
        lines << cells.join(u'	');
    }
    return lines;
}

QString joined(const QJsonValue &array)
{
    QStringList lines;
    for (const QJsonValue &line : array.toArray()) {
        lines << line.toString();
    }
    return lines.join(u'\n');
}

} // namespace

class TestSyncPolicies : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    SandboxProcess m_early;   // up to 2026-11-18, no faults
    SandboxProcess m_drifted; // up to 2026-11-20, every listing drifted
    SandboxProcess m_clean;   // up to 2026-11-20, no faults
    QString m_base;           // synced from m_early
    QString m_reference;      // m_base, then synced from m_clean

    CliRun sync(const SandboxProcess &sandbox, const QString &db, const QStringList &extra = {})
    {
        // The client's clock follows the simulator's --today, as Apple's and the client's days agree: the
        // planner lists a report once per processing day.
        const QString today = &sandbox == &m_early ? u"2026-11-18"_s : u"2026-11-20"_s;
        return runAscsync(QStringList{u"sync"_s, u"--config"_s, db + u".conf"_s, u"--destination"_s,
                                      u"sqlite:"_s + db, u"--streams"_s, u"analytics:"_s + kTable,
                                      u"--json"_s, u"--as-of"_s, today + u"T12:00:00Z"_s} +
                          sandbox.keyArguments(u"reader"_s) + extra);
    }

    // A copy of the base destination, to sync under one policy.
    QString copyOfBase(const QString &name)
    {
        const QString path = m_dir.filePath(name + u".db"_s);
        QFile::remove(path);
        return QFile::copy(m_base, path) ? path : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_early.start(m_dir.filePath(u"early"_s), worldFlags(u"2026-11-18"_s)));
        QVERIFY(m_drifted.start(m_dir.filePath(u"drifted"_s),
                                worldFlags(u"2026-11-20"_s) + QStringList{u"--faults"_s, u"drift=1"_s}));
        QVERIFY(m_clean.start(m_dir.filePath(u"clean"_s), worldFlags(u"2026-11-20"_s)));

        m_base = m_dir.filePath(u"base.db"_s);
        const CliRun base = sync(m_early, m_base);
        QVERIFY2(base.exitCode == 0, base.err.constData());
        QVERIFY(!sqliteColumns(m_base, kTable).contains(kNewColumn));

        m_reference = copyOfBase(u"reference"_s);
        QVERIFY(!m_reference.isEmpty());
        const CliRun reference = sync(m_clean, m_reference);
        QVERIFY2(reference.exitCode == 0, reference.err.constData());
        QVERIFY2(summaryOf(reference).value(u"unitsLoaded"_s).toInt() > 0,
                 "the later simulator must publish instances the base does not have");
        QCOMPARE(sqliteColumns(m_reference, kTable), sqliteColumns(m_base, kTable));
    }

    void evolveAddsTheColumnAndKeepsEveryValue()
    {
        const QString db = copyOfBase(u"evolve"_s);
        const CliRun run = sync(m_drifted, db, {u"--migration-policy"_s, u"evolve"_s});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject summary = summaryOf(run);
        QVERIFY2(joined(summary.value(u"notes"_s)).contains(u"added column campaign_group"_s),
                 run.out.constData());
        QVERIFY(sqliteColumns(db, kTable).contains(kNewColumn));
        // The new column's values arrived...
        const QStringList groups = sqliteValues(
            db, u"SELECT DISTINCT campaign_group FROM downloads WHERE campaign_group IS NOT NULL"_s);
        QVERIFY2(!groups.isEmpty() && !groups.first().startsWith(u"error"_s), qPrintable(groups.join(u',')));
        for (const QString &group : groups) {
            QVERIFY2(QStringList({u"Brand"_s, u"Performance"_s, u"Seasonal"_s}).contains(group),
                     qPrintable(group));
        }
        // ...and every other value is where it belongs, also from the files whose columns were reordered.
        QCOMPARE(sqliteFingerprint(db, kTable, {kNewColumn}), sqliteFingerprint(m_reference, kTable));
    }

    void ignoreSkipsTheColumnAndSaysSo()
    {
        const QString db = copyOfBase(u"ignore"_s);
        const CliRun run = sync(m_drifted, db, {u"--migration-policy"_s, u"ignore"_s});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QString notes = joined(summaryOf(run).value(u"notes"_s));
        QVERIFY2(notes.contains(u"did not load the file's new column campaign_group"_s) &&
                     notes.contains(u"migration policy: ignore"_s),
                 run.out.constData());
        QCOMPARE(sqliteColumns(db, kTable), sqliteColumns(m_base, kTable));
        QCOMPARE(sqliteFingerprint(db, kTable), sqliteFingerprint(m_reference, kTable));
    }

    void failStopsThoseUnitsChangesNothingAndNamesTheColumn()
    {
        const QString db = copyOfBase(u"fail"_s);
        const CliRun run = sync(m_drifted, db, {u"--migration-policy"_s, u"fail"_s});
        QCOMPARE(run.exitCode, 1);
        const QJsonObject summary = summaryOf(run);
        QVERIFY2(summary.value(u"unitsFailed"_s).toInt() > 0, run.out.constData());
        const QString failures = joined(summary.value(u"failures"_s));
        QVERIFY2(failures.contains(u"campaign_group"_s) || failures.contains(u"Campaign Group"_s),
                 qPrintable(failures));
        QVERIFY2(run.err.contains("campaign_group") || run.err.contains("Campaign Group"),
                 run.err.constData());
        QCOMPARE(sqliteColumns(db, kTable), sqliteColumns(m_base, kTable));
        // Every row belongs to a unit that loaded completely (has its load record): the failed units left
        // nothing behind.
        QCOMPARE(sqliteValues(
                     db, u"SELECT count(*) FROM downloads d JOIN _ascsync_instances i ON i.instance_key = "
                         u"d._instance WHERE i.instance_id NOT IN (SELECT unit_key FROM _ascsync_loads "
                         u"WHERE stream = 'analytics/downloads')"_s),
                 QStringList{u"0"_s});
        QCOMPARE(sqliteValues(db, u"SELECT count(*) FROM downloads d WHERE NOT EXISTS (SELECT 1 FROM "
                                  u"_ascsync_instances i WHERE i.instance_key = d._instance)"_s),
                 QStringList{u"0"_s});
        // Under evolve the stopped units load afterwards, to the same values as everywhere else.
        const CliRun again = sync(m_drifted, db, {u"--migration-policy"_s, u"evolve"_s});
        QVERIFY2(again.exitCode == 0, again.err.constData());
        QVERIFY(summaryOf(again).value(u"unitsLoaded"_s).toInt() > 0);
        QCOMPARE(sqliteFingerprint(db, kTable, {kNewColumn}), sqliteFingerprint(m_reference, kTable));
    }

    // A policy that is none of the three is refused before anything is asked or written, never read as
    // evolve.
    void anUnknownPolicyIsRefused()
    {
        const QString db = copyOfBase(u"unknown-policy"_s);
        const CliRun run = sync(m_drifted, db, {u"--migration-policy"_s, u"merge"_s});
        QVERIFY2(run.exitCode != 0, run.out.constData());
        QVERIFY2(run.err.contains("--migration-policy must be evolve, ignore or fail, not \"merge\""),
                 run.err.constData());
        QCOMPARE(sqliteColumns(db, kTable), sqliteColumns(m_base, kTable));
    }

    void granularitiesGetTablesOfTheirOwn()
    {
        // Weekly instances come on Fridays, monthly ones on the 5th for a whole month of history: this world
        // has both.
        SandboxProcess sandbox;
        QVERIFY(sandbox.start(m_dir.filePath(u"months"_s), worldFlags(u"2026-12-07"_s, u"2026-11-01"_s)));
        const QStringList streams{
            u"--streams"_s,
            u"analytics:downloads,analytics:downloads_detailed,analytics:discovery_and_engagement"_s};
        const QString dailyOnly = m_dir.filePath(u"daily.db"_s);
        const CliRun daily =
            runAscsync(QStringList{u"sync"_s, u"--config"_s, dailyOnly + u".conf"_s, u"--destination"_s,
                                   u"sqlite:"_s + dailyOnly, u"--json"_s} +
                       sandbox.keyArguments(u"reader"_s) + streams);
        QVERIFY2(daily.exitCode == 0, daily.err.constData());

        const QString all = m_dir.filePath(u"granularities.db"_s);
        const QStringList arguments =
            QStringList{
                u"sync"_s,          u"--config"_s,        all + u".conf"_s,          u"--destination"_s,
                u"sqlite:"_s + all, u"--granularities"_s, u"DAILY,WEEKLY,MONTHLY"_s, u"--json"_s} +
            sandbox.keyArguments(u"reader"_s) + streams;
        const CliRun run = runAscsync(arguments);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        for (const QString &table :
             {u"downloads"_s, u"downloads_detailed"_s, u"discovery_and_engagement"_s}) {
            // The daily table is exactly that of a daily-only sync: weekly and monthly rows are elsewhere.
            QCOMPARE(sqliteFingerprint(all, table), sqliteFingerprint(dailyOnly, table));
            QCOMPARE(
                sqliteValues(all, u"SELECT DISTINCT i.granularity FROM %1 t JOIN _ascsync_instances i ON "
                                  u"i.instance_key = t._instance"_s.arg(table)),
                QStringList{u"DAILY"_s});
            // No row repeats its instance's metadata any more: one key per row.
            QCOMPARE(sqliteColumns(all, table).filter(QRegularExpression(u"^_"_s)),
                     QStringList{u"_instance"_s});
        }
        // (The simulator publishes weekly and monthly instances of these two; App Downloads Standard has
        // none.)
        for (const QString &table : {u"downloads_detailed"_s, u"discovery_and_engagement"_s}) {
            for (const QString &granularity : {u"weekly"_s, u"monthly"_s}) {
                const QString other = table + u'_' + granularity;
                const QByteArray print = sqliteFingerprint(all, other);
                QVERIFY2(print != "no table" && !print.startsWith("0:"), qPrintable(other));
                QCOMPARE(
                    sqliteValues(all, u"SELECT DISTINCT i.granularity FROM %1 t JOIN _ascsync_instances i "
                                      u"ON i.instance_key = t._instance"_s.arg(other)),
                    QStringList{granularity.toUpper()});
                QCOMPARE(sqliteColumns(all, other), sqliteColumns(all, table));
            }
        }
        // The monthly instance of 2026-12-05 holds November.
        QCOMPARE(sqliteValues(all, u"SELECT DISTINCT substr(date, 1, 7) FROM downloads_detailed_monthly"_s),
                 QStringList{u"2026-11"_s});
        // conversion-rate.sql, verbatim, gives the same rates whatever granularities were synced.
        const CliRun dailyRates = conversionRates(u"sqlite:"_s + dailyOnly);
        QVERIFY2(dailyRates.exitCode == 0, dailyRates.err.constData());
        QVERIFY2(dailyRates.out.count('\n') > 10, dailyRates.out.constData());
        const CliRun allRates = conversionRates(u"sqlite:"_s + all);
        QCOMPARE(allRates.out, dailyRates.out);
        // Idempotent across granularities too.
        const QByteArray before = sqliteFingerprint(all, u"downloads_detailed_weekly"_s);
        const CliRun again = runAscsync(arguments);
        QVERIFY2(again.exitCode == 0, again.err.constData());
        QCOMPARE(summaryOf(again).value(u"unitsLoaded"_s).toInt(), 0);
        QCOMPARE(sqliteFingerprint(all, u"downloads_detailed_weekly"_s), before);

        // The same on PostgreSQL: a DAILY-only and a DAILY+WEEKLY+MONTHLY sync give identical rates.
        const TestPostgres pg;
        QVERIFY2(pg.ok(), "No PostgreSQL server: run through tests/run-all.sh (ASCSYNC_TEST_PG_*).");
        QByteArray pgRates[2];
        for (int withOthers = 0; withOthers < 2; ++withOthers) {
            // A database of its own: the verbatim query names apple_app_store, which other suites use too.
            const QString database =
                u"ascsync_policies_%1_%2"_s.arg(QCoreApplication::applicationPid()).arg(withOthers);
            pg.exec(u"DROP DATABASE IF EXISTS %1"_s.arg(database));
            QVERIFY(pg.exec(u"CREATE DATABASE %1"_s.arg(database)));
            QStringList syncPg{u"sync"_s,          u"--config"_s,    m_dir.filePath(u"pg.conf"_s),
                               u"--destination"_s, pg.url(database), u"--json"_s};
            if (withOthers)
                syncPg << u"--granularities"_s << u"DAILY,WEEKLY,MONTHLY"_s;
            const CliRun synced =
                runAscsync(syncPg + sandbox.keyArguments(u"reader"_s) + streams, pg.environment());
            QVERIFY2(synced.exitCode == 0, synced.err.constData());
            const CliRun rates = conversionRates(pg.url(database), pg.environment());
            QVERIFY2(rates.exitCode == 0, rates.err.constData());
            pgRates[withOthers] = rates.out;
            pg.exec(u"DROP DATABASE IF EXISTS %1"_s.arg(database));
        }
        QCOMPARE(pgRates[1], pgRates[0]);
        // Both back-ends agree on the numbers too (PostgreSQL's numeric prints more digits: compare values).
        QCOMPARE(roundedRates(pgRates[0]), roundedRates(dailyRates.out));
    }
};

QTEST_GUILESS_MAIN(TestSyncPolicies)
#include "tst_syncpolicies.moc"
