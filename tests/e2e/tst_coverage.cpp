// `ascsync coverage` and `ascsync status` against the real simulator (issue 18), through the real CLI into
// real SQLite files: every state a date can be in comes from a simulated fact, never from a fixture.
//
// Gaps: a simulator on 2026-11-20 skips the ONGOING daily instance processed on 2026-11-10 and repeats the
// one of 2026-11-13 on 2026-11-14 (identical checksums), so 2026-11-09 and 2026-11-13 are in no ONGOING
// instance. Its snapshot (processed 20 days before its today) does not reach them. A later simulator
// (2026-12-05) has a newer snapshot that holds them: a sync with --relist loads it and the gaps close.
// Retention: a simulator whose state was made on 2026-10-01 and that first syncs on 2026-11-20 has deleted
// its snapshot and every instance older than 35 days: those dates are deleted before they were loaded.
#include "tests/testkit/sandboxprocess.h"
#include "tests/testkit/testpostgres.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QString kReport = u"analytics:downloads"_s;
const QStringList kOutages{u"--skip-instances"_s, u"2026-11-10"_s, u"--duplicate-instances"_s,
                           u"2026-11-14"_s};

QStringList worldFlags(const QString &today, const QString &historyStart)
{
    return {u"--seed"_s,  u"18"_s, u"--apps"_s,          u"1"_s,   u"--history-start"_s, historyStart,
            u"--today"_s, today,   u"--traffic-scale"_s, u"0.05"_s};
}

// date -> state of the one DAILY downloads series in `--json` output.
QMap<QString, QString> statesOf(const CliRun &run, QJsonObject *day = nullptr, const QString &dayOf = {})
{
    QMap<QString, QString> states;
    const QJsonArray series = QJsonDocument::fromJson(run.out).object().value(u"series"_s).toArray();
    for (const QJsonValue &entry : series) {
        if (entry[u"table"_s].toString() != u"downloads"_s)
            continue;
        for (const QJsonValue &value : entry[u"days"_s].toArray()) {
            states.insert(value[u"date"_s].toString(), value[u"state"_s].toString());
            if (day && value[u"date"_s].toString() == dayOf)
                *day = value.toObject();
        }
    }
    return states;
}

QStringList datesIn(const QMap<QString, QString> &states, const QString &state)
{
    QStringList dates;
    for (auto it = states.cbegin(); it != states.cend(); ++it) {
        if (it.value() == state)
            dates << it.key();
    }
    return dates;
}

QStringList days(const QString &from, const QString &to)
{
    QStringList list;
    for (QDate date = QDate::fromString(from, Qt::ISODate); date <= QDate::fromString(to, Qt::ISODate);
         date = date.addDays(1))
        list << date.toString(Qt::ISODate);
    return list;
}

} // namespace

