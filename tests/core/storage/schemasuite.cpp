#include "schemasuite.h"

#include "storagetesthelpers.h"

#include "ascsync/testpaths.h"
#include "core/storage/sqlidentifier.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ascsync;
using namespace ascsync::storage;
using namespace storagetest;

namespace {

QString conversionRateSql()
{
    QString shared = qEnvironmentVariable("ASCSYNC_SHARED_DIR");
    if (shared.isEmpty())
        shared = QStringLiteral(ASCSYNC_SOURCE_DIR "/../shared");
    QFile file(QDir(shared).filePath(u"reference/conversion-rate.sql"_s));
    if (!file.open(QIODevice::ReadOnly))
        return QString();
    return QString::fromUtf8(file.readAll());
}

} // namespace

SchemaSuite::SchemaSuite(StorageTestBackend &backend, QObject *parent)
    : QObject(parent)
    , m_backend(backend)
{}

void SchemaSuite::createsTableAndLoadsRows()
{
    OPEN_DESTINATION(destination, m_backend.freshSpec(u"create"_s));
    QVERIFY(!destination.tableColumns(u"downloads"_s).value().has_value());

    VERIFY_OK(destination.begin());
    const QList<Column> file = {
        {u"date"_s, ColumnType::Date}, {u"app_name"_s, ColumnType::Text}, {u"counts"_s, ColumnType::Decimal}};
    const QList<Column> metadata = {{u"_app_id"_s, ColumnType::Text}, {u"_granularity"_s, ColumnType::Text}};
    const Result<TablePlan> plan =
        destination.prepareTable(u"downloads"_s, file, metadata, MigrationPolicy::Fail);
    VERIFY_OK(plan);
    QVERIFY(plan->created);
    QCOMPARE(plan->loadColumns, file + metadata);
    QCOMPARE(plan->sourceIndexes, (QList<qsizetype>{0, 1, 2, 3, 4}));

    Result<std::unique_ptr<RowSink>> sink = destination.openSink(u"downloads"_s, plan->loadColumns);
    VERIFY_OK(sink);
    QList<QString> row;
    plan->selectValues({u"2025-01-01"_s, u"Alpha"_s, u"12"_s}, {u"111"_s, u"DAILY"_s}, row);
    VERIFY_OK(sink.value()->append(row));
    plan->selectValues({u"2025-01-02"_s, u"Alpha"_s, u"0.5"_s}, {u"111"_s, u"DAILY"_s}, row);
    VERIFY_OK(sink.value()->append(row));
    const Result<qint64> written = sink.value()->finish();
    VERIFY_OK(written);
    QCOMPARE(written.value(), 2);
    VERIFY_OK(destination.commit());

    QCOMPARE(rowsOf(destination,
                    u"SELECT date, app_name, counts, _app_id, _granularity FROM %1 ORDER BY date"_s.arg(
                        destination.qualified(u"downloads"_s))),
             (QList<QStringList>{{u"2025-01-01"_s, u"Alpha"_s, u"12"_s, u"111"_s, u"DAILY"_s},
                                 {u"2025-01-02"_s, u"Alpha"_s, u"0.5"_s, u"111"_s, u"DAILY"_s}}));
    QCOMPARE(describeColumns(destination, u"downloads"_s),
             expectedColumns({u"date:date"_s, u"app_name:text"_s, u"counts:decimal"_s, u"_app_id:text"_s,
                              u"_granularity:text"_s},
                             !m_backend.isPostgres()));

    // Prepared again with the same columns: nothing changes.
    const Result<TablePlan> again =
        destination.prepareTable(u"downloads"_s, file, metadata, MigrationPolicy::Fail);
    VERIFY_OK(again);
    QVERIFY(!again->changedSchema());
    QVERIFY(again->describeChanges().isEmpty());
}

