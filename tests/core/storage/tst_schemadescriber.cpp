// The data dictionary of a real destination (storage::describeDestination) and, on PostgreSQL, the COMMENT ON
// texts ascsync writes when it creates a table or adds columns. Runs on SQLite, and on PostgreSQL when
// ASCSYNC_TEST_PG_* names a server.
#include "storagetestbackend.h"
#include "storagetesthelpers.h"

#include "core/reports/datadictionary.h"
#include "core/reports/dictionaryformat.h"
#include "core/storage/schemadescriber.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace ascsync;
using namespace ascsync::storage;

namespace {

// The columns a DAILY downloads instance brings, plus the instance key.
QList<Column> downloadsColumns()
{
    return {{u"date"_s, ColumnType::Date},
            {u"app_apple_identifier"_s, ColumnType::Text},
            {u"download_type"_s, ColumnType::Text},
            {u"counts"_s, ColumnType::Decimal}};
}

QList<Column> instanceColumn()
{
    return {{u"_instance"_s, ColumnType::Integer}};
}

} // namespace

class TestSchemaDescriber : public QObject {
    Q_OBJECT

private:
    StorageTestBackend m_sqlite{StorageTestBackend::Kind::Sqlite};
    StorageTestBackend m_postgres{StorageTestBackend::Kind::Postgres};
    bool m_hasPostgres = false;

    StorageTestBackend *backend()
    {
        QFETCH_GLOBAL(bool, postgres);
        return postgres ? &m_postgres : &m_sqlite;
    }

    // The comment PostgreSQL holds for a table (column empty) or column, "<NULL>" when there is none.
    static QString commentOf(Destination &destination, const QString &table, const QString &column = {})
    {
        const QString relation = u"to_regclass('%1')"_s.arg(destination.qualified(table));
        const QString sql =
            column.isEmpty()
                ? u"SELECT obj_description(%1, 'pg_class')"_s.arg(relation)
                : u"SELECT col_description(%1, (SELECT attnum FROM pg_attribute WHERE attrelid = %1 AND "
                  u"attname = '%2'))"_s.arg(relation, column);
        const QList<QStringList> rows = storagetest::rowsOf(destination, sql);
        return rows.value(0).value(0);
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
        VERIFY_OK(m_sqlite.setUp());
        m_hasPostgres = m_postgres.setUp().ok();
    }

    void cleanupTestCase() { m_postgres.tearDown(); }

    void init()
    {
        QFETCH_GLOBAL(bool, postgres);
        if (postgres && !m_hasPostgres)
            QSKIP("No PostgreSQL server: set ASCSYNC_TEST_PG_* (tests/run-all.sh does).");
    }

