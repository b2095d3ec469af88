// The production load path (sync::loadUnit: gzip -> TsvReader -> value converter -> RowSink, one
// transaction) on crafted files Apple's API and the simulator never serve: hostile header names and bytes
// that are not UTF-8. Runs on SQLite, and on PostgreSQL when ASCSYNC_TEST_PG_* names a server.
#include "storagetestbackend.h"
#include "storagetesthelpers.h"

#include "core/reports/columnnames.h"
#include "core/storage/placeholdercleanup.h"
#include "core/sync/unitloader.h"
#include "tests/testkit/testfiles.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ascsync;

namespace {

QString writeGzip(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(reports::test::gzipCompress(content)) < 0) {
        return {};
    }
    return path;
}

sync::UnitLoad salesLikeUnit(const QString &table, const QString &file, const QString &key)
{
    sync::UnitLoad unit;
    unit.table = table;
    unit.files = {file};
    unit.metadata = {{{u"_report_date"_s, storage::ColumnType::Date}, u"2026-11-01"_s}};
    unit.scopeColumns = {u"_report_date"_s};
    unit.record.stream = u"test/"_s + table;
    unit.record.unitKey = key;
    return unit;
}

// An analytics instance of `app`, DAILY, processed on `processingDate`, read from `file`.
sync::UnitLoad instanceUnit(const QString &file, const QString &instance, const QString &processingDate,
                            const QString &app = u"1"_s)
{
    sync::UnitLoad unit;
    unit.table = u"downloads"_s;
    unit.files = {file};
    unit.replace = sync::UnitLoad::Replace::NewestPerDate;
    unit.dateHeaders = {u"Date"_s};
    unit.instance.instanceId = instance;
    unit.instance.appId = app;
    unit.instance.reportName = u"App Downloads Standard"_s;
    unit.instance.table = unit.table;
    unit.instance.granularity = u"DAILY"_s;
    unit.instance.processingDate = QDate::fromString(processingDate, Qt::ISODate);
    unit.instance.accessType = u"ONGOING"_s;
    unit.instance.checksums = u"sum-"_s + instance;
    unit.record.stream = u"analytics/downloads"_s;
    unit.record.unitKey = instance;
    return unit;
}

} // namespace

