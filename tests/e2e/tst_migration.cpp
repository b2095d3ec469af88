// A destination written by ascsync 0.1.0 (tests/core/storage/fixtures: made by that version's CLI from the
// simulator, with make-v010-fixture.sh) upgraded in place by this one, on SQLite and PostgreSQL, through the
// real CLI: `ascsync migrate --dry-run` changes nothing; an upgrade stopped half-way (a table in the way)
// leaves every table old or new, says why, and goes on at the next run; afterwards every value of every row
// is where it was, per granularity in its own table, with its instance's metadata once in _ascsync_instances,
// conversion-rate.sql (verbatim) gives the daily rates, and a sync finds everything loaded already.
#include "ascsync/testpaths.h"
#include "tests/testkit/sandboxprocess.h"
#include "tests/testkit/testpostgres.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace {

const QString kFixtures = QStringLiteral(ASCSYNC_SOURCE_DIR "/tests/core/storage/fixtures");
// In the order the upgrade moves them (by name).
const QStringList kAnalyticsTables{u"discovery_and_engagement"_s, u"downloads"_s, u"downloads_detailed"_s};
const QStringList kLegacyColumns{u"_app_id"_s,      u"_granularity"_s, u"_processing_date"_s,
                                 u"_instance_id"_s, u"_access_type"_s, u"_loaded_at"_s};
// The simulated world the fixture was synced from (make-v010-fixture.sh).
const QStringList kWorld{u"--seed"_s,          u"11"_s,         u"--apps"_s,  u"2"_s,
                         u"--history-start"_s, u"2026-11-01"_s, u"--today"_s, u"2026-12-07"_s,
                         u"--traffic-scale"_s, u"0.001"_s};
// The moved analytics tables only: the simulator's sales and finance files changed since 0.1.0 (issue 15's
// placeholders and adjustments), so a sync rightly replaces those; their tables are not part of the move.
const QStringList kAnalyticsStreams{u"--granularities"_s, u"DAILY,WEEKLY,MONTHLY"_s, u"--streams"_s,
                                    u"analytics:downloads,analytics:downloads_detailed,analytics:discovery_"
                                    u"and_engagement"_s};

// One QtSql connection to the destination, read directly (never through ascsync). SQLite files are attached
// as apple_app_store, as ascsync does, so the same SQL (conversion-rate.sql verbatim) runs on both back-ends.
class Db {
public:
    explicit Db(bool sqlite)
        : m_name(QUuid::createUuid().toString())
        , m_sqlite(sqlite)
    {
        m_db = QSqlDatabase::addDatabase(sqlite ? u"QSQLITE"_s : u"QPSQL"_s, m_name);
    }
    ~Db()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    bool openSqlite(const QString &path)
    {
        m_db.setDatabaseName(u":memory:"_s);
        return m_db.open() && exec(u"ATTACH DATABASE '%1' AS apple_app_store"_s.arg(path));
    }
    bool openPostgres(const QString &database)
    {
        m_db.setHostName(qEnvironmentVariable("ASCSYNC_TEST_PG_HOST"));
        m_db.setPort(qEnvironmentVariable("ASCSYNC_TEST_PG_PORT").toInt());
        m_db.setUserName(qEnvironmentVariable("ASCSYNC_TEST_PG_USER"));
        m_db.setPassword(qEnvironmentVariable("ASCSYNC_TEST_PG_PASSWORD"));
        m_db.setDatabaseName(database);
        return m_db.open();
    }
    bool exec(const QString &sql)
    {
        QSqlQuery query(m_db);
        if (query.exec(sql))
            return true;
        qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
        return false;
    }
    static QString table(const QString &name) { return u"apple_app_store.\""_s + name + u'"'; }

