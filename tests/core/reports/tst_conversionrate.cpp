// The catalogue end to end: real gzip report files are read with TsvReader, named and typed by the catalogue,
// loaded into SQLite (schema `apple_app_store` attached, as `ascsync query` does), and the users'
// conversion-rate query (tests/core/reports/conversion-rate.sql, a verbatim copy of the reference) must run
// unchanged and give fractional rates. The loader here is the smallest one that honours the catalogue's
// contract (Decimal stored as REAL); the real storage layer must give the same answer.
#include "ascsync/testpaths.h"
#include "core/reports/columncatalogue.h"
#include "core/reports/columnnames.h"
#include "core/reports/tablenames.h"
#include "core/reports/tsvreader.h"
#include "core/reports/valueconverter.h"
#include "tests/testkit/testfiles.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ascsync::reports;

namespace {

QString sqlType(ColumnType type)
{
    switch (type) {
    case ColumnType::Decimal:
        return u"REAL"_s;
    case ColumnType::Integer:
        return u"INTEGER"_s;
    case ColumnType::Date:
    case ColumnType::Text:
        return u"TEXT"_s;
    }
    return u"TEXT"_s;
}

QString quoted(const QString &identifier)
{
    return u'"' + identifier + u'"';
}

} // namespace

class TestConversionRate : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_connection = u"conversion-rate"_s;

    QString writeGzip(const QString &name, const QByteArray &text)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly)) {
            qFatal("cannot write %s", qPrintable(path));
        }
        file.write(test::gzipCompress(text));
        return path;
    }

    // Loads one analytics segment the way the catalogue describes it; returns an error message or nothing.
    QString load(const QString &reportName, const QString &path, const QString &appId)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            return u"cannot open "_s + path;
        }
        auto opened = TsvReader::open(&file);
        if (!opened) {
            return opened.errorMessage();
        }
        TsvReader reader = std::move(opened).value();
        const QString table = u"apple_app_store."_s + quoted(analyticsTableName(reportName));
        const QStringList columns = columnNames(reader.header());
        QList<ColumnType> types;
        QStringList definitions{u"\"_app_id\" TEXT NOT NULL"_s};
        QStringList placeholders{u"?"_s};
        for (qsizetype i = 0; i < columns.size(); ++i) {
            types.append(columnTypeFor(reader.header().at(i)));
            definitions.append(quoted(columns.at(i)) + u' ' + sqlType(types.last()));
            placeholders.append(u"?"_s);
        }
        QSqlDatabase db = QSqlDatabase::database(m_connection);
        QSqlQuery query(db);
        if (!query.exec(u"CREATE TABLE IF NOT EXISTS %1 (%2)"_s.arg(table, definitions.join(u", "_s)))) {
            return query.lastError().text();
        }
        QStringList quotedColumns{u"\"_app_id\""_s};
        for (const QString &column : columns) {
            quotedColumns.append(quoted(column));
        }
        if (!query.prepare(u"INSERT INTO %1 (%2) VALUES (%3)"_s.arg(table, quotedColumns.join(u", "_s),
                                                                    placeholders.join(u", "_s)))) {
            return query.lastError().text();
        }
        QStringList row;
        while (reader.next(row)) {
            query.bindValue(0, appId);
            for (qsizetype i = 0; i < row.size(); ++i) {
                const auto value = convert(types.at(i), row.at(i));
                if (!value) {
                    return valueError(reader.header().at(i), reader.lineNumber(), value.error()).message;
                }
                query.bindValue(static_cast<int>(i + 1), value.value());
            }
            if (!query.exec()) {
                return query.lastError().text();
            }
        }
        return reader.status().errorMessage();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connection);
        db.setDatabaseName(m_dir.filePath(u"main.sqlite"_s));
        QVERIFY2(db.open(), qPrintable(db.lastError().text()));
        QSqlQuery attach(db);
        QVERIFY2(
            attach.exec(u"ATTACH DATABASE '%1' AS apple_app_store"_s.arg(m_dir.filePath(u"store.sqlite"_s))),
            qPrintable(attach.lastError().text()));
    }

    void cleanupTestCase()
    {
        QSqlDatabase::database(m_connection).close();
        QSqlDatabase::removeDatabase(m_connection);
    }

    void queryRunsVerbatimWithFractionalRates()
    {
        // Engagement: App A has 3 unique impressions on 2025-01-02 (2 + 1 across territories), App B has 4.
        // The Page view row and the 2024 day must not count.
        const QByteArray engagement =
            "\xEF\xBB\xBF"
            "Date\tApp Name\tApp Apple Identifier\tEvent\tPage Type\tSource Type\tEngagement Type\tDevice\t"
            "Platform Version\tTerritory\tCounts\tUnique Counts\r\n"
            "2025-01-02\tApp A\t0001476097583\tImpression\tProduct page\tApp Store search\t\tiPhone\tiOS "
            "18.2\tUS\t5\t2\r\n"
            "2025-01-02\tApp A\t0001476097583\tImpression\tProduct page\tApp Store browse\t\tiPhone\tiOS "
            "18.2\tFR\t1\t1\r\n"
            "2025-01-02\tApp A\t0001476097583\tPage view\tProduct page\tApp Store search\t\tiPhone\tiOS "
            "18.2\tUS\t9\t9\r\n"
            "2025-01-02\tApp B\t0001476097584\tImpression\tProduct page\tApp Store search\t\tiPad\tiPadOS "
            "18.2\tUS\t4\t4\r\n"
            "2024-12-31\tApp A\t0001476097583\tImpression\tProduct page\tApp Store search\t\tiPhone\tiOS "
            "18.2\tUS\t7\t7\r\n";
        // Downloads: App A has 1 first-time download and 1 redownload (2 of 3 impressions); the manual update
        // does not count; App B has none, so its rate is NULL.
        const QByteArray downloads =
            "Date\tApp Name\tApp Apple Identifier\tDownload Type\tApp Version\tDevice\tPlatform Version\t"
            "Source Type\tPage Type\tPre-Order\tTerritory\tCounts\n"
            "2025-01-02\tApp A\t0001476097583\tFirst-time download\t1.0\tiPhone\tiOS 18.2\tApp Store search\t"
            "Product page\t\tUS\t1\n"
            "2025-01-02\tApp A\t0001476097583\tRedownload\t1.0\tiPhone\tiOS 18.2\tApp Store search\tProduct "
            "page\t\t"
            "US\t1\n"
            "2025-01-02\tApp A\t0001476097583\tManual update\t1.0\tiPhone\tiOS 18.2\tApp Store search\t"
            "Product page\t\tUS\t8\n";
        QCOMPARE(load(u"App Store Discovery and Engagement Standard"_s,
                      writeGzip(u"engagement.txt.gz"_s, engagement), u"1476097583"_s),
                 QString());
        QCOMPARE(
            load(u"App Downloads Standard"_s, writeGzip(u"downloads.txt.gz"_s, downloads), u"1476097583"_s),
            QString());

        QFile sqlFile(QStringLiteral(ASCSYNC_SOURCE_DIR "/tests/core/reports/conversion-rate.sql"));
        QVERIFY(sqlFile.open(QIODevice::ReadOnly));
        const QString sql = QString::fromUtf8(sqlFile.readAll());
        QSqlQuery query(QSqlDatabase::database(m_connection));
        QVERIFY2(query.exec(sql), qPrintable(query.lastError().text()));

        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(), u"App A"_s);
        QCOMPARE(query.value(1).toString(), u"2025-01-02"_s);
        QCOMPARE(query.value(2).toDouble(), 3.0);
        QCOMPARE(query.value(3).toDouble(), 2.0);
        // 2/3 * 100, not the 0 that integer division would give.
        QVERIFY2(qAbs(query.value(4).toDouble() - 200.0 / 3.0) < 1e-9, qPrintable(query.value(4).toString()));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(), u"App B"_s);
        QCOMPARE(query.value(2).toDouble(), 4.0);
        QVERIFY(query.value(4).isNull());
        QVERIFY(!query.next());

        // Identifiers keep their leading zeros; dates are stored as ISO text.
        QSqlQuery check(QSqlDatabase::database(m_connection));
        QVERIFY(check.exec(u"SELECT DISTINCT app_apple_identifier, typeof(unique_counts) "
                           u"FROM apple_app_store.discovery_and_engagement WHERE app_name = 'App A'"_s));
        QVERIFY(check.next());
        QCOMPARE(check.value(0).toString(), u"0001476097583"_s);
        QCOMPARE(check.value(1).toString(), u"real"_s);
    }
};

QTEST_GUILESS_MAIN(TestConversionRate)
#include "tst_conversionrate.moc"