    void describesTheTablesTheDestinationHas()
    {
        StorageTestBackend &m_backend = *backend(); // the name OPEN_DESTINATION uses
        const DestinationSpec spec = m_backend.freshSpec(u"describe"_s);
        OPEN_DESTINATION(destination, spec);
        for (const QString &table : {u"downloads"_s, u"downloads_weekly"_s}) {
            VERIFY_OK(destination.prepareTable(table, downloadsColumns(), instanceColumn(),
                                               MigrationPolicy::Evolve));
        }
        // A table of the user's own, with a unique column: listed too, without invented meanings.
        VERIFY_OK(m_backend.execDirect(
            spec,
            {u"CREATE TABLE \"%1\".my_notes (id integer PRIMARY KEY, label text UNIQUE, note text)"_s.arg(
                spec.schema())}));

        const Result<reports::DataDictionary> described = describeDestination(destination);
        VERIFY_OK(described);
        const reports::DataDictionary &dictionary = described.value();
        QVERIFY(dictionary.fromDestination);
        QCOMPARE(dictionary.schema, spec.schema());

        const reports::DictionaryTable *downloads = dictionary.table(u"downloads");
        QVERIFY(downloads);
        QCOMPARE(downloads->kind, reports::TableKind::Analytics);
        QCOMPARE(downloads->source, u"App Downloads Standard"_s);
        QStringList names;
        for (const reports::DictionaryColumn &column : downloads->columns)
            names << column.name;
        QCOMPARE(names, QStringList({u"date"_s, u"app_apple_identifier"_s, u"download_type"_s, u"counts"_s,
                                     u"_instance"_s}));
        // Types as the database declares them.
        QCOMPARE(downloads->column(u"counts")->type, m_backend.isPostgres() ? u"numeric"_s : u"real"_s);
        QCOMPARE(downloads->column(u"date")->type, m_backend.isPostgres() ? u"date"_s : u"text"_s);
        QCOMPARE(downloads->column(u"counts")->meaning, reports::columnMeaning(u"downloads", u"counts"));
        QCOMPARE(downloads->column(u"counts")->header, u"Counts"_s);
        QCOMPARE(downloads->column(u"_instance")->references, u"_ascsync_instances.instance_key"_s);

        const reports::DictionaryTable *weekly = dictionary.table(u"downloads_weekly");
        QVERIFY(weekly);
        QVERIFY2(weekly->meaning.startsWith(u"Weekly"_s), qPrintable(weekly->meaning));

        const reports::DictionaryTable *meta = dictionary.table(u"_ascsync_meta");
        QVERIFY(meta);
        QCOMPARE(meta->kind, reports::TableKind::Bookkeeping);
        QVERIFY(meta->column(u"key")->primaryKey);
        QVERIFY(!meta->column(u"value")->primaryKey);
        const reports::DictionaryTable *loads = dictionary.table(u"_ascsync_loads");
        QVERIFY(loads && loads->column(u"stream")->primaryKey && loads->column(u"unit_key")->primaryKey);

        const reports::DictionaryTable *notes = dictionary.table(u"my_notes");
        QVERIFY(notes);
        QCOMPARE(notes->kind, reports::TableKind::Other);
        QVERIFY(notes->column(u"id")->primaryKey);
        QVERIFY(notes->column(u"label")->unique);
        QVERIFY(!notes->column(u"note")->unique);
        QVERIFY(notes->column(u"note")->meaning.isEmpty());

        int fromDownloads = 0;
        for (const reports::DictionaryRelation &relation : dictionary.relations)
            fromDownloads += relation.fromTable.startsWith(u"downloads"_s) ? 1 : 0;
        QCOMPARE(fromDownloads, 2);

        const QString markdown = reports::dictionaryMarkdown(dictionary);
        QVERIFY(markdown.contains(u"Read from "_s + spec.describe()));
        QVERIFY(markdown.contains(u"### `my_notes`"_s));
    }

    void hostileTableNameIsEscaped()
    {
        StorageTestBackend &m_backend = *backend(); // the name OPEN_DESTINATION uses
        const DestinationSpec spec = m_backend.freshSpec(u"hostile"_s);
        OPEN_DESTINATION(destination, spec);
        VERIFY_OK(m_backend.execDirect(
            spec, {u"CREATE TABLE \"%1\".\"it's\nodd\x1b\" (\"a'b\" text)"_s.arg(spec.schema())}));
        const Result<reports::DataDictionary> described = describeDestination(destination);
        VERIFY_OK(described);
        const reports::DictionaryTable *odd = described->table(u"it's\nodd\x1b"_s);
        QVERIFY(odd);
        QCOMPARE(odd->columns.size(), 1);
        QCOMPARE(odd->columns.first().name, u"a'b"_s);
        const QString markdown = reports::dictionaryMarkdown(described.value());
        QVERIFY(markdown.contains(u"### `it's\\u000aodd\\u001b`"_s));
        QVERIFY(!markdown.contains(QChar(0x1b)));
    }

