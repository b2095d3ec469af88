#include "durabilitysuite.h"

#include "storagetesthelpers.h"

#include "core/storage/sqlidentifier.h"

#include <QJsonObject>
#include <QSysInfo>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using namespace ascsync;
using namespace ascsync::storage;
using namespace storagetest;

namespace {

// The metadata layout of version 1, written out by hand as an older ascsync left it.
QStringList version1Layout(const DestinationSpec &spec, bool postgres, const QString &version = u"1"_s)
{
    const QString meta = qualifiedName(spec.schema(), u"_ascsync_meta"_s);
    const QString loads = qualifiedName(spec.schema(), u"_ascsync_loads"_s);
    const QString timestamp = postgres ? u"timestamptz"_s : u"TEXT"_s;
    return {
        u"CREATE TABLE %1 (key TEXT PRIMARY KEY, value TEXT NOT NULL)"_s.arg(meta),
        u"INSERT INTO %1 (key, value) VALUES ('schema_version', '%2'), ('created_by', 'ascsync 0.0.9')"_s.arg(
            meta, version),
        u"CREATE TABLE %1 (stream TEXT NOT NULL, unit_key TEXT NOT NULL, checksum TEXT, row_count %2 NOT "
        u"NULL, "
        "loaded_at %3 NOT NULL, PRIMARY KEY (stream, unit_key))"_s.arg(
            loads, postgres ? u"bigint"_s : u"INTEGER"_s, timestamp),
        u"INSERT INTO %1 VALUES ('analytics/downloads', 'instance-1', 'abc123', 42, '2024-12-01T10:00:00.000Z')"_s
            .arg(loads),
        u"CREATE TABLE %1 (date TEXT, counts REAL)"_s.arg(qualifiedName(spec.schema(), u"downloads"_s)),
        u"INSERT INTO %1 VALUES ('2024-12-01', 4.5)"_s.arg(qualifiedName(spec.schema(), u"downloads"_s)),
    };
}

} // namespace

DurabilitySuite::DurabilitySuite(StorageTestBackend &backend, QObject *parent)
    : QObject(parent)
    , m_backend(backend)
{}

void DurabilitySuite::runHistory()
{
    OPEN_DESTINATION(destination, m_backend.freshSpec(u"runs"_s));
    const QDateTime t1(QDate(2025, 3, 1), QTime(6, 0, 0, 1), Qt::UTC);
    VERIFY_OK(destination.startRun(u"run-1"_s, t1));
    VERIFY_OK(destination.startRun(u"run-2"_s, t1.addSecs(3600)));
    VERIFY_OK(destination.finishRun(u"run-1"_s, t1.addSecs(90), u"succeeded"_s, QJsonObject{{u"rows"_s, 5}}));

    const Result<QList<RunRecord>> runs = destination.recentRuns(10);
    VERIFY_OK(runs);
    QCOMPARE(runs->size(), 2);
    QCOMPARE(runs->at(0).runId, u"run-2"_s);
    QVERIFY(!runs->at(0).finishedAt.isValid());
    QVERIFY(runs->at(0).outcome.isEmpty());
    QCOMPARE(runs->at(1).runId, u"run-1"_s);
    QCOMPARE(runs->at(1).startedAt, t1);
    QCOMPARE(runs->at(1).finishedAt, t1.addSecs(90));
    QCOMPARE(runs->at(1).outcome, u"succeeded"_s);
    QCOMPARE(runs->at(1).summary.value(u"rows"_s).toInt(), 5);
    QCOMPARE(destination.recentRuns(1)->size(), 1);

    const Status unknown = destination.finishRun(u"run-x"_s, t1, u"failed"_s, {});
    QVERIFY(!unknown);
    QVERIFY(unknown.errorMessage().contains(u"run-x"_s));
    QVERIFY(!destination.startRun(u"run-1"_s, t1)); // run ids are unique
}

