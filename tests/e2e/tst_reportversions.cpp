// Sales report versions that follow Apple (issue 18), end to end: a destination synced with SUBSCRIPTION
// 1_3, then the simulator retires 1_3 the way Apple does (a 400 naming the latest version). The real CLI
// follows to 1_4 once, records it, says so, and the table gains the new version's column with the old rows
// intact; the next sync asks for 1_4 directly. A hostile "latest version" is refused without a retry loop.
#include "tests/testkit/sandboxprocess.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace {

const QString kStream = u"sales:SUBSCRIPTION/SUMMARY/DAILY"_s;
const QString kMoved =
    u"Apple moved SUBSCRIPTION SUMMARY DAILY to version 1_4 (was 1_3); using 1_4 from now on."_s;

// Subscription sales from 2026-09-27; "today" 2026-11-21, so the last week is asked again (backfill 7).
QStringList worldFlags()
{
    return {u"--seed"_s,          u"11"_s,         u"--apps"_s,  u"2"_s,
            u"--history-start"_s, u"2026-09-27"_s, u"--today"_s, u"2026-11-21"_s,
            u"--traffic-scale"_s, u"0.2"_s};
}

QString joined(const QJsonValue &array)
{
    QStringList lines;
    for (const QJsonValue &line : array.toArray()) {
        lines << line.toString();
    }
    return lines.join(u'\n');
}

// How many requests of the simulator's requests log asked for `version` of a sales report.
int requestsForVersion(const QString &log, const QString &version)
{
    QFile file(log);
    if (!file.open(QIODevice::ReadOnly)) {
        return 0;
    }
    int count = 0;
    while (!file.atEnd()) {
        const QJsonObject line = QJsonDocument::fromJson(file.readLine()).object();
        if (line.value(u"path"_s).toString() == u"/v1/salesReports"_s &&
            line.value(u"query"_s).toString().contains(u"filter[version]="_s + version)) {
            ++count;
        }
    }
    return count;
}

int salesRequests(const QString &log)
{
    QFile file(log);
    if (!file.open(QIODevice::ReadOnly)) {
        return -1;
    }
    int count = 0;
    while (!file.atEnd()) {
        count += QJsonDocument::fromJson(file.readLine()).object().value(u"path"_s).toString() ==
                         u"/v1/salesReports"_s
                     ? 1
                     : 0;
    }
    return count;
}

struct Target {
    bool postgres = false;
    QString path;   // SQLite
    QString schema; // PostgreSQL

    QStringList arguments() const
    {
        if (!postgres) {
            return {u"--destination"_s, u"sqlite:"_s + path};
        }
        return {u"--destination"_s,
                u"postgresql://%1@%2:%3/%4"_s.arg(qEnvironmentVariable("ASCSYNC_TEST_PG_USER"),
                                                  qEnvironmentVariable("ASCSYNC_TEST_PG_HOST"),
                                                  qEnvironmentVariable("ASCSYNC_TEST_PG_PORT"),
                                                  qEnvironmentVariable("ASCSYNC_TEST_PG_DATABASE")),
                u"--schema"_s, schema};
    }
};

// The first column of every row of `sql` ("$table" names a table of the target); "error: ..." on failure.
QStringList valuesOf(const Target &target, QString sql)
{
    static const QRegularExpression table(u"\\$([a-z_]+)"_s);
    sql.replace(table, target.postgres ? u"\"%1\".\"\\1\""_s.arg(target.schema) : u"\"\\1\""_s);
    QStringList values;
    const QString name = QUuid::createUuid().toString();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(target.postgres ? u"QPSQL"_s : u"QSQLITE"_s, name);
        if (target.postgres) {
            db.setHostName(qEnvironmentVariable("ASCSYNC_TEST_PG_HOST"));
            db.setPort(qEnvironmentVariable("ASCSYNC_TEST_PG_PORT").toInt());
            db.setUserName(qEnvironmentVariable("ASCSYNC_TEST_PG_USER"));
            db.setPassword(qEnvironmentVariable("ASCSYNC_TEST_PG_PASSWORD"));
            db.setDatabaseName(qEnvironmentVariable("ASCSYNC_TEST_PG_DATABASE"));
        } else {
            db.setDatabaseName(target.path);
        }
        if (!db.open()) {
            values << u"error: cannot open"_s;
        } else {
            QSqlQuery query(db);
            if (!sql.isEmpty() && !query.exec(sql)) {
                values << u"error: "_s + query.lastError().text();
            }
            while (query.isActive() && query.next()) {
                values << (query.isNull(0) ? u"<NULL>"_s : query.value(0).toString());
            }
        }
    }
    QSqlDatabase::removeDatabase(name);
    return values;
}