void SchemaSuite::migrationPolicy_data()
{
    QTest::addColumn<ColumnType>("firstType");     // type of `counts` in the table
    QTest::addColumn<QString>("firstValue");       // its value in the first row
    QTest::addColumn<QList<Column>>("secondFile"); // columns of the second file
    QTest::addColumn<QStringList>("secondRow");
    QTest::addColumn<MigrationPolicy>("policy");
    QTest::addColumn<QString>("errorMentions"); // empty: no error expected
    QTest::addColumn<QStringList>("changes");   // added / widened / ignored, as "kind:name"
    QTest::addColumn<QStringList>("columnsAfter");
    QTest::addColumn<QList<QStringList>>("rowsAfter");

    const Column date{u"date"_s, ColumnType::Date};
    const Column app{u"app"_s, ColumnType::Text};
    const QList<Column> withRegion = {
        date, app, {u"counts"_s, ColumnType::Decimal}, {u"region"_s, ColumnType::Text}};
    const QStringList regionRow = {u"2025-01-02"_s, u"B"_s, u"2.25"_s, u"EU"_s};
    const QStringList baseColumns = {u"date:date"_s, u"app:text"_s, u"counts:decimal"_s, u"_app_id:text"_s};
    const QStringList firstRow = {u"2025-01-01"_s, u"A"_s, u"1.5"_s, u"111"_s};

    QTest::newRow("new column, evolve")
        << ColumnType::Decimal << u"1.5"_s << withRegion << regionRow << MigrationPolicy::Evolve << QString()
        << QStringList{u"added:region"_s} << (baseColumns + QStringList{u"region:text"_s})
        << QList<QStringList>{firstRow + QStringList{Null},
                              {u"2025-01-02"_s, u"B"_s, u"2.25"_s, u"222"_s, u"EU"_s}};
    QTest::newRow("new column, ignore")
        << ColumnType::Decimal << u"1.5"_s << withRegion << regionRow << MigrationPolicy::Ignore << QString()
        << QStringList{u"ignored:region"_s} << baseColumns
        << QList<QStringList>{firstRow, {u"2025-01-02"_s, u"B"_s, u"2.25"_s, u"222"_s}};
    QTest::newRow("new column, fail")
        << ColumnType::Decimal << u"1.5"_s << withRegion << regionRow << MigrationPolicy::Fail
        << u"\"region\""_s << QStringList() << baseColumns << QList<QStringList>{firstRow};

    const QList<Column> countsAsText = {date, app, {u"counts"_s, ColumnType::Text}};
    const QStringList textRow = {u"2025-01-02"_s, u"B"_s, u"n/a"_s};
    QStringList widenedColumns = baseColumns;
    widenedColumns[2] = u"counts:text"_s;
    QTest::newRow("decimal column gets text, evolve")
        << ColumnType::Decimal << u"1.5"_s << countsAsText << textRow << MigrationPolicy::Evolve << QString()
        << QStringList{u"widened:counts:decimal->text"_s} << widenedColumns
        << QList<QStringList>{firstRow, {u"2025-01-02"_s, u"B"_s, u"n/a"_s, u"222"_s}};
    QTest::newRow("decimal column gets text, ignore")
        << ColumnType::Decimal << u"1.5"_s << countsAsText << textRow << MigrationPolicy::Ignore << QString()
        << QStringList{u"ignored:counts"_s} << baseColumns
        << QList<QStringList>{firstRow, {u"2025-01-02"_s, u"B"_s, Null, u"222"_s}};
    QTest::newRow("decimal column gets text, fail")
        << ColumnType::Decimal << u"1.5"_s << countsAsText << textRow << MigrationPolicy::Fail
        << u"\"counts\" is decimal in the table but text in the file"_s << QStringList() << baseColumns
        << QList<QStringList>{firstRow};

    QStringList integerColumns = baseColumns;
    integerColumns[2] = u"counts:integer"_s;
    QTest::newRow("integer column gets decimals, evolve")
        << ColumnType::Integer << u"3"_s << QList<Column>{date, app, {u"counts"_s, ColumnType::Decimal}}
        << QStringList{u"2025-01-02"_s, u"B"_s, u"2.5"_s} << MigrationPolicy::Evolve << QString()
        << QStringList{u"widened:counts:integer->decimal"_s} << baseColumns
        << QList<QStringList>{{u"2025-01-01"_s, u"A"_s, u"3"_s, u"111"_s},
                              {u"2025-01-02"_s, u"B"_s, u"2.5"_s, u"222"_s}};
    QTest::newRow("integer values fit a decimal column, fail")
        << ColumnType::Decimal << u"1.5"_s << QList<Column>{date, app, {u"counts"_s, ColumnType::Integer}}
        << QStringList{u"2025-01-02"_s, u"B"_s, u"7"_s} << MigrationPolicy::Fail << QString() << QStringList()
        << baseColumns << QList<QStringList>{firstRow, {u"2025-01-02"_s, u"B"_s, u"7"_s, u"222"_s}};
}