class TestCoverage : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    // `db` is a SQLite path or a postgresql:// URL.
    static QString destination(const QString &db)
    {
        return db.startsWith(u"postgresql:"_s) ? db : u"sqlite:"_s + db;
    }

    CliRun sync(const SandboxProcess &sandbox, const QString &db, const QString &today,
                const QStringList &extra = {}, const QStringList &environment = {})
    {
        return runAscsync(QStringList{u"sync"_s, u"--config"_s, m_dir.filePath(u"ascsync.conf"_s),
                                      u"--destination"_s, destination(db), u"--streams"_s, kReport,
                                      u"--json"_s, u"--as-of"_s, today + u"T12:00:00Z"_s} +
                              sandbox.keyArguments(u"reader"_s) + extra,
                          environment);
    }

    CliRun coverage(const QString &db, const QString &today, const QStringList &extra,
                    const QStringList &environment = {})
    {
        return runAscsync(QStringList{u"coverage"_s, u"--config"_s, m_dir.filePath(u"ascsync.conf"_s),
                                      u"--destination"_s, destination(db), u"--as-of"_s,
                                      today + u"T12:00:00Z"_s} +
                              extra,
                          environment);
    }

    // The states of 2026-09-28..11-22 after syncing the gaps world of 2026-11-20 (see the top).
    static void checkGapStates(const CliRun &json)
    {
        QCOMPARE(json.exitCode, 4); // missing days have their own exit code
        QJsonObject duplicate;
        const QMap<QString, QString> states = statesOf(json, &duplicate, u"2026-11-13"_s);
        QCOMPARE(states.size(), days(u"2026-09-28"_s, u"2026-11-22"_s).size());
        QCOMPARE(datesIn(states, u"missing"_s), QStringList({u"2026-11-09"_s, u"2026-11-13"_s}));
        // The duplicate is named: the instance processed on 11-14 repeated the one before it.
        QCOMPARE(duplicate.value(u"processingDate"_s).toString(), u"2026-11-14"_s);
        QVERIFY(!duplicate.value(u"duplicateOf"_s).toString().isEmpty());
        // Before the history start the snapshot holds nothing: no data. After today: not published yet.
        QCOMPARE(datesIn(states, u"no-data"_s), days(u"2026-09-28"_s, u"2026-09-30"_s));
        QCOMPARE(datesIn(states, u"not-published"_s), days(u"2026-11-20"_s, u"2026-11-22"_s));
        QStringList loaded = days(u"2026-10-01"_s, u"2026-11-19"_s);
        loaded.removeAll(u"2026-11-09"_s);
        loaded.removeAll(u"2026-11-13"_s);
        QCOMPARE(datesIn(states, u"loaded"_s), loaded);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // A status check before the first sync shows Apple's side, says the destination does not exist yet, and
    // does not create an empty SQLite file (sync::destinationExists).
    void statusBeforeTheFirstSyncCreatesNoFile()
    {
        SandboxProcess sandbox;
        QVERIFY(
            sandbox.start(m_dir.filePath(u"before-sync"_s), worldFlags(u"2026-11-20"_s, u"2026-10-20"_s)));
        const QString db = m_dir.filePath(u"never-synced.db"_s);
        const CliRun status =
            runAscsync(QStringList{u"status"_s, u"--config"_s, m_dir.filePath(u"before-sync.conf"_s),
                                   u"--destination"_s, destination(db)} +
                       sandbox.keyArguments(u"reader"_s));
        QVERIFY2(status.exitCode == 0, status.err.constData());
        QVERIFY2(status.out.contains("does not exist yet: run `ascsync sync` first"), status.out.constData());
        QVERIFY(!QFileInfo::exists(db));
    }

    // With two apps the simulator stops the second app's ONGOING request for inactivity 10 days before
    // --today: its later days are missing, and status says the cause is the stopped request, not Apple.
    void stoppedRequestGapsNameTheCause()
    {
        SandboxProcess twoApps;
        QStringList flags = worldFlags(u"2026-11-20"_s, u"2026-10-20"_s);
        flags[flags.indexOf(u"--apps"_s) + 1] = u"2"_s;
        QVERIFY(twoApps.start(m_dir.filePath(u"two-apps"_s), flags));
        const QString db = m_dir.filePath(u"stopped.db"_s);
        const CliRun synced = sync(twoApps, db, u"2026-11-20"_s);
        QVERIFY2(synced.exitCode == 0, synced.err.constData());

        const CliRun status = runAscsync(
            QStringList{u"status"_s, u"--config"_s, m_dir.filePath(u"ascsync.conf"_s), u"--destination"_s,
                        destination(db), u"--as-of"_s, u"2026-11-20T12:00:00Z"_s} +
            twoApps.keyArguments(u"reader"_s));
        QVERIFY2(status.exitCode == 0, status.err.constData());
        const QString out = QString::fromUtf8(status.out);
        const QStringList gaps = out.split(u'\n').filter(u"gap:"_s);
        QVERIFY2(!gaps.isEmpty(), status.out.constData());
        const QStringList explained = gaps.filter(u"Apple stopped this app's ONGOING request"_s);
        QVERIFY2(!explained.isEmpty(), status.out.constData());
        // Only the stopped app's gaps carry the cause: the active app's block names no stopped request.
        const qsizetype stoppedBlock = out.indexOf(u"STOPPED for inactivity"_s);
        QVERIFY2(stoppedBlock >= 0, status.out.constData());
        for (const QString &gap : explained)
            QVERIFY2(out.indexOf(gap) > out.lastIndexOf(u"\n\n"_s, stoppedBlock), qPrintable(gap));
    }

    void skippedAndDuplicateDaysAreMissingUntilASnapshotHoldsThem()
    {
        SandboxProcess early;
        QVERIFY(
            early.start(m_dir.filePath(u"early"_s), worldFlags(u"2026-11-20"_s, u"2026-10-01"_s) + kOutages));
        const QString db = m_dir.filePath(u"gaps.db"_s);
        const CliRun synced = sync(early, db, u"2026-11-20"_s);
        QVERIFY2(synced.exitCode == 0, synced.err.constData());

        const QStringList range{u"--from"_s, u"2026-09-28"_s, u"--to"_s, u"2026-11-22"_s};
        checkGapStates(
            coverage(db, u"2026-11-20"_s,
                     range + QStringList{u"--json"_s, u"--report"_s, u"App Downloads Standard"_s}));

        // The readable form lists the gaps and says what may recover them.
        const CliRun text = coverage(db, u"2026-11-20"_s, range);
        QCOMPARE(text.exitCode, 4);
        QVERIFY2(text.out.contains("missing:") && text.out.contains("2026-11-09, 2026-11-13"),
                 text.out.constData());
        QVERIFY2(text.out.contains("identical checksums"), text.out.constData());
        QVERIFY2(text.err.contains("ONE_TIME_SNAPSHOT"), text.err.constData());

        // `ascsync status` warns about the new gaps, and when a snapshot may recover them.
        const CliRun status = runAscsync(
            QStringList{u"status"_s, u"--config"_s, m_dir.filePath(u"ascsync.conf"_s), u"--destination"_s,
                        destination(db), u"--as-of"_s, u"2026-11-20T12:00:00Z"_s} +
            early.keyArguments(u"reader"_s));
        QVERIFY2(status.exitCode == 0, status.err.constData());
        QVERIFY2(status.out.contains("2 days missing for downloads DAILY"), status.out.constData());
        QVERIFY2(status.out.contains("2026-11-09, 2026-11-13"), status.out.constData());
        QVERIFY2(status.out.contains("a new ONE_TIME_SNAPSHOT requested from 2026-12-01 on"),
                 status.out.constData());
        QVERIFY2(status.out.contains("next: Request a new ONE_TIME_SNAPSHOT on or after 2026-12-01"),
                 status.out.constData());
        early.stop();

        // A newer snapshot holds the lost days: the gaps close.
        SandboxProcess later;
        QVERIFY(
            later.start(m_dir.filePath(u"later"_s), worldFlags(u"2026-12-05"_s, u"2026-10-01"_s) + kOutages));
        const CliRun relisted = sync(later, db, u"2026-12-05"_s, {u"--relist"_s});
        QVERIFY2(relisted.exitCode == 0, relisted.err.constData());
        const CliRun closed = coverage(
            db, u"2026-12-05"_s, {u"--from"_s, u"2026-10-01"_s, u"--to"_s, u"2026-12-03"_s, u"--json"_s});
        QVERIFY2(closed.exitCode == 0, closed.out.constData());
        QCOMPARE(datesIn(statesOf(closed), u"loaded"_s), days(u"2026-10-01"_s, u"2026-12-03"_s));
    }

    void postgresqlKnowsTheSameGaps()
    {
        const TestPostgres pg;
        QVERIFY2(pg.ok(), "No PostgreSQL server: run through tests/run-all.sh (ASCSYNC_TEST_PG_*).");
        const QString database = u"ascsync_coverage_%1"_s.arg(QCoreApplication::applicationPid());
        pg.exec(u"DROP DATABASE IF EXISTS %1"_s.arg(database));
        QVERIFY(pg.exec(u"CREATE DATABASE %1"_s.arg(database)));
        SandboxProcess sandbox;
        QVERIFY(
            sandbox.start(m_dir.filePath(u"pg"_s), worldFlags(u"2026-11-20"_s, u"2026-10-01"_s) + kOutages));
        const CliRun synced = sync(sandbox, pg.url(database), u"2026-11-20"_s, {}, pg.environment());
        QVERIFY2(synced.exitCode == 0, synced.err.constData());
        checkGapStates(coverage(pg.url(database), u"2026-11-20"_s,
                                {u"--from"_s, u"2026-09-28"_s, u"--to"_s, u"2026-11-22"_s, u"--json"_s},
                                pg.environment()));
        pg.exec(u"DROP DATABASE IF EXISTS %1"_s.arg(database));
    }

    void salesDaysAreLoadedEmptyNotPublishedOrDeleted()
    {
        SandboxProcess sandbox;
        QVERIFY(sandbox.start(m_dir.filePath(u"sales"_s), worldFlags(u"2026-11-20"_s, u"2026-10-01"_s)));
        const QString db = m_dir.filePath(u"sales.db"_s);
        const CliRun synced = runAscsync(
            QStringList{u"sync"_s, u"--config"_s, m_dir.filePath(u"ascsync.conf"_s), u"--destination"_s,
                        destination(db), u"--streams"_s, u"sales:SALES/SUMMARY/DAILY"_s, u"--vendor-number"_s,
                        sandbox.vendorNumber(), u"--as-of"_s, u"2026-11-20T12:00:00Z"_s} +
            sandbox.keyArguments(u"reader"_s));
        QVERIFY2(synced.exitCode == 0, synced.err.constData());
        const CliRun json = coverage(db, u"2026-11-20"_s,
                                     {u"--report"_s, u"SALES/SUMMARY/DAILY"_s, u"--from"_s, u"2025-11-15"_s,
                                      u"--to"_s, u"2026-11-21"_s, u"--json"_s});
        QVERIFY2(json.exitCode == 0, json.out.constData());
        const QJsonArray series = QJsonDocument::fromJson(json.out).object().value(u"series"_s).toArray();
        QCOMPARE(series.size(), 1);
        QCOMPARE(series[0][u"table"_s].toString(), u"sales_summary"_s);
        QMap<QString, QString> states;
        for (const QJsonValue &day : series[0][u"days"_s].toArray())
            states.insert(day[u"date"_s].toString(), day[u"state"_s].toString());
        // Older than the year Apple keeps: never loaded.
        for (const QString &date : days(u"2025-11-15"_s, u"2025-11-20"_s))
            QCOMPARE(states.value(date), u"deleted-before-loaded"_s);
        // Before the simulated history Apple answers "no sales": known empty, not missing.
        for (const QString &date : days(u"2025-12-01"_s, u"2026-09-30"_s))
            QCOMPARE(states.value(date), u"no-data"_s);
        int loaded = 0;
        for (const QString &date : days(u"2026-10-01"_s, u"2026-11-18"_s)) {
            QVERIFY2(states.value(date) == u"loaded"_s || states.value(date) == u"no-data"_s,
                     qPrintable(date));
            loaded += states.value(date) == u"loaded"_s ? 1 : 0;
        }
        QVERIFY(loaded >= 30);
        // 2026-11-19's file comes out at about 8 a.m. Pacific on 11-20, after this noon UTC.
        for (const QString &date : days(u"2026-11-19"_s, u"2026-11-21"_s))
            QCOMPARE(states.value(date), u"not-published"_s);
    }

    void aPauseLongerThanRetentionLeavesDeletedDaysNotMissingOnes()
    {
        // Synced on 2026-10-01, then not until 2026-11-20: Apple deleted the instances processed from 10-02
        // to 10-16 in between. Nothing was skipped, so nothing is missing: those days are deleted before
        // loaded.
        const QString state = m_dir.filePath(u"pause"_s);
        const QString db = m_dir.filePath(u"pause.db"_s);
        {
            SandboxProcess before;
            QVERIFY(before.start(state, worldFlags(u"2026-10-01"_s, u"2026-09-01"_s)));
            const CliRun synced = sync(before, db, u"2026-10-01"_s);
            QVERIFY2(synced.exitCode == 0, synced.err.constData());
        }
        SandboxProcess after;
        QVERIFY(after.start(state, worldFlags(u"2026-11-20"_s, u"2026-09-01"_s)));
        const CliRun synced = sync(after, db, u"2026-11-20"_s);
        QVERIFY2(synced.exitCode == 0, synced.err.constData());
        const CliRun json = coverage(db, u"2026-11-20"_s,
                                     {u"--from"_s, u"2026-09-01"_s, u"--to"_s, u"2026-11-19"_s, u"--json"_s});
        QVERIFY2(json.exitCode == 0, json.out.constData()); // no missing day
        const QMap<QString, QString> states = statesOf(json);
        QCOMPARE(states.size(), days(u"2026-09-01"_s, u"2026-11-19"_s).size());
        for (const QString &date : days(u"2026-09-01"_s, u"2026-09-30"_s))
            QCOMPARE(states.value(date), u"loaded"_s);
        // Instance 10-02 (holding 09-30 and 10-01) is the first one deleted unseen. Late corrections of
        // 10-01..10-07 may arrive in instances kept on 11-20 (at most 9 days after the date).
        for (const QString &date : days(u"2026-10-01"_s, u"2026-10-14"_s))
            QVERIFY2(QStringList({u"deleted-before-loaded"_s, u"loaded"_s}).contains(states.value(date)),
                     qPrintable(date + u" "_s + states.value(date)));
        QVERIFY(datesIn(states, u"deleted-before-loaded"_s).size() >= 5);
        for (const QString &date : days(u"2026-10-15"_s, u"2026-11-19"_s))
            QCOMPARE(states.value(date), u"loaded"_s);
    }

    void datesOlderThanRetentionAreDeletedBeforeLoaded()
    {
        // The simulator's state (its requests and snapshot) is made on 2026-10-01; nobody syncs until
        // 2026-11-20, when Apple keeps instances processed from 2026-10-17 on only.
        const QString state = m_dir.filePath(u"retention"_s);
        {
            SandboxProcess first;
            QVERIFY(first.start(state, worldFlags(u"2026-10-01"_s, u"2026-09-01"_s)));
        }
        SandboxProcess sandbox;
        QVERIFY(sandbox.start(state, worldFlags(u"2026-11-20"_s, u"2026-09-01"_s)));
        const QString db = m_dir.filePath(u"retention.db"_s);
        const CliRun synced = sync(sandbox, db, u"2026-11-20"_s);
        QVERIFY2(synced.exitCode == 0, synced.err.constData());
        const CliRun json = coverage(db, u"2026-11-20"_s,
                                     {u"--from"_s, u"2026-09-01"_s, u"--to"_s, u"2026-11-19"_s, u"--json"_s});
        QVERIFY2(json.exitCode == 0, json.out.constData());
        const QMap<QString, QString> states = statesOf(json);
        QCOMPARE(states.size(), days(u"2026-09-01"_s, u"2026-11-19"_s).size());
        // Instance 2026-10-17 is the oldest kept; it holds 2026-10-15 and 10-16 (two-day completeness).
        // Older dates come back only through a late correction, at most 9 days after the date.
        for (const QString &date : days(u"2026-09-01"_s, u"2026-10-07"_s))
            QCOMPARE(states.value(date), u"deleted-before-loaded"_s);
        for (const QString &date : days(u"2026-10-08"_s, u"2026-10-14"_s))
            QVERIFY2(QStringList({u"deleted-before-loaded"_s, u"loaded"_s}).contains(states.value(date)),
                     qPrintable(date));
        for (const QString &date : days(u"2026-10-15"_s, u"2026-11-19"_s))
            QCOMPARE(states.value(date), u"loaded"_s);
    }
};

QTEST_GUILESS_MAIN(TestCoverage)
#include "tst_coverage.moc"
