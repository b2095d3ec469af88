// How a file's columns are fitted to a table (planSchemaChanges), and the identifier and type rules under it.
// Pure logic: the back-end suites check the same decisions against real databases.
#include "core/storage/column.h"
#include "core/storage/schemaplanner.h"
#include "core/storage/sqlidentifier.h"

#include <QTest>

// Declared before any use: a late declaration is an error in optimised builds.
Q_DECLARE_METATYPE(ascsync::storage::MigrationPolicy)

using namespace Qt::StringLiterals;
using namespace ascsync;
using namespace ascsync::storage;

namespace {

const Column date{u"date"_s, ColumnType::Date};
const Column app{u"app"_s, ColumnType::Text};
const Column counts{u"counts"_s, ColumnType::Decimal};
const Column appId{u"_app_id"_s, ColumnType::Text};

} // namespace

class TestSchemaPlanner : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void quoting()
    {
        QCOMPARE(quoteIdentifier(u"plain"), u"\"plain\""_s);
        QCOMPARE(quoteIdentifier(u"a\"b"), u"\"a\"\"b\""_s);
        QCOMPARE(quoteIdentifier(u"\"; DROP TABLE x; --"), u"\"\"\"; DROP TABLE x; --\""_s);
        QCOMPARE(qualifiedName(u"apple_app_store", u"dl\"x"), u"\"apple_app_store\".\"dl\"\"x\""_s);
    }

    void identifierChecks()
    {
        QVERIFY(checkIdentifier(QString(63, u'x'), u"column"));
        QCOMPARE(checkIdentifier(QString(64, u'x'), u"column").error().code, u"storage.identifier.tooLong"_s);
        // The limit is in UTF-8 bytes: 16 four-byte emoji are 64 bytes though only 32 UTF-16 units.
        QCOMPARE(checkIdentifier(u"😀"_s.repeated(16), u"column").error().code,
                 u"storage.identifier.tooLong"_s);
        QVERIFY(checkIdentifier(QString(u"😀"_s.repeated(15) + u"abc"_s), u"column"));
        QCOMPARE(checkIdentifier(u"a\tb"_s, u"table").error().code, u"storage.identifier.control"_s);
        QVERIFY(checkIdentifier(u"a\tb"_s, u"table").errorMessage().contains(u"\"a?b\""_s));
        QCOMPARE(checkIdentifier(QString(QChar(0xdc00)), u"table").error().code,
                 u"storage.identifier.encoding"_s);
        QVERIFY(checkIdentifier(u"it's \"fine\" 📈"_s, u"table"));
    }

    void typeRules()
    {
        QVERIFY(columnHolds(ColumnType::Text, ColumnType::Date));
        QVERIFY(columnHolds(ColumnType::Text, ColumnType::Decimal));
        QVERIFY(columnHolds(ColumnType::Decimal, ColumnType::Integer));
        QVERIFY(!columnHolds(ColumnType::Integer, ColumnType::Decimal));
        QVERIFY(!columnHolds(ColumnType::Date, ColumnType::Text));
        QVERIFY(!columnHolds(ColumnType::Decimal, ColumnType::Date));
        QCOMPARE(widerType(ColumnType::Integer, ColumnType::Decimal), ColumnType::Decimal);
        QCOMPARE(widerType(ColumnType::Decimal, ColumnType::Integer), ColumnType::Decimal);
        QCOMPARE(widerType(ColumnType::Date, ColumnType::Decimal), ColumnType::Text);
        QCOMPARE(widerType(ColumnType::Integer, ColumnType::Date), ColumnType::Text);
        QCOMPARE(widerType(ColumnType::Date, ColumnType::Date), ColumnType::Date);
        QCOMPARE(parseMigrationPolicy(u" Ignore "), MigrationPolicy::Ignore);
        QCOMPARE(parseMigrationPolicy(u"fail"), MigrationPolicy::Fail);
        QVERIFY(!parseMigrationPolicy(u"drop").has_value());
        QCOMPARE(migrationPolicyName(MigrationPolicy::Evolve), u"evolve"_s);
    }

    void newTable()
    {
        const auto changes = planSchemaChanges(u"downloads"_s, std::nullopt, {date, app, counts}, {appId},
                                               MigrationPolicy::Fail, Qt::CaseSensitive);
        QVERIFY2(changes.ok(), qPrintable(changes.errorMessage()));
        QCOMPARE(changes->createColumns, (QList<Column>{date, app, counts, appId}));
        QVERIFY(changes->plan.created);
        QCOMPARE(changes->plan.loadColumns, (QList<Column>{date, app, counts, appId}));
        QCOMPARE(changes->plan.sourceIndexes, (QList<qsizetype>{0, 1, 2, 3}));
        QVERIFY(changes->plan.changedSchema());
    }

    void policies_data()
    {
        QTest::addColumn<MigrationPolicy>("policy");
        QTest::addColumn<bool>("fails");
        QTest::addColumn<QStringList>("added");
        QTest::addColumn<QStringList>("widened");
        QTest::addColumn<QStringList>("ignored");
        QTest::addColumn<QStringList>("loaded");
        QTest::newRow("evolve") << MigrationPolicy::Evolve << false << QStringList{u"region"_s}
                                << QStringList{u"counts:integer->decimal"_s} << QStringList()
                                << QStringList{u"date"_s, u"counts"_s, u"region"_s, u"_app_id"_s};
        QTest::newRow("ignore") << MigrationPolicy::Ignore << false << QStringList() << QStringList()
                                << QStringList{u"counts"_s, u"region"_s}
                                << QStringList{u"date"_s, u"_app_id"_s};
        QTest::newRow("fail") << MigrationPolicy::Fail << true << QStringList() << QStringList()
                              << QStringList() << QStringList();
    }

    void policies()
    {
        QFETCH(MigrationPolicy, policy);
        QFETCH(bool, fails);
        QFETCH(QStringList, added);
        QFETCH(QStringList, widened);
        QFETCH(QStringList, ignored);
        QFETCH(QStringList, loaded);
        // The table has app (which this file lacks) and counts as integer; the file brings decimals and a
        // region.
        const QList<Column> table = {date, app, {u"counts"_s, ColumnType::Integer}, appId};
        const QList<Column> file = {date, counts, {u"region"_s, ColumnType::Text}};
        const auto changes =
            planSchemaChanges(u"downloads"_s, table, file, {appId}, policy, Qt::CaseSensitive);
        if (fails) {
            QVERIFY(!changes.ok());
            QCOMPARE(changes.error().code, u"storage.schema.conflict"_s);
            // Every offending column is named, with what to do.
            QVERIFY(changes.errorMessage().contains(u"\"region\" (text) is new"_s));
            QVERIFY(changes.errorMessage().contains(
                u"\"counts\" is integer in the table but decimal in the file"_s));
            QVERIFY(changes.errorMessage().contains(u"nothing was changed"_s));
            return;
        }
        QVERIFY2(changes.ok(), qPrintable(changes.errorMessage()));
        const TablePlan &plan = changes->plan;
        QStringList reportedAdded, reportedWidened, reportedIgnored, reportedLoaded;
        for (const Column &column : plan.addedColumns)
            reportedAdded << column.name;
        for (const WidenedColumn &column : plan.widenedColumns)
            reportedWidened << u"%1:%2->%3"_s.arg(column.name, columnTypeName(column.from),
                                                  columnTypeName(column.to));
        for (const IgnoredColumn &column : plan.ignoredColumns)
            reportedIgnored << column.column.name;
        for (const Column &column : plan.loadColumns)
            reportedLoaded << column.name;
        QCOMPARE(reportedAdded, added);
        QCOMPARE(reportedWidened, widened);
        QCOMPARE(reportedIgnored, ignored);
        QCOMPARE(reportedLoaded, loaded);
        QCOMPARE(plan.columnsMissingFromFile, QStringList{u"app"_s});
        QCOMPARE(plan.describeChanges().size(), added.size() + widened.size() + ignored.size());
        if (policy == MigrationPolicy::Ignore) {
            QCOMPARE(plan.ignoredColumns[0].tableType, ColumnType::Integer); // a type clash...
            QVERIFY(!plan.ignoredColumns[1].tableType.has_value());          // ...and a new column
        }
    }

    void metadataColumnsAlwaysEvolve()
    {
        // A newer ascsync adds a metadata column: even with policy 'fail' the stream keeps working.
        const Column loadedAt{u"_loaded_at"_s, ColumnType::Text};
        const auto changes = planSchemaChanges(u"downloads"_s, QList<Column>{date, appId}, {date},
                                               {appId, loadedAt}, MigrationPolicy::Fail, Qt::CaseSensitive);
        QVERIFY2(changes.ok(), qPrintable(changes.errorMessage()));
        QCOMPARE(changes->addColumns, QList<Column>{loadedAt});
    }

    void narrowerFileTypesNeedNoChange()
    {
        const QList<Column> table = {{u"a"_s, ColumnType::Text}, {u"b"_s, ColumnType::Decimal}};
        const QList<Column> file = {{u"a"_s, ColumnType::Date}, {u"b"_s, ColumnType::Integer}};
        const auto changes =
            planSchemaChanges(u"t"_s, table, file, {}, MigrationPolicy::Fail, Qt::CaseSensitive);
        QVERIFY2(changes.ok(), qPrintable(changes.errorMessage()));
        QVERIFY(!changes->plan.changedSchema());
        QCOMPARE(changes->plan.loadColumns, table); // bound with the table's types
    }

    void caseInsensitiveBackEnds()
    {
        const QList<Column> table = {{u"Date"_s, ColumnType::Text}};
        const auto sqlite =
            planSchemaChanges(u"t"_s, table, {date}, {}, MigrationPolicy::Fail, Qt::CaseInsensitive);
        QVERIFY2(sqlite.ok(), qPrintable(sqlite.errorMessage()));
        QCOMPARE(sqlite->plan.loadColumns, table); // the table's spelling
        const auto postgres =
            planSchemaChanges(u"t"_s, table, {date}, {}, MigrationPolicy::Evolve, Qt::CaseSensitive);
        QVERIFY2(postgres.ok(), qPrintable(postgres.errorMessage()));
        QCOMPARE(postgres->addColumns, QList<Column>{date}); // "date" and "Date" are two columns there

        const auto duplicate = planSchemaChanges(u"t"_s, std::nullopt, {date, {u"DATE"_s, ColumnType::Text}},
                                                 {}, MigrationPolicy::Evolve, Qt::CaseInsensitive);
        QVERIFY(!duplicate.ok());
        QCOMPARE(duplicate.error().code, u"storage.schema.duplicateColumn"_s);
        QVERIFY(planSchemaChanges(u"t"_s, std::nullopt, {date, {u"DATE"_s, ColumnType::Text}}, {},
                                  MigrationPolicy::Evolve, Qt::CaseSensitive)
                    .ok());
    }

    void refusals()
    {
        QCOMPARE(planSchemaChanges(u"t"_s, std::nullopt, {}, {}, MigrationPolicy::Evolve, Qt::CaseSensitive)
                     .error()
                     .code,
                 u"storage.schema.noColumns"_s);
        QCOMPARE(planSchemaChanges(u"sqlite_master"_s, std::nullopt, {date}, {}, MigrationPolicy::Evolve,
                                   Qt::CaseSensitive)
                     .error()
                     .code,
                 u"storage.identifier.reserved"_s);
        QCOMPARE(planSchemaChanges(u"t"_s, std::nullopt, {date, date}, {}, MigrationPolicy::Evolve,
                                   Qt::CaseSensitive)
                     .error()
                     .code,
                 u"storage.schema.duplicateColumn"_s);
        // Ignoring every column of the file leaves nothing to load: that is an error, not an empty load.
        QCOMPARE(planSchemaChanges(u"t"_s, QList<Column>{app}, {counts}, {}, MigrationPolicy::Ignore,
                                   Qt::CaseSensitive)
                     .error()
                     .code,
                 u"storage.schema.nothingToLoad"_s);
    }

    void selectValues()
    {
        TablePlan plan;
        plan.sourceIndexes = {2, 0, 3, 5};
        QList<QString> row{u"stale"_s};
        plan.selectValues({u"a"_s, u"b"_s, u"c"_s}, {u"m"_s}, row);
        QCOMPARE(row.size(), 4);
        QCOMPARE(row[0], u"c"_s);
        QCOMPARE(row[1], u"a"_s);
        QCOMPARE(row[2], u"m"_s);
        QVERIFY(row[3].isNull()); // beyond the values given: NULL
    }
};

QTEST_GUILESS_MAIN(TestSchemaPlanner)
#include "tst_schemaplanner.moc"