    QStringList values(const QString &sql)
    {
        QSqlQuery query(m_db);
        if (!query.exec(sql))
            return {u"error: "_s + query.lastError().text()};
        QStringList result;
        while (query.next())
            result << (query.value(0).isNull() ? u"<NULL>"_s : query.value(0).toString());
        return result;
    }
    QStringList columns(const QString &name)
    {
        return values(
            m_sqlite ? u"SELECT name FROM pragma_table_info('%1', 'apple_app_store') ORDER BY cid"_s.arg(name)
                     : u"SELECT column_name FROM information_schema.columns WHERE table_schema = "
                       u"'apple_app_store' AND table_name = '%1' ORDER BY ordinal_position"_s.arg(name));
    }
    // "rows:sha256" of a query's rows, in the query's order.
    QByteArray digest(const QString &sql)
    {
        QSqlQuery query(m_db);
        if (!query.exec(sql))
            return query.lastError().text().toUtf8();
        QCryptographicHash hash(QCryptographicHash::Sha256);
        qint64 rows = 0;
        while (query.next()) {
            ++rows;
            for (int i = 0; i < query.record().count(); ++i)
                hash.addData(query.value(i).toString().toUtf8().append('\t'));
            hash.addData("\n");
        }
        return QByteArray::number(rows) + ':' + hash.result().toHex();
    }
    // The same over `select` (a column list) from `from`, sorted.
    QByteArray fingerprint(const QString &select, const QString &from)
    {
        return digest(u"SELECT %1 FROM %2 ORDER BY %1"_s.arg(select, from));
    }

private:
    QString m_name;
    bool m_sqlite;
    QSqlDatabase m_db;
};

// Apple's columns of a table, quoted and prefixed with `t.`, in table order.
QStringList appleColumns(Db &db, const QString &table)
{
    QStringList result;
    for (const QString &column : db.columns(table)) {
        if (!kLegacyColumns.contains(column) && column != u"_instance"_s)
            result << u"t.\""_s + column + u'"';
    }
    return result;
}

// Every column of every sales row: the upgrade leaves sales tables alone.
QByteArray salesFingerprint(Db &db)
{
    QStringList columns;
    for (const QString &column : db.columns(u"sales_summary"_s))
        columns << u'"' + column + u'"';
    return columns.size() > 20 ? db.fingerprint(columns.join(u", "_s), db.table(u"sales_summary"_s))
                               : QByteArray();
}

// Per analytics table and granularity: the rows' Apple values and the Apple id of their instance, in the
// 0.1.0 layout (one table, _granularity and _instance_id on every row).
QMap<QString, QByteArray> legacyFingerprints(Db &db)
{
    QMap<QString, QByteArray> prints;
    for (const QString &table : kAnalyticsTables) {
        for (const QString &granularity :
             db.values(u"SELECT DISTINCT _granularity FROM %1"_s.arg(db.table(table)))) {
            const QString select = (appleColumns(db, table) << u"t._instance_id"_s).join(u", "_s);
            prints.insert(table + u'/' + granularity,
                          db.fingerprint(select, u"%1 t WHERE t._granularity = '%2'"_s.arg(db.table(table),
                                                                                           granularity)));
        }
    }
    return prints;
}

// The same in the current layout (for the same table/granularity keys): a table per granularity, the
// instance id through _ascsync_instances.
QMap<QString, QByteArray> currentFingerprints(Db &db, const QList<QString> &keys)
{
    QMap<QString, QByteArray> prints;
    for (const QString &key : keys) {
        const QString table = key.section(u'/', 0, 0);
        const QString granularity = key.section(u'/', 1);
        const QString target = granularity == u"DAILY"_s ? table : table + u'_' + granularity.toLower();
        const QString select = (appleColumns(db, target)
                                << u"(SELECT instance_id FROM %1 i WHERE i.instance_key = t._instance)"_s.arg(
                                       db.table(u"_ascsync_instances"_s)))
                                   .join(u", "_s);
        prints.insert(key, db.fingerprint(select, db.table(target) + u" t"_s));
    }
    return prints;
}

QString verbatimConversionQuery()
{
    QFile file(sharedDir() + u"/reference/conversion-rate.sql"_s);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// conversion-rate.sql as 0.1.0's tables would have to be queried for daily rates: its two tables replaced by
// their daily rows.
QString dailyConversionQuery()
{
    QString sql = verbatimConversionQuery();
    for (const QString &table : kAnalyticsTables) {
        sql.replace(u"apple_app_store.%1\n"_s.arg(table),
                    u"(SELECT * FROM apple_app_store.%1 WHERE _granularity = 'DAILY') daily\n"_s.arg(table));
    }
    return sql;
}

bool gunzip(const QString &from, const QString &to)
{
    QProcess gzip;
    gzip.setStandardOutputFile(to);
    gzip.start(u"gzip"_s, {u"-dc"_s, from});
    return gzip.waitForFinished(60000) && gzip.exitStatus() == QProcess::NormalExit && gzip.exitCode() == 0;
}

QByteArray fileDigest(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
}

CliRun ascsync(const QStringList &arguments, const QString &destination, const QStringList &environment = {})
{
    return runAscsync(arguments + QStringList{u"--destination"_s, destination}, environment);
}

} // namespace