void SchemaSuite::migrationPolicy()
{
    QFETCH(ColumnType, firstType);
    QFETCH(QString, firstValue);
    QFETCH(QList<Column>, secondFile);
    QFETCH(QStringList, secondRow);
    QFETCH(MigrationPolicy, policy);
    QFETCH(QString, errorMentions);
    QFETCH(QStringList, changes);
    QFETCH(QStringList, columnsAfter);
    QFETCH(QList<QStringList>, rowsAfter);
    const bool sqlite = !m_backend.isPostgres();

    OPEN_DESTINATION(destination, m_backend.freshSpec(u"policy"_s));
    const QList<Column> metadata = {{u"_app_id"_s, ColumnType::Text}};
    const QList<Column> firstFile = {
        {u"date"_s, ColumnType::Date}, {u"app"_s, ColumnType::Text}, {u"counts"_s, firstType}};
    VERIFY_OK(createAndLoad(destination, u"report"_s, firstFile + metadata,
                            {{u"2025-01-01"_s, u"A"_s, firstValue, u"111"_s}}));
    const QStringList columnsBefore = describeColumns(destination, u"report"_s);
    const QString select = u"SELECT * FROM %1 ORDER BY date"_s.arg(destination.qualified(u"report"_s));
    const QList<QStringList> rowsBefore = rowsOf(destination, select);

    VERIFY_OK(destination.begin());
    const Result<TablePlan> plan = destination.prepareTable(u"report"_s, secondFile, metadata, policy);
    if (!errorMentions.isEmpty()) {
        QVERIFY(!plan);
        QCOMPARE(plan.error().code, u"storage.schema.conflict"_s);
        QVERIFY2(plan.errorMessage().contains(errorMentions), qPrintable(plan.errorMessage()));
        QVERIFY2(plan.errorMessage().contains(u"'evolve'"_s), qPrintable(plan.errorMessage()));
        VERIFY_OK(destination.rollback());
        QCOMPARE(describeColumns(destination, u"report"_s), columnsBefore);
        QCOMPARE(rowsOf(destination, select), rowsBefore);
        QCOMPARE(rowsAfter.size(), 1);
        return;
    }
    VERIFY_OK(plan);
    QStringList reported;
    for (const Column &column : plan->addedColumns)
        reported << u"added:"_s + column.name;
    for (const WidenedColumn &column : plan->widenedColumns)
        reported << u"widened:%1:%2->%3"_s.arg(column.name, columnTypeName(column.from),
                                               columnTypeName(column.to));
    for (const IgnoredColumn &column : plan->ignoredColumns)
        reported << u"ignored:"_s + column.column.name;
    QCOMPARE(reported, changes);
    QCOMPARE(plan->describeChanges().size(), changes.size());

    QList<QString> row;
    plan->selectValues(secondRow, {u"222"_s}, row);
    VERIFY_OK(loadRows(destination, u"report"_s, plan->loadColumns, {row}));
    VERIFY_OK(destination.commit());

    QCOMPARE(describeColumns(destination, u"report"_s), expectedColumns(columnsAfter, sqlite));
    QCOMPARE(rowsOf(destination, select), rowsAfter);
}

void SchemaSuite::hostileIdentifiers_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("sql injection") << u"\"; DROP TABLE x; --"_s;
    QTest::newRow("bobby tables") << u"Robert'); DROP TABLE students;--"_s;
    QTest::newRow("quotes") << u"it's \"quoted\" ''twice''"_s;
    QTest::newRow("emoji") << u"📈 downloads 👩‍💻"_s;
    QTest::newRow("backslash and percent") << u"back\\slash %s $1 ?"_s;
    QTest::newRow("mixed case and spaces") << u"  Mixed Case  "_s;
    QTest::newRow("keyword") << u"select"_s;
    QTest::newRow("63 bytes") << QString(63, u'a');
    QTest::newRow("63 bytes with emoji") << u"📈"_s.repeated(15) + u"abc"_s;
}