    void postgresCommentsNewTablesAndColumns()
    {
        StorageTestBackend &m_backend = *backend(); // the name OPEN_DESTINATION uses
        if (!m_backend.isPostgres())
            QSKIP("COMMENT ON is PostgreSQL's; SQLite has no comments.");
        const DestinationSpec spec = m_backend.freshSpec(u"comments"_s);
        OPEN_DESTINATION(destination, spec);
        VERIFY_OK(destination.prepareTable(u"downloads"_s, downloadsColumns(), instanceColumn(),
                                           MigrationPolicy::Evolve));
        QCOMPARE(commentOf(destination, u"downloads"_s), reports::tableMeaning(u"downloads"));
        QVERIFY(!reports::tableMeaning(u"downloads").isEmpty());
        for (const QString &column : {u"date"_s, u"download_type"_s, u"counts"_s, u"_instance"_s}) {
            QCOMPARE(commentOf(destination, u"downloads"_s, column),
                     reports::columnMeaning(u"downloads", column));
        }

        // A column a later file brings gets its text too; one the dictionary does not know gets none.
        QList<Column> wider = downloadsColumns();
        wider << Column{u"territory"_s, ColumnType::Text} << Column{u"brand_new_field"_s, ColumnType::Text};
        VERIFY_OK(destination.prepareTable(u"downloads"_s, wider, instanceColumn(), MigrationPolicy::Evolve));
        QCOMPARE(commentOf(destination, u"downloads"_s, u"territory"_s),
                 reports::columnMeaning(u"downloads", u"territory"));
        QCOMPARE(commentOf(destination, u"downloads"_s, u"brand_new_field"_s), storagetest::Null);

        // Weekly rows say so; texts with quotes survive; a table the dictionary does not know has none.
        VERIFY_OK(destination.prepareTable(u"purchases_monthly"_s, {{u"paying_users"_s, ColumnType::Decimal}},
                                           instanceColumn(), MigrationPolicy::Evolve));
        QVERIFY(commentOf(destination, u"purchases_monthly"_s).startsWith(u"Monthly rows"_s));
        QVERIFY(reports::columnMeaning(u"downloads", u"app_apple_identifier").contains(u'\''));
        QCOMPARE(commentOf(destination, u"downloads"_s, u"app_apple_identifier"_s),
                 reports::columnMeaning(u"downloads", u"app_apple_identifier"));
        VERIFY_OK(
            destination.prepareTable(u"events"_s, storagetest::eventColumns(), {}, MigrationPolicy::Evolve));
        QCOMPARE(commentOf(destination, u"events"_s), storagetest::Null);
    }

    void postgresCommentsUncommentedTablesOnOpen()
    {
        StorageTestBackend &m_backend = *backend(); // the name OPEN_DESTINATION uses
        if (!m_backend.isPostgres())
            QSKIP("COMMENT ON is PostgreSQL's; SQLite has no comments.");
        const DestinationSpec spec = m_backend.freshSpec(u"bookkeeping"_s);
        {
            OPEN_DESTINATION(destination, spec);
            for (const QString &table : {u"_ascsync_meta"_s, u"_ascsync_loads"_s, u"_ascsync_runs"_s}) {
                QVERIFY(!reports::tableMeaning(table).isEmpty());
                QCOMPARE(commentOf(destination, table), reports::tableMeaning(table));
            }
            QCOMPARE(commentOf(destination, u"_ascsync_loads"_s, u"unit_key"_s),
                     reports::columnMeaning(u"_ascsync_loads", u"unit_key"));
            // A table made without ascsync's texts (by an older version or a migration) gets them at the next
            // open; a comment someone wrote is theirs and stays.
            VERIFY_OK(storagetest::fetch(destination, u"CREATE TABLE %1 (date date, sessions numeric)"_s.arg(
                                                          destination.qualified(u"sessions_weekly"_s))));
            VERIFY_OK(storagetest::fetch(destination, u"COMMENT ON TABLE %1 IS 'ours'"_s.arg(
                                                          destination.qualified(u"_ascsync_runs"_s))));
        }
        OPEN_DESTINATION(again, spec);
        QCOMPARE(commentOf(again, u"_ascsync_runs"_s), u"ours"_s);
        QCOMPARE(commentOf(again, u"sessions_weekly"_s), reports::tableMeaning(u"sessions_weekly"));
        QCOMPARE(commentOf(again, u"sessions_weekly"_s, u"sessions"_s),
                 reports::columnMeaning(u"sessions_weekly", u"sessions"));
    }
};

QTEST_GUILESS_MAIN(TestSchemaDescriber)
#include "tst_schemadescriber.moc"