void DurabilitySuite::metadataMigratesFromVersion1()
{
    const DestinationSpec spec = m_backend.freshSpec(u"migrate"_s);
    VERIFY_OK(m_backend.execDirect(spec, version1Layout(spec, m_backend.isPostgres())));

    OPEN_DESTINATION(destination, spec);
    QCOMPARE(destination.metadataVersion().value(), 3);
    const Result<std::optional<LoadRecord>> old =
        destination.findLoad(u"analytics/downloads"_s, u"instance-1"_s);
    VERIFY_OK(old);
    QVERIFY(old.value().has_value());
    QCOMPARE(old.value()->checksum, u"abc123"_s);
    QCOMPARE(old.value()->rowCount, 42);
    QCOMPARE(old.value()->loadedAt, QDateTime(QDate(2024, 12, 1), QTime(10, 0), Qt::UTC));
    QVERIFY(old.value()->source.isEmpty());
    QVERIFY(old.value()->details.isEmpty());

    // The new columns and tables work, and the user's data is untouched.
    VERIFY_OK(
        destination.recordLoad(LoadRecord{u"analytics/downloads"_s, u"instance-2"_s, u"x"_s, 1, u"file"_s,
                                          QDateTime::currentDateTimeUtc(), QJsonObject{{u"k"_s, u"v"_s}}}));
    QCOMPARE(destination.findLoad(u"analytics/downloads"_s, u"instance-2"_s)
                 .value()
                 ->details.value(u"k"_s)
                 .toString(),
             u"v"_s);
    VERIFY_OK(destination.startRun(u"after-migration"_s, QDateTime::currentDateTimeUtc()));
    QCOMPARE(rowsOf(destination, u"SELECT date, counts FROM %1"_s.arg(destination.qualified(u"downloads"_s))),
             (QList<QStringList>{{u"2024-12-01"_s, u"4.5"_s}}));
    QCOMPARE(rowsOf(destination,
                    u"SELECT value FROM %1 WHERE key IN ('schema_version', 'created_by') ORDER BY key"_s.arg(
                        destination.qualified(u"_ascsync_meta"_s))),
             (QList<QStringList>{{u"ascsync 0.0.9"_s}, {u"3"_s}}));
    QCOMPARE(rowsOf(destination, u"SELECT count(*) FROM %1 WHERE key = 'migrated_at'"_s.arg(
                                     destination.qualified(u"_ascsync_meta"_s))),
             (QList<QStringList>{{u"1"_s}}));
}

void DurabilitySuite::failedMigrationKeepsOldLayout()
{
    const DestinationSpec spec = m_backend.freshSpec(u"badmigration"_s);
    // Someone created a table with the name version 2 needs: the migration fails half-way.
    QStringList layout = version1Layout(spec, m_backend.isPostgres());
    layout << u"CREATE TABLE %1 (whatever TEXT)"_s.arg(qualifiedName(spec.schema(), u"_ascsync_runs"_s));
    VERIFY_OK(m_backend.execDirect(spec, layout));

    const Result<std::unique_ptr<Destination>> opened = m_backend.open(spec);
    QVERIFY(!opened);
    QVERIFY2(opened.errorMessage().contains(u"version 2"_s), qPrintable(opened.errorMessage()));

    // Its first steps (new columns of _ascsync_loads) were rolled back with it.
    const QString columnsSql =
        m_backend.isPostgres()
            ? u"SELECT column_name FROM information_schema.columns WHERE table_schema = '%1' AND table_name "
              u"= "
              "'_ascsync_loads' ORDER BY ordinal_position"_s.arg(spec.schema())
            : u"SELECT name FROM pragma_table_info('_ascsync_loads', '%1') ORDER BY cid"_s.arg(spec.schema());
    const Result<QList<QStringList>> columns = m_backend.queryDirect(spec, {columnsSql});
    VERIFY_OK(columns);
    QCOMPARE(columns.value(),
             (QList<QStringList>{
                 {u"stream"_s}, {u"unit_key"_s}, {u"checksum"_s}, {u"row_count"_s}, {u"loaded_at"_s}}));
    const Result<QList<QStringList>> version =
        m_backend.queryDirect(spec, {u"SELECT value FROM %1 WHERE key = 'schema_version'"_s.arg(
                                        qualifiedName(spec.schema(), u"_ascsync_meta"_s))});
    VERIFY_OK(version);
    QCOMPARE(version.value(), (QList<QStringList>{{u"1"_s}}));
}

void DurabilitySuite::newerMetadataIsRefused()
{
    const DestinationSpec spec = m_backend.freshSpec(u"newer"_s);
    VERIFY_OK(m_backend.execDirect(spec, version1Layout(spec, m_backend.isPostgres(), u"99"_s)));
    const Result<std::unique_ptr<Destination>> opened = m_backend.open(spec);
    QVERIFY(!opened);
    QCOMPARE(opened.error().code, u"storage.meta.newer"_s);
    QVERIFY2(opened.errorMessage().contains(u"upgrade ascsync"_s), qPrintable(opened.errorMessage()));
}

void DurabilitySuite::syncLockRefusedWhileHeld()
{
    const DestinationSpec spec = m_backend.freshSpec(u"lock"_s);
    OPEN_DESTINATION(destination, spec);

    ChildProcess holder(u"lock"_s, spec);
    QString why;
    QVERIFY2(holder.waitForLine("locked", &why), qPrintable(why));

    const Result<std::unique_ptr<SyncLock>> refused = destination.acquireSyncLock();
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, u"storage.lock.held"_s);
    const QString message = refused.errorMessage();
    QVERIFY2(message.contains(u"process %1"_s.arg(holder.pid())), qPrintable(message));
    QVERIFY2(message.contains(QSysInfo::machineHostName()), qPrintable(message));
    QVERIFY2(message.contains(u"Wait for it to finish"_s), qPrintable(message));

    // Released cleanly by its holder: free, and not a takeover.
    QCOMPARE(holder.closeAndFinish(), 0);
    const Result<std::unique_ptr<SyncLock>> lock = acquireOnceFree(destination);
    VERIFY_OK(lock);
    QVERIFY(!lock.value()->takenOverFrom().has_value());
    QCOMPARE(lock.value()->holder().pid, QCoreApplication::applicationPid());

    // Exclusive within one process too (a second Destination on the same place).
    OPEN_DESTINATION(second, spec);
    const Result<std::unique_ptr<SyncLock>> again = second.acquireSyncLock();
    QVERIFY(!again);
    QCOMPARE(again.error().code, u"storage.lock.held"_s);
}