class TestUnitLoader : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_files;
    StorageTestBackend m_sqlite{StorageTestBackend::Kind::Sqlite};
    StorageTestBackend m_postgres{StorageTestBackend::Kind::Postgres};
    bool m_hasPostgres = false;

    StorageTestBackend *backend()
    {
        QFETCH_GLOBAL(bool, postgres);
        return postgres ? &m_postgres : &m_sqlite;
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
        QVERIFY(m_files.isValid());
        VERIFY_OK(m_sqlite.setUp());
        m_hasPostgres = m_postgres.setUp().ok();
    }

    void cleanupTestCase() { m_postgres.tearDown(); }

    void init()
    {
        QFETCH_GLOBAL(bool, postgres);
        if (postgres && !m_hasPostgres) {
            QSKIP("No PostgreSQL server: set ASCSYNC_TEST_PG_* (tests/run-all.sh does).");
        }
    }

    void hostileHeaderNamesLoadIntoSafeColumns()
    {
        // SQL in a name, quotes, a duplicate, an empty name, names that are keywords, emoji only, a name of
        // ascsync's metadata, a leading digit and one far longer than any identifier may be.
        const QByteArray longName = QByteArray("Very Long ").repeated(20);
        const QByteArrayList headers = {"Date",
                                        "x\"; DROP TABLE sentinel; --",
                                        "App Name",
                                        "App Name",
                                        "",
                                        "select",
                                        "\xF0\x9F\x9A\x80",
                                        "_report_date",
                                        "1st Value",
                                        "it's \"quoted\"",
                                        longName,
                                        "Counts"};
        QByteArray content = headers.join('\t') + '\n';
        content += "2026-11-01\tv1\tName A\tName B\tempty-named\tkw\trocket\tmeta\tdigit\tquote\tlong\t12\n";
        content += "2026-11-02\tv2\tName C\tName D\t\t\t\t\t\t\t\t3.5\n";
        const QString file = writeGzip(m_files, u"hostile.tsv.gz"_s, content);
        QVERIFY(!file.isEmpty());

        StorageTestBackend &m_backend = *backend(); // the name OPEN_DESTINATION uses
        const auto spec = m_backend.freshSpec(u"hostile"_s);
        VERIFY_OK(
            m_backend.execDirect(spec, {u"CREATE TABLE \"%1\".sentinel (id integer)"_s.arg(spec.schema())}));
        OPEN_DESTINATION(destination, spec);
        const auto loaded = sync::loadUnit(destination, salesLikeUnit(u"hostile"_s, file, u"1"_s));
        QVERIFY2(loaded.ok(), qPrintable(loaded.errorMessage()));
        QCOMPARE(loaded->rowsLoaded, 2);

        QStringList headerNames;
        for (const QByteArray &header : headers) {
            headerNames << QString::fromUtf8(header).trimmed();
        }
        const QStringList names = reports::columnNames(headerNames);
        QCOMPARE(names.size(), headers.size());
        QCOMPARE(QSet<QString>(names.begin(), names.end()).size(), names.size()); // no two alike
        for (const QString &name : names) {
            QVERIFY2(!name.startsWith(u'_') && name.size() <= 63, qPrintable(name));
        }
        // Every value is in the column named after its own header, in file order.
        QStringList quotedNames;
        for (const QString &name : names) {
            quotedNames << u"\"%1\""_s.arg(name);
        }
        const QString table = destination.qualified(u"hostile"_s);
        const auto rows = storagetest::fetch(destination, u"SELECT %1, _report_date FROM %2 ORDER BY 1"_s.arg(
                                                              quotedNames.join(u", "_s), table));
        QVERIFY2(rows.ok(), qPrintable(rows.errorMessage()));
        QCOMPARE(rows->size(), 2);
        const QStringList first = rows->at(0);
        QCOMPARE(first.mid(1, 10), (QStringList{u"v1"_s, u"Name A"_s, u"Name B"_s, u"empty-named"_s, u"kw"_s,
                                                u"rocket"_s, u"meta"_s, u"digit"_s, u"quote"_s, u"long"_s}));
        QCOMPARE(first.at(11).toDouble(), 12.0);
        QCOMPARE(first.at(12).left(10), u"2026-11-01"_s); // the metadata column kept its own value
        QCOMPARE(rows->at(1).at(2), u"Name C"_s);
        QCOMPARE(rows->at(1).at(11).toDouble(), 3.5);
        // The name that carried SQL did nothing.
        QCOMPARE(storagetest::rowsOf(destination,
                                     u"SELECT count(*) FROM %1"_s.arg(destination.qualified(u"sentinel"_s))),
                 (QList<QStringList>{{u"0"_s}}));
    }

    void newestInstanceWinsEachDay()
    {
        // A (processed 11-02) holds 11-01 and 11-02; B (11-03) restates 11-02 and adds 11-03; C (11-01)
        // arrives last but is older than A for 11-01. Rows are replaced, never summed. Another app's
        // instance D (processed 11-01) holds the same days of the same table and is never touched.
        const QString a =
            writeGzip(m_files, u"a.tsv.gz"_s, "Date\tCounts\n2026-11-01\t1\n2026-11-01\t2\n2026-11-02\t3\n");
        const QString b = writeGzip(m_files, u"b.tsv.gz"_s, "Date\tCounts\n2026-11-02\t30\n2026-11-03\t40\n");
        const QString c = writeGzip(m_files, u"c.tsv.gz"_s, "Date\tCounts\n2026-11-01\t100\n");
        const QString d =
            writeGzip(m_files, u"d.tsv.gz"_s, "Date\tCounts\n2026-11-01\t7\n2026-11-02\t8\n2026-11-03\t9\n");
        StorageTestBackend &m_backend = *backend(); // the name OPEN_DESTINATION uses
        const auto spec = m_backend.freshSpec(u"corrections"_s);
        OPEN_DESTINATION(destination, spec);

        const auto other = sync::loadUnit(destination, instanceUnit(d, u"D"_s, u"2026-11-01"_s, u"2"_s));
        QVERIFY2(other.ok(), qPrintable(other.errorMessage()));
        const auto first = sync::loadUnit(destination, instanceUnit(a, u"A"_s, u"2026-11-02"_s));
        QVERIFY2(first.ok(), qPrintable(first.errorMessage()));
        QCOMPARE(first->rowsLoaded, 3);
        QCOMPARE(first->rowsReplaced, 0);
        // The new table got its corrections index (built after the rows).
        const QString indexQuery =
            m_backend.isPostgres()
                ? u"SELECT count(*) FROM pg_indexes WHERE schemaname = '%1' AND tablename = 'downloads'"_s
                      .arg(spec.schema())
                : u"SELECT count(*) FROM \"%1\".sqlite_master WHERE type = 'index' AND tbl_name = 'downloads'"_s
                      .arg(spec.schema());
        QCOMPARE(storagetest::rowsOf(destination, indexQuery), (QList<QStringList>{{u"1"_s}}));

        const auto second = sync::loadUnit(destination, instanceUnit(b, u"B"_s, u"2026-11-03"_s));
        QVERIFY2(second.ok(), qPrintable(second.errorMessage()));
        QCOMPARE(second->rowsLoaded, 2);
        QCOMPARE(second->rowsReplaced, 1);

        const auto late = sync::loadUnit(destination, instanceUnit(c, u"C"_s, u"2026-11-01"_s));
        QVERIFY2(late.ok(), qPrintable(late.errorMessage()));
        QCOMPARE(late->rowsLoaded, 0);
        QCOMPARE(late->rowsSuperseded, 1);

        const QString table = destination.qualified(u"downloads"_s);
        const QString instances = destination.qualified(u"_ascsync_instances"_s);
        const QString rowsQuery =
            u"SELECT substr(CAST(t.date AS text), 1, 10), i.instance_id, CAST(t.counts AS "
            u"integer) FROM %1 t JOIN %2 i ON i.instance_key = t._instance ORDER BY 2, 1, 3"_s.arg(table,
                                                                                                   instances);
        const QList<QStringList> expectedRows{
            {u"2026-11-01"_s, u"A"_s, u"1"_s},  {u"2026-11-01"_s, u"A"_s, u"2"_s},
            {u"2026-11-02"_s, u"B"_s, u"30"_s}, {u"2026-11-03"_s, u"B"_s, u"40"_s},
            {u"2026-11-01"_s, u"D"_s, u"7"_s},  {u"2026-11-02"_s, u"D"_s, u"8"_s},
            {u"2026-11-03"_s, u"D"_s, u"9"_s}};
        QCOMPARE(storagetest::rowsOf(destination, rowsQuery), expectedRows);
        // The rows carry one key; the instance's metadata is stored once, and the days each one holds.
        QCOMPARE(
            storagetest::describeColumns(destination, u"downloads"_s).filter(QRegularExpression(u"^_"_s)),
            QStringList{u"_instance:integer"_s});
        QCOMPARE(storagetest::rowsOf(
                     destination, u"SELECT instance_id, app_id, granularity, CAST(processing_date AS text), "
                                  u"access_type, row_count, checksums FROM %1 ORDER BY 1"_s.arg(instances)),
                 (QList<QStringList>{
                     {u"A"_s, u"1"_s, u"DAILY"_s, u"2026-11-02"_s, u"ONGOING"_s, u"3"_s, u"sum-A"_s},
                     {u"B"_s, u"1"_s, u"DAILY"_s, u"2026-11-03"_s, u"ONGOING"_s, u"2"_s, u"sum-B"_s},
                     {u"C"_s, u"1"_s, u"DAILY"_s, u"2026-11-01"_s, u"ONGOING"_s, u"1"_s, u"sum-C"_s},
                     {u"D"_s, u"2"_s, u"DAILY"_s, u"2026-11-01"_s, u"ONGOING"_s, u"3"_s, u"sum-D"_s}}));
        QCOMPARE(
            storagetest::rowsOf(
                destination, u"SELECT i.instance_id, CAST(d.day AS text), d.row_count FROM %1 d JOIN %2 i ON "
                             u"i.instance_key = d.instance_key ORDER BY 1, 2"_s.arg(
                                 destination.qualified(u"_ascsync_instance_days"_s), instances)),
            (QList<QStringList>{{u"A"_s, u"2026-11-01"_s, u"2"_s},
                                {u"B"_s, u"2026-11-02"_s, u"1"_s},
                                {u"B"_s, u"2026-11-03"_s, u"1"_s},
                                {u"D"_s, u"2026-11-01"_s, u"1"_s},
                                {u"D"_s, u"2026-11-02"_s, u"1"_s},
                                {u"D"_s, u"2026-11-03"_s, u"1"_s}}));
        // Loading an instance again replaces its own rows instead of adding to them.
        const auto reloaded = sync::loadUnit(destination, instanceUnit(b, u"B"_s, u"2026-11-03"_s));
        QVERIFY2(reloaded.ok(), qPrintable(reloaded.errorMessage()));
        QCOMPARE(reloaded->rowsLoaded, 2);
        QCOMPARE(storagetest::rowsOf(destination, rowsQuery), expectedRows);
    }

    void bytesThatAreNotUtf8AreKeptAsWindows1252()
    {
        // Latin-1 é, Windows-1252 € (0x80) and a UTF-8 sequence cut short, beside correct UTF-8; the header
        // itself has a Latin-1 ö.
        QByteArray content = "Date\tApp Name\tGr\xF6\xDF"
                             "e\tCounts\n";
        content += "2026-11-01\tCaf\xE9\t\x80 5\t1\n";
        content += "2026-11-02\tCaf\xC3\xA9\tcut \xE2\x82\t2\n";
        content += "2026-11-03\tplain\t\t3\n";
        const QString file = writeGzip(m_files, u"latin1.tsv.gz"_s, content);
        QVERIFY(!file.isEmpty());

        StorageTestBackend &m_backend = *backend(); // the name OPEN_DESTINATION uses
        const auto spec = m_backend.freshSpec(u"latin1"_s);
        OPEN_DESTINATION(destination, spec);
        const auto loaded = sync::loadUnit(destination, salesLikeUnit(u"latin1"_s, file, u"1"_s));
        QVERIFY2(loaded.ok(), qPrintable(loaded.errorMessage()));
        QCOMPARE(loaded->rowsLoaded, 3);
        QVERIFY2(loaded->notes.join(u'\n').contains(u"4 fields of latin1.tsv.gz were not UTF-8"_s),
                 qPrintable(loaded->notes.join(u'\n')));

        const QString column = reports::columnName(u"Größe");
        QCOMPARE(storagetest::describeColumns(destination, u"latin1"_s).value(2), column + u":text"_s);
        const auto rows =
            storagetest::fetch(destination, u"SELECT app_name, \"%1\", counts FROM %2 ORDER BY date"_s.arg(
                                                column, destination.qualified(u"latin1"_s)));
        QVERIFY2(rows.ok(), qPrintable(rows.errorMessage()));
        QCOMPARE(rows->size(), 3);
        QCOMPARE(rows->at(0).mid(0, 2), (QStringList{u"Café"_s, u"€ 5"_s}));
        QCOMPARE(rows->at(1).mid(0, 2), (QStringList{u"Café"_s, u"cut \u00E2\u201A"_s}));
        // An empty field is NULL, as everywhere.
        QCOMPARE(rows->at(2).mid(0, 2), (QStringList{u"plain"_s, storagetest::Null}));
    }

    void singleSpacePlaceholdersAreNull()
    {
        // Apple writes one space for a missing value, in text and number columns, also as the last field of
        // a line (TAB + space). Two spaces are text, kept as they are.
        const QByteArray content = "SKU\tUnits\tCustomer Price\tPromo Code\tOrder Type\n"
                                   "app\t \t0.99\t \t \n"
                                   "iap\t3\t \t  \tPO\n";
        const QString file = writeGzip(m_files, u"placeholders.tsv.gz"_s, content);
        StorageTestBackend &m_backend = *backend(); // the name OPEN_DESTINATION uses
        const auto spec = m_backend.freshSpec(u"placeholders"_s);
        OPEN_DESTINATION(destination, spec);
        const auto loaded = sync::loadUnit(destination, salesLikeUnit(u"sales_summary"_s, file, u"1"_s));
        QVERIFY2(loaded.ok(), qPrintable(loaded.errorMessage()));
        const QString table = destination.qualified(u"sales_summary"_s);
        QCOMPARE(storagetest::rowsOf(destination,
                                     u"SELECT sku, promo_code, order_type FROM %1 ORDER BY sku"_s.arg(table)),
                 (QList<QStringList>{{u"app"_s, storagetest::Null, storagetest::Null},
                                     {u"iap"_s, u"  "_s, u"PO"_s}}));
        const auto numbers = storagetest::rowsOf(
            destination, u"SELECT units, customer_price FROM %1 ORDER BY sku"_s.arg(table));
        QCOMPARE(numbers.size(), 2);
        QCOMPARE(numbers[0][0], storagetest::Null);
        QCOMPARE(numbers[0][1].toDouble(), 0.99);
        QCOMPARE(numbers[1][0].toDouble(), 3.0);
        QCOMPARE(numbers[1][1], storagetest::Null);
    }

    void oldPlaceholdersAreRewrittenOnRequest()
    {
        // Rows loaded before the rule kept the space; clearMissingValuePlaceholders (for the migration)
        // turns them into NULL in text data columns and leaves bookkeeping columns alone.
        const QString file = writeGzip(m_files, u"old.tsv.gz"_s, "SKU\tPromo Code\nkept\tPROMO\n");
        StorageTestBackend &m_backend = *backend(); // the name OPEN_DESTINATION uses
        const auto spec = m_backend.freshSpec(u"oldspaces"_s);
        OPEN_DESTINATION(destination, spec);
        QVERIFY(sync::loadUnit(destination, salesLikeUnit(u"sales_summary"_s, file, u"1"_s)).ok());
        const QString table = destination.qualified(u"sales_summary"_s);
        VERIFY_OK(destination.query(
            u"INSERT INTO %1 (sku, promo_code, _report_date) VALUES (' ', ' ', '2026-11-02')"_s.arg(table),
            {}, {}));
        VERIFY_OK(destination.begin());
        const auto cleared = storage::clearMissingValuePlaceholders(destination, u"sales_summary"_s);
        VERIFY_OK(destination.commit());
        QVERIFY2(cleared.ok(), qPrintable(cleared.errorMessage()));
        QCOMPARE(cleared.value(), 2);
        QCOMPARE(storagetest::rowsOf(
                     destination, u"SELECT sku, promo_code FROM %1 ORDER BY sku IS NULL, sku"_s.arg(table)),
                 (QList<QStringList>{{u"kept"_s, u"PROMO"_s}, {storagetest::Null, storagetest::Null}}));
        const auto missing = storage::clearMissingValuePlaceholders(destination, u"no_such_table"_s);
        QVERIFY(missing.ok() && missing.value() == 0);
    }

    void reportVersionsShareOneTableInEitherOrder_data()
    {
        QTest::addColumn<bool>("oldFirst");
        QTest::newRow("old layout first") << true;
        QTest::newRow("new layout first") << false;
    }

    void reportVersionsShareOneTableInEitherOrder()
    {
        // A subscription report's 1_2 layout names the offer `Promotional Offer Name`, early in the row, and
        // lacks later columns; 1_3 has `Subscription Offer Name` after `Proceeds Reason` and more columns.
        QFETCH(bool, oldFirst);
        const QString old12 =
            writeGzip(m_files, u"v12.tsv.gz"_s,
                      "Event Date\tEvent\tPromotional Offer Name\tProceeds Reason\tQuantity\n"
                      "2023-02-14\tSubscribe\tSpring\t \t4\n");
        const QString new13 =
            writeGzip(m_files, u"v13.tsv.gz"_s,
                      "Event Date\tEvent\tProceeds Reason\tSubscription Offer Name\tQuantity"
                      "\tPaid Service Days Recovered\n"
                      "2023-02-15\tRenew\tRate After One Year\tSummer\t2\t5\n");
        StorageTestBackend &m_backend = *backend(); // the name OPEN_DESTINATION uses
        const auto spec = m_backend.freshSpec(oldFirst ? u"versionsold"_s : u"versionsnew"_s);
        OPEN_DESTINATION(destination, spec);
        const auto unit = [](const QString &file, const QString &day) {
            sync::UnitLoad load = salesLikeUnit(u"subscription_event"_s, file, day);
            load.metadata = {{{u"_report_date"_s, storage::ColumnType::Date}, day}};
            return load;
        };
        const QList<std::pair<QString, QString>> order =
            oldFirst ? QList<std::pair<QString, QString>>{{old12, u"2023-02-14"_s}, {new13, u"2023-02-15"_s}}
                     : QList<std::pair<QString, QString>>{{new13, u"2023-02-15"_s}, {old12, u"2023-02-14"_s}};
        for (const auto &[file, day] : order) {
            const auto loaded = sync::loadUnit(destination, unit(file, day));
            QVERIFY2(loaded.ok(), qPrintable(loaded.errorMessage()));
        }
        const QString table = destination.qualified(u"subscription_event"_s);
        QCOMPARE(
            storagetest::rowsOf(destination,
                                u"SELECT event, promotional_offer_name, subscription_offer_name, "
                                u"proceeds_reason FROM %1 ORDER BY event_date"_s.arg(table)),
            (QList<QStringList>{{u"Subscribe"_s, u"Spring"_s, storagetest::Null, storagetest::Null},
                                {u"Renew"_s, storagetest::Null, u"Summer"_s, u"Rate After One Year"_s}}));
        const auto numbers = storagetest::rowsOf(
            destination,
            u"SELECT quantity, paid_service_days_recovered FROM %1 ORDER BY event_date"_s.arg(table));
        QCOMPARE(numbers.size(), 2);
        QCOMPARE(numbers[0][0].toDouble(), 4.0);
        QCOMPARE(numbers[0][1], storagetest::Null);
        QCOMPARE(numbers[1][0].toDouble(), 2.0);
        QCOMPARE(numbers[1][1].toDouble(), 5.0);
    }
};

QTEST_GUILESS_MAIN(TestUnitLoader)
#include "tst_unitloader.moc"
