#include "loadsuite.h"

#include "storagetesthelpers.h"

#include "core/storage/sqlidentifier.h"

#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ascsync;
using namespace ascsync::storage;
using namespace storagetest;

LoadSuite::LoadSuite(StorageTestBackend &backend, QObject *parent)
    : QObject(parent)
    , m_backend(backend)
{}

void LoadSuite::unusualTextRoundTrips()
{
    OPEN_DESTINATION(destination, m_backend.freshSpec(u"text"_s));
    QString big;
    for (int i = 0; i < 40000; ++i)
        big += u"a\\b\tc\nd\re€😀"_s; // 480,000 UTF-16 units: crosses COPY batches, escapes throughout
    const QStringList values = {
        u"tab\there"_s,
        u"line\nfeed"_s,
        u"carriage\rreturn"_s,
        u"crlf\r\n"_s,
        u"\\"_s,
        u"back\\slash\\"_s,
        u"\\N"_s,
        u"\\\\N"_s,
        u"\\."_s,
        u"N"_s,
        u"NULL"_s,
        u"it's \"quoted\""_s,
        u"emoji 😀 👩‍👩‍👧 🇯🇵"_s,
        QString::fromLatin1("caf\xe9 na\xefve \xff\x80\x93"), // bytes that were not UTF-8, decoded as Latin-1
        u"“smart quotes” – dash … ellipsis €"_s,
        u"  leading and trailing spaces  "_s,
        u""_s,
        u"עברית and العربية"_s,
        u"zero\u200Bwidth"_s,
        u"\t\n\r\\"_s,
        big,
    };
    QList<QStringList> rows;
    for (qsizetype i = 0; i < values.size(); ++i)
        rows << QStringList{QString::number(i), values[i], values[values.size() - 1 - i]};
    rows << QStringList{QString::number(values.size()), Null, u"after a null"_s};

    const QList<Column> columns = {
        {u"k"_s, ColumnType::Integer}, {u"v"_s, ColumnType::Text}, {u"w"_s, ColumnType::Text}};
    VERIFY_OK(createAndLoad(destination, u"texts"_s, columns, rows));

    const QList<QStringList> back =
        rowsOf(destination, u"SELECT k, v, w FROM %1 ORDER BY k"_s.arg(destination.qualified(u"texts"_s)));
    QCOMPARE(back.size(), rows.size());
    for (qsizetype i = 0; i < rows.size(); ++i) {
        QCOMPARE(back[i], rows[i]);
        QCOMPARE(back[i][1].isEmpty(), rows[i][1].isEmpty()); // "" stays "", never NULL
    }
    // The empty string is not NULL, and NULL is not the text "\N".
    QCOMPARE(rowsOf(destination,
                    u"SELECT count(*) FROM %1 WHERE v IS NULL"_s.arg(destination.qualified(u"texts"_s))),
             (QList<QStringList>{{u"1"_s}}));
    QCOMPARE(
        rowsOf(destination, u"SELECT count(*) FROM %1 WHERE v = ''"_s.arg(destination.qualified(u"texts"_s))),
        (QList<QStringList>{{u"1"_s}}));
}

void LoadSuite::typedValuesRoundTrip()
{
    OPEN_DESTINATION(destination, m_backend.freshSpec(u"typed"_s));
    const QList<Column> columns = {{u"k"_s, ColumnType::Integer},
                                   {u"d"_s, ColumnType::Date},
                                   {u"amount"_s, ColumnType::Decimal},
                                   {u"big"_s, ColumnType::Integer}};
    const QList<QStringList> rows = {
        {u"1"_s, u"2024-02-29"_s, u"0.1"_s, u"9223372036854775807"_s},
        {u"2"_s, u"1999-12-31"_s, u"-12.5"_s, u"-9223372036854775808"_s},
        {u"3"_s, u"2025-01-01"_s, u"1234567.125"_s, u"0"_s},
        {u"4"_s, Null, Null, Null},
        {u"5"_s, u"2025-06-30"_s, u"0"_s, u"-7"_s},
    };
    VERIFY_OK(createAndLoad(destination, u"typed"_s, columns, rows));
    QCOMPARE(rowsOf(destination,
                    u"SELECT k, d, amount, big FROM %1 ORDER BY k"_s.arg(destination.qualified(u"typed"_s))),
             rows);
    // Numbers are numbers: they sum and divide without integer truncation.
    const QList<QStringList> ratio =
        rowsOf(destination,
               u"SELECT sum(amount) / 4 FROM %1 WHERE k IN (2, 3)"_s.arg(destination.qualified(u"typed"_s)));
    QCOMPARE(ratio.size(), 1);
    QCOMPARE(ratio[0][0].toDouble(), 308638.65625); // (1234567.125 - 12.5) / 4, exact in binary
}

