// Apple's real report files, end to end (issue 15): the simulator writes what real Sales and Trends and
// Finance files carry — single-space placeholders, Units-0 adjustments, the older 22-column SALES layout for
// old periods, return rows, a FINANCIAL trailer right after the data — and the real CLI loads them into
// SQLite and PostgreSQL: placeholders become NULL, layouts share one table in either order, a file that
// disagrees with its trailer fails alone, a file dated for another period is reported.
#include "tests/testkit/sandboxprocess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace {

// Sales from 2026-09-27 (fiscal October 2026 has a FINANCIAL file, with one return at this seed and scale)
// to 2026-11-19.
QStringList worldFlags(const QString &legacySalesBefore)
{
    return {u"--seed"_s,
            u"11"_s,
            u"--apps"_s,
            u"2"_s,
            u"--history-start"_s,
            u"2026-09-27"_s,
            u"--today"_s,
            u"2026-11-20"_s,
            u"--traffic-scale"_s,
            u"0.2"_s,
            u"--legacy-sales-before"_s,
            legacySalesBefore};
}

// The columns the current SALES layout added after the older 22.
const QStringList kNewerSalesColumns{u"device"_s,          u"supported_platforms"_s,
                                     u"proceeds_reason"_s, u"preserved_pricing"_s,
                                     u"client"_s,          u"order_type"_s};
const QString kOlderSalesColumns =
    u"provider, provider_country, sku, developer, title, version, product_type_identifier, units, "
    u"developer_proceeds, begin_date, end_date, customer_currency, country_code, currency_of_proceeds, "
    u"apple_identifier, customer_price, promo_code, parent_identifier, subscription, period, category, cmb"_s;

QString joined(const QJsonValue &array)
{
    QStringList lines;
    for (const QJsonValue &line : array.toArray()) {
        lines << line.toString();
    }
    return lines.join(u'\n');
}

// One destination of a test: a SQLite file, or a schema of the test PostgreSQL server.
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

// Runs `work` on a private QtSql connection to the target.
template <typename Work> bool withDatabase(const Target &target, Work work)
{
    const QString name = QUuid::createUuid().toString();
    bool opened = false;
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
        opened = db.open();
        if (opened) {
            work(db);
        }
    }
    QSqlDatabase::removeDatabase(name);
    return opened;
}

// Every row of `sql` as its values joined by '|' ("<NULL>" for NULL); `$table` names a table of the target.
// A failing query gives one row "error: ...".
QStringList rowsOf(const Target &target, QString sql)
{
    static const QRegularExpression table(u"\\$([a-z_]+)"_s);
    sql.replace(table, target.postgres ? u"\"%1\".\"\\1\""_s.arg(target.schema) : u"\"\\1\""_s);
    QStringList rows;
    const bool opened = withDatabase(target, [&](QSqlDatabase &db) {
        QSqlQuery query(db);
        if (!query.exec(sql)) {
            rows << u"error: "_s + query.lastError().text();
            return;
        }
        while (query.next()) {
            QStringList values;
            for (int i = 0; i < query.record().count(); ++i) {
                values << (query.isNull(i) ? u"<NULL>"_s : query.value(i).toString());
            }
            rows << values.join(u'|');
        }
    });
    return opened ? rows : QStringList{u"error: cannot open the destination"_s};
}

qint64 countOf(const Target &target, const QString &sql)
{
    const QStringList rows = rowsOf(target, sql);
    bool ok = false;
    const qint64 count = rows.value(0).toLongLong(&ok);
    return ok ? count : -1;
}

} // namespace