void SchemaSuite::hostileIdentifiers()
{
    QFETCH(QString, name);
    OPEN_DESTINATION(destination, m_backend.freshSpec(u"hostile"_s));
    // Canaries: what the injections above would destroy.
    VERIFY_OK(createAndLoad(destination, u"x"_s, {{u"alive"_s, ColumnType::Text}}, {{u"yes"_s}}));
    VERIFY_OK(createAndLoad(destination, u"students"_s, {{u"alive"_s, ColumnType::Text}}, {{u"yes"_s}}));

    const QList<Column> columns = {{name, ColumnType::Text}, {u"n"_s, ColumnType::Integer}};
    VERIFY_OK(createAndLoad(destination, name, columns, {{name, u"1"_s}, {u"other"_s, u"2"_s}}));

    const Result<std::optional<QList<Column>>> found = destination.tableColumns(name);
    VERIFY_OK(found);
    QVERIFY(found.value().has_value());
    QCOMPARE(*found.value(), columns);
    QCOMPARE(rowsOf(destination, u"SELECT %1, n FROM %2 ORDER BY n"_s.arg(quoteIdentifier(name),
                                                                          destination.qualified(name))),
             (QList<QStringList>{{name, u"1"_s}, {u"other"_s, u"2"_s}}));

    const Result<qint64> deleted =
        destination.deleteRows(name, RowFilter{{{name, name}}, u"n"_s, {u"1"_s, u"2"_s}});
    VERIFY_OK(deleted);
    QCOMPARE(deleted.value(), 1);

    // Evolving the table with the hostile name as a second column name works too.
    VERIFY_OK(destination.begin());
    const QString second = name.toUtf8().size() <= 58 ? u"also "_s + name : u"also"_s;
    const Result<TablePlan> plan = destination.prepareTable(
        name, columns + QList<Column>{{second, ColumnType::Text}}, {}, MigrationPolicy::Evolve);
    VERIFY_OK(plan);
    QCOMPARE(plan->addedColumns, (QList<Column>{{second, ColumnType::Text}}));
    VERIFY_OK(destination.commit());

    QCOMPARE(rowsOf(destination, u"SELECT alive FROM %1"_s.arg(destination.qualified(u"x"_s))),
             (QList<QStringList>{{u"yes"_s}}));
    QCOMPARE(rowsOf(destination, u"SELECT alive FROM %1"_s.arg(destination.qualified(u"students"_s))),
             (QList<QStringList>{{u"yes"_s}}));
}

void SchemaSuite::refusedIdentifiers_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("code");
    QTest::newRow("64 bytes") << QString(64, u'a') << u"storage.identifier.tooLong"_s;
    QTest::newRow("64 bytes of emoji") << u"📈"_s.repeated(16) << u"storage.identifier.tooLong"_s;
    QTest::newRow("empty") << QString() << u"storage.identifier.empty"_s;
    QTest::newRow("newline") << u"two\nlines"_s << u"storage.identifier.control"_s;
    QTest::newRow("nul") << QString(u"nul\0byte"_s) << u"storage.identifier.control"_s;
    QTest::newRow("lone surrogate") << QString(QChar(0xd800)) << u"storage.identifier.encoding"_s;
}

void SchemaSuite::refusedIdentifiers()
{
    QFETCH(QString, name);
    QFETCH(QString, code);
    OPEN_DESTINATION(destination, m_backend.freshSpec(u"refused"_s));

    const Result<TablePlan> asTable =
        destination.prepareTable(name, {{u"a"_s, ColumnType::Text}}, {}, MigrationPolicy::Evolve);
    QVERIFY(!asTable);
    QCOMPARE(asTable.error().code, code);
    QVERIFY(asTable.errorMessage().contains(u"table"_s));

    const Result<TablePlan> asColumn =
        destination.prepareTable(u"t"_s, {{name, ColumnType::Text}}, {}, MigrationPolicy::Evolve);
    QVERIFY(!asColumn);
    QCOMPARE(asColumn.error().code, code);
    QVERIFY(asColumn.errorMessage().contains(u"column"_s));
    QVERIFY(!destination.tableColumns(u"t"_s).value().has_value());
    QVERIFY(!destination.inTransaction());

    const Result<TablePlan> reserved = destination.prepareTable(
        u"_ascsync_loads"_s, {{u"a"_s, ColumnType::Text}}, {}, MigrationPolicy::Evolve);
    QVERIFY(!reserved);
    QCOMPARE(reserved.error().code, u"storage.identifier.reserved"_s);
}