void LoadSuite::badValueNamesRowAndColumn()
{
    OPEN_DESTINATION(destination, m_backend.freshSpec(u"badvalue"_s));
    const QList<Column> columns = {{u"n"_s, ColumnType::Integer}, {u"amount"_s, ColumnType::Decimal}};
    VERIFY_OK(createAndLoad(destination, u"money"_s, columns, {}));

    VERIFY_OK(destination.begin());
    const Result<qint64> loaded = loadRows(destination, u"money"_s, columns,
                                           {{u"1"_s, u"1.5"_s}, {u"2"_s, u"2.5"_s}, {u"3"_s, u"abc"_s}});
    QVERIFY(!loaded);
    const QString message = loaded.errorMessage();
    QVERIFY2(message.contains(u"amount"_s) && message.contains(u"abc"_s), qPrintable(message));
    // SQLite says "row 3", PostgreSQL's COPY "line 3".
    QVERIFY2(message.contains(u"row 3"_s) || message.contains(u"line 3"_s), qPrintable(message));
    VERIFY_OK(destination.rollback());
    QCOMPARE(rowsOf(destination, u"SELECT count(*) FROM %1"_s.arg(destination.qualified(u"money"_s))),
             (QList<QStringList>{{u"0"_s}}));

    // Too few values is an error too, never a silently shifted row.
    VERIFY_OK(destination.begin());
    const Result<qint64> narrow = loadRows(destination, u"money"_s, columns, {{u"1"_s}});
    QVERIFY(!narrow);
    QCOMPARE(narrow.error().code, u"storage.sink.width"_s);
    VERIFY_OK(destination.rollback());
}

void LoadSuite::rollbackLeavesNothing()
{
    OPEN_DESTINATION(destination, m_backend.freshSpec(u"rollback"_s));
    VERIFY_OK(createAndLoad(destination, u"events"_s, eventColumns(),
                            {{u"base"_s, u"1"_s, u"x"_s}, {u"base"_s, u"2"_s, u"y"_s}}));
    const LoadRecord base{u"events"_s, u"base"_s,     u"sum-1"_s,
                          2,           u"base.tsv"_s, QDateTime(QDate(2025, 1, 1), QTime(6, 0), Qt::UTC),
                          {}};
    VERIFY_OK(destination.recordLoad(base));
    const QString select =
        u"SELECT batch, n, payload FROM %1 ORDER BY n"_s.arg(destination.qualified(u"events"_s));
    const QList<QStringList> before = rowsOf(destination, select);

    VERIFY_OK(destination.begin());
    const Result<TablePlan> plan = destination.prepareTable(
        u"events"_s, eventColumns(), {{u"_new"_s, ColumnType::Text}}, MigrationPolicy::Evolve);
    VERIFY_OK(plan);
    const Result<qint64> deleted =
        destination.deleteRows(u"events"_s, RowFilter{{{u"batch"_s, u"base"_s}}, {}, {}});
    VERIFY_OK(deleted);
    QCOMPARE(deleted.value(), 2);
    QList<QStringList> rows;
    for (int i = 0; i < 1000; ++i)
        rows << QStringList{u"new"_s, QString::number(i), u"z"_s, u"meta"_s};
    VERIFY_OK(loadRows(destination, u"events"_s, plan->loadColumns, rows));
    VERIFY_OK(destination.recordLoad(LoadRecord{u"events"_s, u"new"_s, u"sum-2"_s, 1000, {}, {}, {}}));
    VERIFY_OK(destination.forgetLoad(u"events"_s, u"base"_s));
    VERIFY_OK(destination.rollback());

    QCOMPARE(rowsOf(destination, select), before);
    QCOMPARE(describeColumns(destination, u"events"_s),
             (QStringList{u"batch:text"_s, u"n:integer"_s, u"payload:text"_s}));
    const Result<QList<LoadRecord>> records = destination.loads(u"events"_s);
    VERIFY_OK(records);
    QCOMPARE(records->size(), 1);
    QCOMPARE(records->first().unitKey, u"base"_s);
    QCOMPARE(records->first().checksum, u"sum-1"_s);
}