class TestReportFiles : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    SandboxProcess m_mixed;  // SALES in the older layout before 2026-11-13, the current one from then on
    SandboxProcess m_old;    // every SALES file in the older layout
    SandboxProcess m_new;    // every SALES file in the current layout
    SandboxProcess m_faulty; // every file dated for the previous period, FINANCIAL files missing a row
    bool m_hasPostgres = false;

    Target target(const QString &name)
    {
        QFETCH_GLOBAL(bool, postgres);
        Target result;
        result.postgres = postgres;
        result.path = m_dir.filePath(name + u".db"_s);
        result.schema = u"issue15_"_s + name;
        if (postgres) {
            withDatabase(result, [&](QSqlDatabase &db) {
                QSqlQuery(db).exec(u"SET client_min_messages TO WARNING"_s); // no NOTICE per dropped table
                QSqlQuery(db).exec(u"DROP SCHEMA IF EXISTS \"%1\" CASCADE"_s.arg(result.schema));
            });
        }
        return result;
    }

    CliRun sync(const SandboxProcess &sandbox, const Target &target, const QString &streams,
                const QStringList &extra = {})
    {
        const QStringList environment{u"PGPASSWORD="_s + qEnvironmentVariable("ASCSYNC_TEST_PG_PASSWORD")};
        return runAscsync(QStringList{u"sync"_s, u"--config"_s, m_dir.filePath(target.schema + u".conf"_s),
                                      u"--vendor-number"_s, sandbox.vendorNumber(), u"--streams"_s, streams,
                                      u"--json"_s} +
                              target.arguments() + sandbox.keyArguments(u"reader"_s) + extra,
                          environment);
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
        QVERIFY(m_mixed.start(m_dir.filePath(u"mixed"_s), worldFlags(u"2026-11-13"_s)));
        QVERIFY(m_old.start(m_dir.filePath(u"old"_s), worldFlags(u"2026-11-21"_s)));
        QVERIFY(m_new.start(m_dir.filePath(u"new"_s), worldFlags(u"2016-01-01"_s)));
        QVERIFY(m_faulty.start(m_dir.filePath(u"faulty"_s),
                               worldFlags(u"2016-01-01"_s) +
                                   QStringList{u"--faults"_s, u"wrongperiod=1,droppedrow=1"_s}));
        m_hasPostgres = !qEnvironmentVariableIsEmpty("ASCSYNC_TEST_PG_HOST");
    }

    void init()
    {
        QFETCH_GLOBAL(bool, postgres);
        if (postgres && !m_hasPostgres) {
            QSKIP("No PostgreSQL server: set ASCSYNC_TEST_PG_* (tests/run-all.sh does).");
        }
    }

    void realFilesLoadWithPlaceholdersAsNull()
    {
        const Target db = target(u"real"_s);
        const CliRun run =
            sync(m_mixed, db, u"sales:SALES/SUMMARY/DAILY,sales:SUBSCRIPTION_EVENT/SUMMARY/DAILY,finance"_s);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject summary = QJsonDocument::fromJson(run.out).object();
        QVERIFY2(joined(summary.value(u"failures"_s)).isEmpty(), run.out.constData());

        // Placeholders are NULL in text columns, the last field of a line included...
        const qint64 rows = countOf(db, u"SELECT count(*) FROM $sales_summary"_s);
        QVERIFY2(rows > 100, qPrintable(QString::number(rows)));
        QCOMPARE(countOf(db, u"SELECT count(*) FROM $sales_summary WHERE promo_code = ' ' OR "
                             u"parent_identifier = ' ' OR cmb = ' ' OR version = ' ' OR order_type = ' '"_s),
                 0);
        QVERIFY(countOf(db, u"SELECT count(*) FROM $sales_summary WHERE parent_identifier IS NULL"_s) > 0);
        QCOMPARE(countOf(db, u"SELECT count(*) FROM $sales_summary WHERE promo_code IS NULL AND _report_date "
                             u">= '2026-11-13'"_s),
                 countOf(db, u"SELECT count(*) FROM $sales_summary WHERE _report_date >= '2026-11-13'"_s));
        QCOMPARE(countOf(db, u"SELECT count(*) FROM $sales_summary WHERE order_type IS NULL"_s), rows);
        // ...and in number columns.
        QVERIFY(countOf(db,
                        u"SELECT count(*) FROM $subscription_event_summary WHERE days_canceled IS NULL AND "
                        u"cancellation_reason IS NULL"_s) > 0);
        QCOMPARE(
            countOf(db,
                    u"SELECT count(*) FROM $subscription_event_summary WHERE cancellation_reason = ' '"_s),
            0);

        // Adjustments: Units 0 with proceeds and a negative customer price.
        QVERIFY(countOf(db, u"SELECT count(*) FROM $sales_summary WHERE units = 0 AND customer_price < 0 AND "
                            u"developer_proceeds <> 0"_s) > 0);

        // Both SALES layouts in one table: the older files' rows lack the newer columns, nothing else.
        const qint64 older =
            countOf(db, u"SELECT count(*) FROM $sales_summary WHERE _report_date < '2026-11-13'"_s);
        QVERIFY(older > 0 && older < rows);
        QCOMPARE(countOf(db, u"SELECT count(*) FROM $sales_summary WHERE _report_date < '2026-11-13' AND "
                             u"device IS NOT NULL"_s),
                 0);
        QCOMPARE(countOf(db, u"SELECT count(*) FROM $sales_summary WHERE _report_date >= '2026-11-13' AND "
                             u"(device IS NULL OR supported_platforms IS NULL)"_s),
                 0);
        QCOMPARE(countOf(db, u"SELECT count(*) FROM $sales_summary WHERE sku IS NULL OR units IS NULL OR "
                             u"begin_date IS NULL OR cmb IS NOT NULL"_s),
                 0);

        // Finance: the trailer was verified (no failure above); a return is one row of Quantity -1 with a
        // positive Partner Share and negative Extended Partner Share and Customer Price.
        QVERIFY(countOf(db, u"SELECT count(*) FROM $financial"_s) > 0);
        QVERIFY(countOf(db,
                        u"SELECT count(*) FROM $financial WHERE quantity = -1 AND partner_share > 0 AND "
                        u"extended_partner_share < 0 AND customer_price < 0 AND sales_or_return = 'R'"_s) >
                0);
        QCOMPARE(countOf(db, u"SELECT count(*) FROM $financial WHERE quantity < -1"_s), 0);
    }

    void layoutsShareOneTableInEitherOrder()
    {
        const QString streams = u"sales:SALES/SUMMARY/DAILY"_s;
        const QStringList again{u"--backfill-days"_s, u"120"_s}; // fetch every loaded period again
        const Target reference = target(u"reference"_s);
        QCOMPARE(sync(m_new, reference, streams).exitCode, 0);
        const Target oldFirst = target(u"oldfirst"_s);
        QCOMPARE(sync(m_old, oldFirst, streams).exitCode, 0);
        const CliRun evolved = sync(m_new, oldFirst, streams, again);
        QVERIFY2(evolved.exitCode == 0, evolved.err.constData());
        QVERIFY2(
            joined(QJsonDocument::fromJson(evolved.out).object().value(u"notes"_s)).contains(u"device"_s),
            evolved.out.constData());
        const Target newFirst = target(u"newfirst"_s);
        QCOMPARE(sync(m_new, newFirst, streams).exitCode, 0);
        const CliRun older = sync(m_old, newFirst, streams, again);
        QVERIFY2(older.exitCode == 0, older.err.constData());

        const QString all = kOlderSalesColumns + u", "_s + kNewerSalesColumns.join(u", "_s);
        const auto table = [](const Target &db, const QString &columns) {
            return rowsOf(db, u"SELECT %1 FROM $sales_summary ORDER BY %1"_s.arg(columns));
        };
        const QStringList expected = table(reference, all);
        QVERIFY2(expected.size() > 100 && !expected.first().startsWith(u"error"_s),
                 qPrintable(expected.value(0)));
        // Old then new: the table grew the newer columns and holds the newer files' rows whole.
        QCOMPARE(table(oldFirst, all), expected);
        // New then old: the older files' rows, all 22 of their values, and NULL in the columns they lack.
        QCOMPARE(table(newFirst, kOlderSalesColumns), table(reference, kOlderSalesColumns));
        QCOMPARE(countOf(newFirst, u"SELECT count(*) FROM $sales_summary WHERE "_s +
                                       kNewerSalesColumns.join(u" IS NOT NULL OR "_s) + u" IS NOT NULL"_s),
                 0);
    }

    void badFilesFailAloneOrWarn()
    {
        const Target db = target(u"faulty"_s);
        const CliRun run = sync(m_faulty, db, u"sales:SALES/SUMMARY/DAILY,finance"_s);
        QCOMPARE(run.exitCode, 1);
        const QJsonObject summary = QJsonDocument::fromJson(run.out).object();
        // The FINANCIAL file whose data no longer match its trailer fails, naming the file and both figures.
        const QString failures = joined(summary.value(u"failures"_s));
        QCOMPARE(summary.value(u"unitsFailed"_s).toInt(), 1);
        static const QRegularExpression rowsMismatch(u"FINANCIAL finance report ZZ for fiscal 2026-10: its "
                                                     u"trailer says Total_Rows (\\d+) but its data "
                                                     u"add up to (\\d+)"_s);
        const QRegularExpressionMatch match = rowsMismatch.match(failures);
        QVERIFY2(match.hasMatch(), qPrintable(failures));
        QCOMPARE(match.captured(2).toInt(), match.captured(1).toInt() - 1);
        QCOMPARE(countOf(db, u"SELECT count(*) FROM $financial"_s) > 0, false);
        // The rest loaded: the detailed finance file and the sales files, whose wrong dates are reported.
        QVERIFY(countOf(db, u"SELECT count(*) FROM $finance_detail"_s) > 0);
        QVERIFY(countOf(db, u"SELECT count(*) FROM $sales_summary"_s) > 0);
        const QString notes = joined(summary.value(u"notes"_s));
        QVERIFY2(notes.contains(u"daily SALES SUMMARY report for 2026-11-13: the file's own dates are "
                                u"2026-11-12 to 2026-11-12, which do not cover the requested 2026-11-13 to "
                                u"2026-11-13"_s),
                 qPrintable(notes));
    }
};

QTEST_GUILESS_MAIN(TestReportFiles)
#include "tst_reportfiles.moc"