void SchemaSuite::conversionRateQueryRunsVerbatim()
{
    const QString sql = conversionRateSql();
    QVERIFY2(!sql.isEmpty(), "reference/conversion-rate.sql not found: set ASCSYNC_SHARED_DIR");
    OPEN_DESTINATION(destination, m_backend.freshSpec(u"conversion"_s, u"apple_app_store"_s));

    const QList<Column> discovery = {{u"date"_s, ColumnType::Date},
                                     {u"app_name"_s, ColumnType::Text},
                                     {u"event"_s, ColumnType::Text},
                                     {u"unique_counts"_s, ColumnType::Decimal}};
    VERIFY_OK(createAndLoad(destination, u"discovery_and_engagement"_s, discovery,
                            {
                                {u"2025-01-01"_s, u"Alpha"_s, u"Impression"_s, u"50"_s},
                                {u"2025-01-01"_s, u"Alpha"_s, u"Impression"_s, u"30"_s},
                                {u"2025-01-01"_s, u"Alpha"_s, u"Page view"_s, u"999"_s},
                                {u"2025-01-02"_s, u"Alpha"_s, u"Impression"_s, u"3"_s},
                                {u"2024-12-31"_s, u"Alpha"_s, u"Impression"_s, u"10"_s},
                                {u"2025-01-01"_s, u"Beta"_s, u"Impression"_s, u"40"_s},
                                {u"2025-01-02"_s, u"Beta"_s, u"Impression"_s, u"7"_s},
                            }));
    const QList<Column> downloads = {{u"date"_s, ColumnType::Date},
                                     {u"app_name"_s, ColumnType::Text},
                                     {u"download_type"_s, ColumnType::Text},
                                     {u"counts"_s, ColumnType::Decimal}};
    VERIFY_OK(createAndLoad(destination, u"downloads"_s, downloads,
                            {
                                {u"2025-01-01"_s, u"Alpha"_s, u"First-time download"_s, u"20"_s},
                                {u"2025-01-01"_s, u"Alpha"_s, u"Redownload"_s, u"10"_s},
                                {u"2025-01-01"_s, u"Alpha"_s, u"Restore"_s, u"99"_s},
                                {u"2025-01-02"_s, u"Alpha"_s, u"First-time download"_s, u"1"_s},
                                {u"2024-12-31"_s, u"Alpha"_s, u"First-time download"_s, u"5"_s},
                                {u"2025-01-01"_s, u"Beta"_s, u"First-time download"_s, u"0"_s},
                            }));

    QStringList columns;
    QList<QStringList> rows;
    const Result<qint64> ran = destination.query(
        sql, [&columns](const QStringList &names) { columns = names; },
        [&rows](const QList<QString> &values) {
            QStringList row;
            for (const QString &value : values)
                row << (value.isNull() ? Null : value);
            rows << row;
            return true;
        });
    VERIFY_OK(ran);
    QCOMPARE(columns, (QStringList{u"app_name"_s, u"date"_s, u"unique_impressions"_s, u"total_downloads"_s,
                                   u"conversion_rate"_s}));
    QCOMPARE(rows.size(), 4);
    // Worked out by hand: Alpha 2025-01-01 (20 + 10) / (50 + 30) = 37.5 %; Alpha 2025-01-02 1 / 3 = 33.33...
    // %; Beta 2025-01-01 has 0 downloads (NULLIF gives NULL); Beta 2025-01-02 has no download rows at all.
    const QList<QStringList> keys = {{u"Alpha"_s, u"2025-01-01"_s},
                                     {u"Alpha"_s, u"2025-01-02"_s},
                                     {u"Beta"_s, u"2025-01-01"_s},
                                     {u"Beta"_s, u"2025-01-02"_s}};
    const QList<double> impressions = {80, 3, 40, 7};
    for (qsizetype i = 0; i < rows.size(); ++i) {
        QCOMPARE(rows[i].mid(0, 2), keys[i]);
        QCOMPARE(rows[i][2].toDouble(), impressions[i]);
    }
    QCOMPARE(rows[0][3].toDouble(), 30.0);
    QCOMPARE(rows[0][4].toDouble(), 37.5);
    QCOMPARE(rows[1][3].toDouble(), 1.0);
    QVERIFY2(qAbs(rows[1][4].toDouble() - 100.0 / 3.0) < 1e-9, qPrintable(rows[1][4]));
    QCOMPARE(rows[2][3].toDouble(), 0.0);
    QCOMPARE(rows[2][4], Null);
    QCOMPARE(rows[3][3], Null);
    QCOMPARE(rows[3][4], Null);
}