qint64 countOf(const Target &target, const QString &sql)
{
    bool ok = false;
    const qint64 count = valuesOf(target, sql).value(0).toLongLong(&ok);
    return ok ? count : -1;
}

} // namespace

class TestReportVersions : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    SandboxProcess m_before; // Apple's documented versions: SUBSCRIPTION 1_3
    SandboxProcess m_after;  // SUBSCRIPTION moved to 1_4: 1_3 is refused
    bool m_hasPostgres = false;

    QString afterLog() const { return m_dir.filePath(u"after-requests.jsonl"_s); }

    Target target(const QString &name)
    {
        QFETCH_GLOBAL(bool, postgres);
        Target result;
        result.postgres = postgres;
        result.path = m_dir.filePath(name + u".db"_s);
        result.schema = u"issue18v_"_s + name;
        if (postgres) {
            // One statement per call: SET first, so PostgreSQL prints no NOTICE for a missing schema.
            valuesOf(result,
                     u"SET client_min_messages TO WARNING; DROP SCHEMA IF EXISTS \"%1\" CASCADE"_s.arg(
                         result.schema));
        }
        return result;
    }

    CliRun run(const SandboxProcess &sandbox, const Target &target, const QStringList &command,
               const QStringList &extra = {})
    {
        const QStringList environment{u"PGPASSWORD="_s + qEnvironmentVariable("ASCSYNC_TEST_PG_PASSWORD")};
        return runAscsync(
            command + QStringList{u"--config"_s, m_dir.filePath(target.schema + u".conf"_s), u"--json"_s} +
                target.arguments() + sandbox.keyArguments(u"reader"_s) + extra,
            environment);
    }

    CliRun sync(const SandboxProcess &sandbox, const Target &target, const QStringList &extra = {})
    {
        return run(sandbox, target,
                   {u"sync"_s, u"--vendor-number"_s, sandbox.vendorNumber(), u"--streams"_s, kStream,
                    u"--as-of"_s, u"2026-11-21T18:00:00Z"_s},
                   extra);
    }