void LoadSuite::commitKeepsRowsAndLoadRecordTogether()
{
    const DestinationSpec spec = m_backend.freshSpec(u"commit"_s);
    const QDateTime loadedAt(QDate(2025, 1, 2), QTime(3, 4, 5, 678), Qt::UTC);
    {
        OPEN_DESTINATION(destination, spec);
        VERIFY_OK(destination.begin());
        const Result<TablePlan> plan =
            destination.prepareTable(u"events"_s, eventColumns(), {}, MigrationPolicy::Fail);
        VERIFY_OK(plan);
        VERIFY_OK(loadRows(destination, u"events"_s, plan->loadColumns, {{u"i1"_s, u"1"_s, u"p"_s}}));
        VERIFY_OK(destination.recordLoad(LoadRecord{
            u"analytics/events"_s, u"instance-1"_s, u"md5:abc"_s, 1, u"https://example.invalid/segment-1"_s,
            loadedAt, QJsonObject{{u"segments"_s, 3}, {u"date"_s, u"2025-01-01"_s}}}));
        VERIFY_OK(destination.commit());
        // Recording the same unit again replaces its record.
        VERIFY_OK(destination.recordLoad(
            LoadRecord{u"analytics/events"_s, u"instance-2"_s, u"md5:def"_s, 0, {}, loadedAt, {}}));
        VERIFY_OK(destination.recordLoad(LoadRecord{
            u"analytics/events"_s, u"instance-2"_s, u"md5:123"_s, 5, {}, loadedAt.addSecs(60), {}}));
    }
    OPEN_DESTINATION(reopened, spec);
    QCOMPARE(rowsOf(reopened, u"SELECT batch FROM %1"_s.arg(reopened.qualified(u"events"_s))),
             (QList<QStringList>{{u"i1"_s}}));
    const Result<std::optional<LoadRecord>> found = reopened.findLoad(u"analytics/events"_s, u"instance-1"_s);
    VERIFY_OK(found);
    QVERIFY(found.value().has_value());
    const LoadRecord &record = *found.value();
    QCOMPARE(record.checksum, u"md5:abc"_s);
    QCOMPARE(record.rowCount, 1);
    QCOMPARE(record.source, u"https://example.invalid/segment-1"_s);
    QCOMPARE(record.loadedAt, loadedAt);
    QCOMPARE(record.details.value(u"segments"_s).toInt(), 3);
    QCOMPARE(record.details.value(u"date"_s).toString(), u"2025-01-01"_s);

    const Result<QList<LoadRecord>> all = reopened.loads(u"analytics/events"_s);
    VERIFY_OK(all);
    QCOMPARE(all->size(), 2);
    QCOMPARE(all->at(1).checksum, u"md5:123"_s);
    QCOMPARE(all->at(1).rowCount, 5);
    QCOMPARE(all->at(1).loadedAt, loadedAt.addSecs(60));
    QVERIFY(!reopened.findLoad(u"analytics/events"_s, u"instance-9"_s).value().has_value());
}

void LoadSuite::deleteRowsByFilter()
{
    OPEN_DESTINATION(destination, m_backend.freshSpec(u"delete"_s));
    const QList<Column> columns = {
        {u"app"_s, ColumnType::Text}, {u"date"_s, ColumnType::Date}, {u"n"_s, ColumnType::Integer}};
    QList<QStringList> rows;
    for (const QString &app : {u"A"_s, u"B"_s, Null}) {
        for (const QString &date : {u"2025-01-01"_s, u"2025-01-02"_s, u"2025-01-03"_s})
            rows << QStringList{app, date, u"-1"_s};
    }
    for (int i = 0; i < 1200; ++i)
        rows << QStringList{u"C"_s, u"2025-01-01"_s, QString::number(i)};
    VERIFY_OK(createAndLoad(destination, u"facts"_s, columns, rows));
    const QString count = u"SELECT count(*) FROM %1"_s.arg(destination.qualified(u"facts"_s));

    const auto remove = [&destination](const RowFilter &filter) {
        const Result<qint64> deleted = destination.deleteRows(u"facts"_s, filter);
        return deleted ? deleted.value() : -1;
    };
    QCOMPARE(remove(RowFilter{{{u"app"_s, u"A"_s}, {u"date"_s, u"2025-01-02"_s}}, {}, {}}), 1);
    QCOMPARE(remove(RowFilter{{{u"app"_s, QString()}}, {}, {}}), 3); // null: IS NULL
    QCOMPARE(remove(RowFilter{{{u"app"_s, u"B"_s}}, u"date"_s, {u"2025-01-01"_s, u"2025-01-03"_s}}), 2);
    QCOMPARE(remove(RowFilter{{{u"app"_s, u"B"_s}}, u"date"_s, {}}), 0); // empty IN matches nothing

    QStringList many; // 1100 values: three statements of at most 500
    for (int i = 0; i < 1100; ++i)
        many << QString::number(i);
    QCOMPARE(remove(RowFilter{{{u"app"_s, u"C"_s}}, u"n"_s, many}), 1100);
    QCOMPARE(rowsOf(destination, count), (QList<QStringList>{{QString::number(9 - 1 - 3 - 2 + 100)}}));

    const Result<qint64> everything = destination.deleteRows(u"facts"_s, RowFilter{});
    QVERIFY(!everything);
    QCOMPARE(everything.error().code, u"storage.delete.unbounded"_s);
    QCOMPARE(rowsOf(destination, count), (QList<QStringList>{{u"103"_s}}));
}