class TestMigration : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    // A fresh copy of the 0.1.0 SQLite fixture.
    QString sqliteCopy(const QString &name)
    {
        const QString path = m_dir.filePath(name);
        return gunzip(kFixtures + u"/v010.db.gz"_s, path) ? path : QString();
    }

    // Everything the upgrade must keep, read from the destination before it runs.
    struct Before {
        QMap<QString, QByteArray> analytics;
        QByteArray sales;
        QString loads;
        QByteArray dailyRates;
    };

    void checkUpgraded(Db &db, const Before &before, const QString &destination,
                       const QStringList &environment)
    {
        QCOMPARE(currentFingerprints(db, before.analytics.keys()), before.analytics);
        QCOMPARE(salesFingerprint(db), before.sales);
        QCOMPARE(db.values(u"SELECT count(*) FROM %1"_s.arg(db.table(u"_ascsync_loads"_s))).join(u','),
                 before.loads);
        QCOMPARE(db.values(u"SELECT value FROM %1 WHERE key = 'schema_version'"_s.arg(
                     db.table(u"_ascsync_meta"_s))),
                 QStringList{u"3"_s}); // 0.1.0 refuses any version above 2
        QCOMPARE(db.values(u"SELECT count(*) FROM %1 WHERE key = 'pending_migration'"_s.arg(
                     db.table(u"_ascsync_meta"_s))),
                 QStringList{u"0"_s});
        for (const QString &table : kAnalyticsTables) {
            for (const QString &column : kLegacyColumns)
                QVERIFY2(!db.columns(table).contains(column), qPrintable(table + u'.' + column));
        }
        // Every day of a table is held by exactly one instance per app.
        QCOMPARE(
            db.values(u"SELECT count(*) FROM (SELECT i.app_id, i.table_name, d.day FROM %1 d JOIN %2 i ON "
                      u"i.instance_key = d.instance_key GROUP BY 1, 2, 3 HAVING count(*) > 1) x"_s.arg(
                          db.table(u"_ascsync_instance_days"_s), db.table(u"_ascsync_instances"_s))),
            QStringList{u"0"_s});
        QCOMPARE(db.digest(verbatimConversionQuery()), before.dailyRates);
        const CliRun rates =
            ascsync({u"query"_s, u"--file"_s, sharedDir() + u"/reference/conversion-rate.sql"_s}, destination,
                    environment);
        QVERIFY2(rates.exitCode == 0, rates.err.constData());
        QCOMPARE(QByteArray::number(rates.out.count('\n') - 1), before.dailyRates.split(':').first());
        const CliRun again = ascsync({u"migrate"_s, u"--dry-run"_s}, destination, environment);
        QVERIFY2(again.out.contains("nothing to migrate"), again.out.constData());
    }

    Before readBefore(Db &db)
    {
        Before before;
        before.analytics = legacyFingerprints(db);
        before.sales = salesFingerprint(db);
        // (The fixture's finance files had no rows, so it has no finance table: sales stands for both.)
        before.loads = db.values(u"SELECT count(*) FROM %1"_s.arg(db.table(u"_ascsync_loads"_s))).join(u',');
        before.dailyRates = db.digest(dailyConversionQuery());
        return before;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFile::exists(kFixtures + u"/v010.db.gz"_s), "the 0.1.0 fixture is missing");
    }

    void dryRunChangesNothing()
    {
        const QString path = sqliteCopy(u"dry.db"_s);
        const QByteArray digest = fileDigest(path);
        const CliRun dry = ascsync({u"migrate"_s, u"--dry-run"_s}, u"sqlite:"_s + path);
        QVERIFY2(dry.exitCode == 0, dry.err.constData());
        for (const char *expected :
             {"layout of ascsync 0.1.0", "downloads_detailed_weekly", "downloads_detailed_monthly",
              "discovery_and_engagement_weekly", "_ascsync_instances"})
            QVERIFY2(dry.out.contains(expected), dry.out.constData());
        QCOMPARE(fileDigest(path), digest);
        // Nor does it create a file that is not there.
        const QString missing = m_dir.filePath(u"missing.db"_s);
        const CliRun none = ascsync({u"migrate"_s, u"--dry-run"_s}, u"sqlite:"_s + missing);
        QCOMPARE(none.exitCode, 0);
        QVERIFY(!QFile::exists(missing));
    }

    void sqliteUpgradeKeepsEveryValueAndResumes()
    {
        const QString path = sqliteCopy(u"upgrade.db"_s);
        Db db(true);
        QVERIFY(db.openSqlite(path));
        const Before before = readBefore(db);
        for (const QString &key :
             {u"discovery_and_engagement/WEEKLY"_s, u"discovery_and_engagement/MONTHLY"_s,
              u"downloads_detailed/WEEKLY"_s, u"downloads/DAILY"_s})
            QVERIFY2(before.analytics.contains(key), qPrintable(key));
        QVERIFY(!before.dailyRates.startsWith("0:"));
        // A table in the way stops the upgrade at downloads_detailed, after the two tables before it moved.
        QVERIFY(db.exec(u"CREATE TABLE apple_app_store.downloads_detailed_weekly (x TEXT)"_s));
        const CliRun blocked = ascsync({u"migrate"_s}, u"sqlite:"_s + path);
        QCOMPARE(blocked.exitCode, 1);
        QVERIFY2(blocked.err.contains("downloads_detailed_weekly") &&
                     blocked.err.contains("exists already") &&
                     blocked.err.contains("goes on with the others"),
                 blocked.err.constData());
        QVERIFY(db.columns(u"discovery_and_engagement"_s).contains(u"_instance"_s));
        QVERIFY(db.columns(u"downloads"_s).contains(u"_instance"_s));
        QVERIFY(db.columns(u"downloads_detailed"_s).contains(u"_instance_id"_s));
        QCOMPARE(db.values(u"SELECT value FROM apple_app_store._ascsync_meta WHERE key = 'schema_version'"_s),
                 QStringList{u"3"_s});
        // Out of the way, the next run of any command finishes it.
        QVERIFY(db.exec(u"DROP TABLE apple_app_store.downloads_detailed_weekly"_s));
        const CliRun upgraded = ascsync({u"migrate"_s}, u"sqlite:"_s + path);
        QVERIFY2(upgraded.exitCode == 0, upgraded.err.constData());
        QVERIFY2(upgraded.err.contains("Migrating"), upgraded.err.constData());
        checkUpgraded(db, before, u"sqlite:"_s + path, {});
    }

    void oldMissingValuePlaceholdersBecomeNull()
    {
        // 0.1.0 kept Apple's missing-value placeholder (one space) as text; the upgrade makes it NULL in
        // analytics and sales tables alike, and leaves other text (two spaces) as it is.
        const QString path = sqliteCopy(u"placeholders.db"_s);
        Db db(true);
        QVERIFY(db.openSqlite(path));
        QVERIFY(db.exec(u"UPDATE apple_app_store.sales_summary SET promo_code = ' ' WHERE rowid <= 3"_s));
        QVERIFY(db.exec(u"UPDATE apple_app_store.sales_summary SET promo_code = '  ' WHERE rowid = 4"_s));
        const QStringList daily =
            db.values(u"SELECT count(*) FROM apple_app_store.downloads WHERE page_type = "
                      u"'Store sheet' AND _granularity = 'DAILY'"_s);
        QVERIFY(daily.value(0).toInt() > 0);
        QVERIFY(db.exec(
            u"UPDATE apple_app_store.downloads SET page_type = ' ' WHERE page_type = 'Store sheet'"_s));
        const CliRun upgraded = ascsync({u"migrate"_s}, u"sqlite:"_s + path);
        QVERIFY2(upgraded.exitCode == 0, upgraded.err.constData());
        QVERIFY2(upgraded.err.contains("sales_summary\": 3 placeholders now NULL"), upgraded.err.constData());
        QCOMPARE(db.values(u"SELECT count(*) FROM apple_app_store.sales_summary WHERE promo_code = ' '"_s),
                 QStringList{u"0"_s});
        QCOMPARE(db.values(u"SELECT count(*) FROM apple_app_store.sales_summary WHERE promo_code = '  '"_s),
                 QStringList{u"1"_s});
        QCOMPARE(db.values(u"SELECT count(*) FROM apple_app_store.downloads WHERE page_type = ' '"_s),
                 QStringList{u"0"_s});
        QCOMPARE(db.values(u"SELECT count(*) FROM apple_app_store.downloads WHERE page_type IS NULL"_s),
                 daily); // weekly and monthly rows, if any, moved to tables of their own
    }

    void syncAfterUpgradeFindsEverythingLoaded()
    {
        const QString path = sqliteCopy(u"resync.db"_s);
        SandboxProcess sandbox;
        QVERIFY(sandbox.start(m_dir.filePath(u"world"_s), kWorld));
        const CliRun sync = runAscsync(QStringList{u"sync"_s, u"--config"_s, path + u".conf"_s,
                                                   u"--destination"_s, u"sqlite:"_s + path, u"--json"_s,
                                                   u"--vendor-number"_s, sandbox.vendorNumber()} +
                                       sandbox.keyArguments(u"reader"_s) + kAnalyticsStreams);
        QVERIFY2(sync.exitCode == 0, sync.err.constData());
        const QJsonObject summary = QJsonDocument::fromJson(sync.out).object();
        QVERIFY2(summary.value(u"unitsLoaded"_s).toInt() == 0, sync.err.constData());
        QVERIFY(summary.value(u"unitsUpToDate"_s).toInt() > 0);
    }

    void newerDestinationIsRefused()
    {
        const QString path = sqliteCopy(u"newer.db"_s);
        {
            Db db(true);
            QVERIFY(db.openSqlite(path));
            QVERIFY(db.exec(
                u"UPDATE apple_app_store._ascsync_meta SET value = '99' WHERE key = 'schema_version'"_s));
        }
        const QByteArray digest = fileDigest(path);
        for (const QStringList &command : {QStringList{u"query"_s, u"SELECT 1"_s}, QStringList{u"migrate"_s},
                                           QStringList{u"migrate"_s, u"--dry-run"_s}}) {
            const CliRun run = ascsync(command, u"sqlite:"_s + path);
            QCOMPARE(run.exitCode, 1);
            QVERIFY2(run.err.contains("newer ascsync") && run.err.contains("upgrade ascsync"),
                     run.err.constData());
        }
        QCOMPARE(fileDigest(path), digest);
    }

    void postgresUpgradeKeepsEveryValue()
    {
        const TestPostgres pg;
        QVERIFY2(pg.ok(), "No PostgreSQL server: run through tests/run-all.sh (ASCSYNC_TEST_PG_*).");
        const QString database = u"ascsync_migration_%1"_s.arg(QCoreApplication::applicationPid());
        pg.exec(u"DROP DATABASE IF EXISTS %1"_s.arg(database));
        QVERIFY(pg.exec(u"CREATE DATABASE %1"_s.arg(database)));
        QProcess psql;
        psql.setProcessEnvironment([&] {
            QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
            environment.insert(u"PGPASSWORD"_s, pg.environment().first().section(u'=', 1));
            return environment;
        }());
        const QString dump = m_dir.filePath(u"v010-pg.sql"_s);
        QVERIFY(gunzip(kFixtures + u"/v010-pg.sql.gz"_s, dump));
        psql.start(u"psql"_s,
                   {u"-q"_s, u"-X"_s, u"-v"_s, u"ON_ERROR_STOP=1"_s, u"-f"_s, dump, pg.url(database)});
        QVERIFY(psql.waitForFinished(120000));
        QVERIFY2(psql.exitCode() == 0, psql.readAllStandardError().constData());
        const QString destination = pg.url(database);
        {
            Db db(false);
            QVERIFY(db.openPostgres(database));
            const Before before = readBefore(db);
            QVERIFY(!before.dailyRates.startsWith("0:"));
            const CliRun dry = ascsync({u"migrate"_s, u"--dry-run"_s}, destination, pg.environment());
            QVERIFY2(dry.exitCode == 0 && dry.out.contains("discovery_and_engagement_weekly"),
                     dry.err.constData());
            QCOMPARE(
                db.values(u"SELECT value FROM apple_app_store._ascsync_meta WHERE key = 'schema_version'"_s),
                QStringList{u"2"_s});
            const CliRun upgraded = ascsync({u"migrate"_s}, destination, pg.environment());
            QVERIFY2(upgraded.exitCode == 0, upgraded.err.constData());
            checkUpgraded(db, before, destination, pg.environment());
        }
        pg.exec(u"DROP DATABASE IF EXISTS %1"_s.arg(database));
    }
};

QTEST_GUILESS_MAIN(TestMigration)
#include "tst_migration.moc"