private Q_SLOTS:
    void initTestCase_data()
    {
        QTest::addColumn<bool>("postgres");
        QTest::newRow("sqlite") << false;
        QTest::newRow("postgres") << true;
    }

    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_before.start(m_dir.filePath(u"before"_s), worldFlags()));
        QVERIFY(m_after.start(m_dir.filePath(u"after"_s),
                              worldFlags() + QStringList{u"--report-versions"_s, u"SUBSCRIPTION=1_4"_s,
                                                         u"--requests-log"_s, afterLog()}));
        m_hasPostgres = !qEnvironmentVariableIsEmpty("ASCSYNC_TEST_PG_HOST");
    }

    void init()
    {
        QFETCH_GLOBAL(bool, postgres);
        if (postgres && !m_hasPostgres) {
            QSKIP("No PostgreSQL server: set ASCSYNC_TEST_PG_* (tests/run-all.sh does).");
        }
    }

    void versionRetiredMidHistoryIsFollowed()
    {
        const Target db = target(u"retired"_s);
        const CliRun first = sync(m_before, db);
        QVERIFY2(first.exitCode == 0, first.err.constData());
        const qint64 oldRows = countOf(db, u"SELECT count(*) FROM $subscription_summary"_s);
        QVERIFY2(oldRows > 100, qPrintable(QString::number(oldRows)));
        QCOMPARE(countOf(db, u"SELECT count(*) FROM $subscription_summary WHERE _version <> '1_3'"_s), 0);
        // The rows outside the backfill window stay as they were, value for value.
        const QStringList oldOutside =
            valuesOf(db, u"SELECT app_apple_id || '|' || _report_date || '|' || country || '|' || "
                         u"COALESCE(CAST(subscribers AS TEXT), '') FROM $subscription_summary WHERE "
                         u"_report_date < '2026-11-14' ORDER BY 1"_s);
        QVERIFY2(oldOutside.size() > 50 && !oldOutside.first().startsWith(u"error"_s),
                 qPrintable(oldOutside.value(0)));

        const int refusedBefore = requestsForVersion(afterLog(), u"1_3"_s);
        const CliRun moved = sync(m_after, db);
        QVERIFY2(moved.exitCode == 0, moved.err.constData());
        const QJsonObject summary = QJsonDocument::fromJson(moved.out).object();
        QVERIFY2(joined(summary.value(u"failures"_s)).isEmpty(), moved.out.constData());
        QVERIFY2(joined(summary.value(u"notes"_s)).contains(kMoved), moved.out.constData());
        QVERIFY2(moved.err.contains(kMoved.toUtf8()), moved.err.constData());  // said on stderr too
        QCOMPARE(requestsForVersion(afterLog(), u"1_3"_s), refusedBefore + 1); // one refusal, then 1_4

        // Both layouts in one table: the new column holds the 1_4 files' values, the old rows are whole.
        const qint64 newRows =
            countOf(db, u"SELECT count(*) FROM $subscription_summary WHERE _version = '1_4'"_s);
        QVERIFY2(newRows > 0, qPrintable(QString::number(newRows)));
        QCOMPARE(countOf(db, u"SELECT count(*) FROM $subscription_summary WHERE _version = '1_4' AND "
                             u"storefront_country IS NOT NULL AND storefront_country = country"_s),
                 newRows);
        QCOMPARE(countOf(db, u"SELECT count(*) FROM $subscription_summary WHERE _version = '1_3' AND "
                             u"storefront_country IS NOT NULL"_s),
                 0);
        QCOMPARE(valuesOf(db, u"SELECT app_apple_id || '|' || _report_date || '|' || country || '|' || "
                              u"COALESCE(CAST(subscribers AS TEXT), '') FROM $subscription_summary WHERE "
                              u"_report_date < '2026-11-14' ORDER BY 1"_s),
                 oldOutside);

        // Recorded: `ascsync status` shows it, and the next sync asks for 1_4 directly.
        const CliRun status = run(m_after, db, {u"status"_s});
        QVERIFY2(status.exitCode == 0, status.err.constData());
        QCOMPARE(QJsonDocument::fromJson(status.out)
                     .object()
                     .value(u"salesReportVersions"_s)
                     .toObject()
                     .value(u"SUBSCRIPTION/SUMMARY/DAILY"_s)
                     .toString(),
                 u"1_4"_s);
        const int asked = salesRequests(afterLog());
        const CliRun again = sync(m_after, db);
        QVERIFY2(again.exitCode == 0, again.err.constData());
        QVERIFY(salesRequests(afterLog()) > asked); // the backfill window was asked again...
        QCOMPARE(requestsForVersion(afterLog(), u"1_3"_s), refusedBefore + 1); // ...with 1_4 only
        QVERIFY2(!again.out.contains("Apple moved"), again.out.constData());
    }

    // With the migration policy 'fail' the new version's column stops the files that bring it, names the
    // column and changes nothing; 'evolve' (above) adds it.
    void failPolicyNamesTheNewColumn()
    {
        const Target db = target(u"failpolicy"_s);
        QCOMPARE(sync(m_before, db).exitCode, 0);
        const qint64 rows = countOf(db, u"SELECT count(*) FROM $subscription_summary"_s);
        const CliRun refused = sync(m_after, db, {u"--migration-policy"_s, u"fail"_s});
        QCOMPARE(refused.exitCode, 1);
        const QJsonObject summary = QJsonDocument::fromJson(refused.out).object();
        QVERIFY2(joined(summary.value(u"notes"_s)).contains(kMoved), refused.out.constData());
        const QString failures = joined(summary.value(u"failures"_s));
        QVERIFY2(failures.contains(u"column \"storefront_country\" (text) is new"_s), qPrintable(failures));
        QCOMPARE(countOf(db, u"SELECT count(*) FROM $subscription_summary"_s), rows);
        QCOMPARE(countOf(db, u"SELECT count(*) FROM $subscription_summary WHERE _version = '1_4'"_s), 0);
    }

    void configuredVersionIsSentFirst()
    {
        const Target db = target(u"configured"_s);
        const int refusedBefore = requestsForVersion(afterLog(), u"1_3"_s);
        const CliRun configured = sync(m_after, db, {u"--report-version"_s, u"SUBSCRIPTION=1_4"_s});
        QVERIFY2(configured.exitCode == 0, configured.err.constData());
        QCOMPARE(requestsForVersion(afterLog(), u"1_3"_s), refusedBefore);
        QVERIFY(countOf(db, u"SELECT count(*) FROM $subscription_summary WHERE _version = '1_4'"_s) > 100);

        const CliRun invalid = sync(m_after, db, {u"--report-version"_s, u"SUBSCRIPTION=1.4"_s});
        QCOMPARE(invalid.exitCode, 2);
        QVERIFY2(invalid.err.contains("TYPE=VERSION"), invalid.err.constData());
    }

    void hostileLatestVersionIsRefused_data()
    {
        QTest::addColumn<QString>("named");
        QTest::newRow("trailing sql") << u"1_4; DROP TABLE subscription_summary"_s;
        QTest::newRow("control characters") << u"1_4\u001b[2J\u0007"_s;
        QTest::newRow("huge") << u"1_"_s + QString(20000, u'4');
    }

    void hostileLatestVersionIsRefused()
    {
        QFETCH_GLOBAL(bool, postgres);
        if (postgres) {
            QSKIP("The refusal happens before the destination is written: SQLite is enough.");
        }
        QFETCH(QString, named);
        QTemporaryDir state;
        QVERIFY(state.isValid());
        const QString log = state.filePath(u"requests.jsonl"_s);
        SandboxProcess hostile;
        QStringList flags = worldFlags() + QStringList{u"--requests-log"_s, log, u"--report-versions"_s,
                                                       u"SUBSCRIPTION="_s + named};
        QVERIFY(hostile.start(state.filePath(u"state"_s), flags));
        const Target db = target(u"hostile"_s);
        const CliRun refused = sync(hostile, db);
        QCOMPARE(refused.exitCode, 1);
        const QString failures = joined(QJsonDocument::fromJson(refused.out).object().value(u"failures"_s));
        QVERIFY2(failures.contains(u"did not name a usable newer version"_s), qPrintable(failures));
        QVERIFY2(failures.contains(u"--report-version SUBSCRIPTION/SUMMARY/DAILY=VERSION"_s),
                 qPrintable(failures));
        QVERIFY2(failures.count(u"did not name"_s) == 1, qPrintable(failures)); // said once
        QVERIFY(!refused.out.contains('\x1b') && !refused.err.contains('\x1b'));
        QVERIFY(failures.size() < 3000); // the server's text is cut, not echoed whole
        QCOMPARE(salesRequests(log), 1); // no retry, and the stream's other days are not asked this run
        QCOMPARE(countOf(db, u"SELECT count(*) FROM $subscription_summary"_s), -1); // no table
    }
};

QTEST_GUILESS_MAIN(TestReportVersions)
#include "tst_reportversions.moc"