void LoadSuite::queryStreamsAndStops()
{
    OPEN_DESTINATION(destination, m_backend.freshSpec(u"query"_s));
    QList<QStringList> rows;
    for (int i = 0; i < 5; ++i)
        rows << QStringList{u"q"_s, QString::number(i), u"p"_s};
    VERIFY_OK(createAndLoad(destination, u"events"_s, eventColumns(), rows));

    QStringList columns;
    int seen = 0;
    const Result<qint64> stopped = destination.query(
        u"SELECT n AS number, payload FROM %1 ORDER BY n"_s.arg(destination.qualified(u"events"_s)),
        [&columns](const QStringList &names) { columns = names; },
        [&seen](const QList<QString> &values) {
            ++seen;
            return values[0] != u"1"_s;
        });
    VERIFY_OK(stopped);
    QCOMPARE(columns, (QStringList{u"number"_s, u"payload"_s}));
    QCOMPARE(seen, 2);
    QCOMPARE(stopped.value(), 2);

    const Result<qint64> updated = destination.query(
        u"UPDATE %1 SET payload = 'u' WHERE n < 3"_s.arg(destination.qualified(u"events"_s)), {}, {});
    VERIFY_OK(updated);
    QCOMPARE(updated.value(), 3);

    const Result<qint64> broken = destination.query(u"SELECT nonsense FROM nowhere_at_all"_s, {}, {});
    QVERIFY(!broken);
    QVERIFY2(broken.errorMessage().startsWith(u"Could not run the query: "_s),
             qPrintable(broken.errorMessage()));
    QVERIFY2(broken.errorMessage().contains(u"nowhere_at_all"_s), qPrintable(broken.errorMessage()));
}

void LoadSuite::sinkNeedsTransactionAndBlocksOtherWork()
{
    OPEN_DESTINATION(destination, m_backend.freshSpec(u"sinkrules"_s));
    VERIFY_OK(createAndLoad(destination, u"events"_s, eventColumns(), {}));
    const Result<std::unique_ptr<RowSink>> outside = destination.openSink(u"events"_s, eventColumns());
    QVERIFY(!outside);
    QCOMPARE(outside.error().code, u"storage.sink.noTransaction"_s);

    VERIFY_OK(destination.begin());
    Result<std::unique_ptr<RowSink>> sink = destination.openSink(u"events"_s, eventColumns());
    VERIFY_OK(sink);
    VERIFY_OK(sink.value()->append({u"s"_s, u"1"_s, u"p"_s}));
    const Result<qint64> busy =
        destination.deleteRows(u"events"_s, RowFilter{{{u"batch"_s, u"s"_s}}, {}, {}});
    QVERIFY(!busy);
    QCOMPARE(busy.error().code, u"storage.busy"_s);
    const Result<qint64> written = sink.value()->finish();
    VERIFY_OK(written);
    QCOMPARE(written.value(), 1);
    QVERIFY(!sink.value()->append({u"s"_s, u"2"_s, u"p"_s})); // finished sinks take no more rows
    const Result<qint64> deleted =
        destination.deleteRows(u"events"_s, RowFilter{{{u"batch"_s, u"s"_s}}, {}, {}});
    VERIFY_OK(deleted);
    QCOMPARE(deleted.value(), 1);

    // A sink dropped without finish() loses its rows, and the destination is usable again.
    Result<std::unique_ptr<RowSink>> dropped = destination.openSink(u"events"_s, eventColumns());
    VERIFY_OK(dropped);
    VERIFY_OK(dropped.value()->append({u"d"_s, u"1"_s, u"p"_s}));
    dropped.value().reset();
    VERIFY_OK(destination.rollback());
    QCOMPARE(rowsOf(destination, u"SELECT count(*) FROM %1"_s.arg(destination.qualified(u"events"_s))),
             (QList<QStringList>{{u"0"_s}}));
}