void DurabilitySuite::staleSyncLockTakenOver()
{
    const DestinationSpec spec = m_backend.freshSpec(u"stale"_s);
    OPEN_DESTINATION(destination, spec);
    qint64 childPid = 0;
    {
        ChildProcess holder(u"lock"_s, spec);
        QString why;
        QVERIFY2(holder.waitForLine("locked", &why), qPrintable(why));
        childPid = holder.pid();
        holder.kill();
    }
    const Result<std::unique_ptr<SyncLock>> lock = acquireOnceFree(destination);
    VERIFY_OK(lock);
    QVERIFY(lock.value()->takenOverFrom().has_value());
    QCOMPARE(lock.value()->takenOverFrom()->pid, childPid);
    QCOMPARE(lock.value()->takenOverFrom()->host, QSysInfo::machineHostName());
}

void DurabilitySuite::killedMidLoadLeavesDestinationAsBefore()
{
    const DestinationSpec spec = m_backend.freshSpec(u"killed"_s);
    OPEN_DESTINATION(destination, spec);
    QList<QStringList> base;
    for (int i = 0; i < 100; ++i)
        base << QStringList{u"base"_s, QString::number(i), u"kept"_s};
    VERIFY_OK(createAndLoad(destination, u"events"_s, eventColumns(), base));
    VERIFY_OK(destination.recordLoad(LoadRecord{u"events"_s, u"base"_s, u"b"_s, 100, {}, {}, {}}));

    qint64 childPid = 0;
    {
        ChildProcess loader(u"load"_s, spec, {u"200000"_s});
        QString why;
        QVERIFY2(loader.waitForLine("loading", &why), qPrintable(why));
        childPid = loader.pid();
        loader.kill();
    }

    // As before the load: same columns, same rows, same load records -- and the lock is free again.
    const Result<std::unique_ptr<SyncLock>> lock = acquireOnceFree(destination);
    VERIFY_OK(lock);
    QCOMPARE(lock.value()->takenOverFrom()->pid, childPid);
    QCOMPARE(describeColumns(destination, u"events"_s),
             (QStringList{u"batch:text"_s, u"n:integer"_s, u"payload:text"_s}));
    QCOMPARE(rowsOf(destination, u"SELECT batch, count(*) FROM %1 GROUP BY batch"_s.arg(
                                     destination.qualified(u"events"_s))),
             (QList<QStringList>{{u"base"_s, u"100"_s}}));
    const Result<QList<LoadRecord>> records = destination.loads(u"events"_s);
    VERIFY_OK(records);
    QCOMPARE(records->size(), 1);
    QCOMPARE(records->first().unitKey, u"base"_s);
    if (!m_backend.isPostgres()) {
        QCOMPARE(rowsOf(destination, u"PRAGMA %1.integrity_check"_s.arg(quoteIdentifier(spec.schema()))),
                 (QList<QStringList>{{u"ok"_s}}));
    }
    // And the next load works.
    VERIFY_OK(createAndLoad(destination, u"events"_s, eventColumns(), {{u"next"_s, u"1"_s, u"p"_s}}));
}

void DurabilitySuite::interruptStopsARunningStatement()
{
    // The desktop app leaving while a background read runs: the read's statement is stopped from the app's
    // thread and fails, so the read's thread ends.
    const DestinationSpec spec = m_backend.freshSpec(u"interrupt"_s);
    OpenOptions options;
    options.interrupter = std::make_shared<Interrupter>();
    const QString endless =
        m_backend.isPostgres()
            ? u"SELECT pg_sleep(600)"_s
            : u"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"_s;
    std::atomic<bool> running{false};
    std::optional<Result<qint64>> outcome;
    QString openError;
    std::unique_ptr<QThread> reader(QThread::create([&] {
        // Opened, run and closed in this thread: QtSql connections belong to their thread.
        auto destination = Destination::open(spec, m_backend.password(), options);
        if (!destination) {
            openError = destination.errorMessage();
            return;
        }
        running = true;
        outcome = destination.value()->query(
            endless, [](const QStringList &) {}, [](const QList<QString> &) { return true; });
    }));
    reader->start();
    QTRY_VERIFY_WITH_TIMEOUT(running || reader->isFinished(), 60000);
    // As the app does: stop, and again while waiting (the statement may not have started yet).
    while (!reader->wait(100)) {
        options.interrupter->interrupt();
    }
    QVERIFY2(openError.isEmpty(), qPrintable(openError));
    QVERIFY(outcome.has_value());
    QVERIFY2(!outcome->ok(), "the endless statement ended without an error");
}
