// TsvReader on real files: line endings, BOM, read boundaries at every byte, encodings, short/long rows,
// finance preambles and trailers.
#include "core/reports/fielddecoder.h"
#include "core/reports/tsvreader.h"
#include "tests/testkit/testfiles.h"

#include <QBuffer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ascsync::reports;
using namespace ascsync::reports::test;

namespace {

struct ReadResult {
    QString openError;
    QString openCode;
    QStringList header;
    QList<QStringList> rows;
    QList<qint64> lineNumbers;
    ascsync::Status status;
    TsvStats stats;
    SkippedLines skipped;
};

ReadResult readDevice(QIODevice *device, TsvOptions options = {})
{
    ReadResult result;
    auto opened = TsvReader::open(device, options);
    if (!opened) {
        result.openError = opened.error().message;
        result.openCode = opened.error().code;
        return result;
    }
    TsvReader reader = std::move(opened).value();
    result.header = reader.header();
    QStringList row;
    while (reader.next(row)) {
        result.rows.append(row);
        result.lineNumbers.append(reader.lineNumber());
    }
    result.status = reader.status();
    result.stats = reader.stats();
    result.skipped = reader.skippedLines();
    return result;
}

// The reader is meant for files on disk: most tests go through a real one.
class FileFixture {
public:
    ReadResult read(const QByteArray &bytes, TsvOptions options = {})
    {
        const QString path = m_dir.filePath(u"report-%1.txt"_s.arg(++m_count));
        QFile out(path);
        if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size()) {
            qFatal("cannot write the test file");
        }
        out.close();
        QFile in(path);
        if (!in.open(QIODevice::ReadOnly)) {
            qFatal("cannot open the test file");
        }
        return readDevice(&in, options);
    }

private:
    QTemporaryDir m_dir;
    int m_count = 0;
};

QList<QStringList> rowsOf(std::initializer_list<QStringList> rows)
{
    return QList<QStringList>(rows);
}

// A small report that exercises everything a read boundary could break: BOM, CRLF, a multi-byte UTF-8
// character, a Windows-1252 field, a blank line, an empty field, a short row and no final newline.
const QByteArray kTricky = "\xEF\xBB\xBF"
                           "Date\tApp Name\tCounts\r\n"
                           "2024-01-01\tCaf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC\t12\r\n"
                           "\r\n"
                           "2024-01-02\tCaf\xE9\t\n"
                           "2024-01-03\t\xF0\x9F\x93\x88 Growth\n"
                           "2024-01-04\tLast\t7";

const QList<QStringList> kTrickyRows = {
    {u"2024-01-01"_s, u"Café 日本"_s, u"12"_s},
    {u"2024-01-02"_s, u"Café"_s, u""_s},
    {u"2024-01-03"_s, u"📈 Growth"_s, QString()},
    {u"2024-01-04"_s, u"Last"_s, u"7"_s},
};

} // namespace

class TestTsvReader : public QObject {
    Q_OBJECT

private:
    FileFixture m_files;

private Q_SLOTS:
    void headerAndRowsByName()
    {
        const ReadResult r = m_files.read("Date\t App Name \tUnique Counts\n2024-01-01\tMy App\t42\n"
                                          "2024-01-02\tMy App\t0\n");
        QVERIFY2(r.openError.isEmpty(), qPrintable(r.openError));
        QVERIFY(r.status.ok());
        QCOMPARE(r.header, (QStringList{u"Date"_s, u"App Name"_s, u"Unique Counts"_s}));
        QCOMPARE(r.rows,
                 rowsOf({{u"2024-01-01"_s, u"My App"_s, u"42"_s}, {u"2024-01-02"_s, u"My App"_s, u"0"_s}}));
        QCOMPARE(r.lineNumbers, (QList<qint64>{2, 3}));
        QCOMPARE(r.stats.rows, 2);
    }

    void columnIndexByName()
    {
        QBuffer buffer;
        buffer.setData("Date\tApp Name\tCounts\tcounts\n");
        buffer.open(QIODevice::ReadOnly);
        auto opened = TsvReader::open(&buffer);
        QVERIFY(opened.ok());
        const TsvReader &reader = opened.value();
        QCOMPARE(reader.columnIndex(u"App Name"), 1);
        QCOMPARE(reader.columnIndex(u"counts"), 3); // the exact spelling wins
        QCOMPARE(reader.columnIndex(u"COUNTS"), 2); // otherwise the first that matches ignoring case
        QCOMPARE(reader.columnIndex(u"app name"), 1);
        QCOMPARE(reader.columnIndex(u"Territory"), -1);
    }

    void crlfLineEndings()
    {
        const ReadResult r = m_files.read("A\tB\r\n1\t2\r\n3\t4\r\n");
        QVERIFY(r.status.ok());
        QCOMPARE(r.header, (QStringList{u"A"_s, u"B"_s}));
        QCOMPARE(r.rows, rowsOf({{u"1"_s, u"2"_s}, {u"3"_s, u"4"_s}}));
    }

    void byteOrderMarkRemoved()
    {
        const ReadResult r = m_files.read("\xEF\xBB\xBF"
                                          "Date\tCounts\n2024-01-01\t1\n");
        QCOMPARE(r.header.first(), u"Date"_s);
        QCOMPARE(r.header.first().size(), 4);
    }

    void missingFinalNewline()
    {
        const ReadResult r = m_files.read("A\tB\n1\t2\n3\t4");
        QVERIFY(r.status.ok());
        QCOMPARE(r.rows, rowsOf({{u"1"_s, u"2"_s}, {u"3"_s, u"4"_s}}));
        const ReadResult crOnly = m_files.read("A\tB\n1\t2\r");
        QCOMPARE(crOnly.rows, rowsOf({{u"1"_s, u"2"_s}}));
    }

    void trickyFileAsAWhole()
    {
        const ReadResult r = m_files.read(kTricky);
        QVERIFY2(r.status.ok(), qPrintable(r.status.errorMessage()));
        QCOMPARE(r.header, (QStringList{u"Date"_s, u"App Name"_s, u"Counts"_s}));
        QCOMPARE(r.rows, kTrickyRows);
        QCOMPARE(r.stats.blankLines, 1);
        QCOMPARE(r.stats.nonUtf8Fields, 1);
        QCOMPARE(r.stats.paddedRows, 1);
        QCOMPARE(r.lineNumbers, (QList<qint64>{2, 4, 5, 6}));
    }

    void utf8RowsAreTheSameRows()
    {
        // nextUtf8 (the load path) gives the rows next() gives, as UTF-8: Windows-1252 fields converted,
        // missing fields null, empty fields empty but not null; and counts the same.
        const QByteArray bytes = kTricky + "\n2024-01-05\t\x80\xE9\t\n";
        QBuffer text;
        text.setData(bytes);
        QVERIFY(text.open(QIODevice::ReadOnly));
        const ReadResult expected = readDevice(&text);
        QBuffer raw;
        raw.setData(bytes);
        QVERIFY(raw.open(QIODevice::ReadOnly));
        auto opened = TsvReader::open(&raw);
        QVERIFY(opened.ok());
        TsvReader reader = std::move(opened).value();
        QList<QByteArrayView> row;
        QList<QStringList> rows;
        while (reader.nextUtf8(row)) {
            QStringList decoded;
            for (const QByteArrayView field : row) {
                QVERIFY(field.isNull() || QtPrivate::isValidUtf8(field));
                decoded << (field.isNull() ? QString() : QString::fromUtf8(field));
                QCOMPARE(decoded.last().isNull(), field.isNull());
            }
            rows << decoded;
        }
        QVERIFY(reader.status().ok());
        QCOMPARE(rows.size(), 5);
        QCOMPARE(rows, expected.rows);
        for (qsizetype i = 0; i < rows.size(); ++i) {
            for (qsizetype j = 0; j < rows[i].size(); ++j) {
                QCOMPARE(rows[i][j].isNull(), expected.rows[i][j].isNull());
            }
        }
        QCOMPARE(rows.last().at(1), u"€é"_s);
        QCOMPARE(reader.stats().nonUtf8Fields, expected.stats.nonUtf8Fields);
        QCOMPARE(reader.stats().paddedRows, expected.stats.paddedRows);
    }

    void readBoundaryAtEveryByte()
    {
        for (qsizetype cut = 1; cut < kTricky.size(); ++cut) {
            SplitDevice device(kTricky, {cut});
            const ReadResult r = readDevice(&device);
            QVERIFY2(r.openError.isEmpty() && r.status.ok(), qPrintable(u"cut at %1"_s.arg(cut)));
            QCOMPARE(r.header, (QStringList{u"Date"_s, u"App Name"_s, u"Counts"_s}));
            QCOMPARE(r.rows, kTrickyRows);
            QCOMPARE(r.stats.nonUtf8Fields, 1);
            QCOMPARE(r.stats.blankLines, 1);
        }
        QList<qsizetype> everyByte;
        for (qsizetype i = 1; i < kTricky.size(); ++i) {
            everyByte.append(i);
        }
        SplitDevice device(kTricky, everyByte);
        const ReadResult r = readDevice(&device);
        QCOMPARE(r.rows, kTrickyRows);
        QCOMPARE(device.reads(), kTricky.size()); // the device really served one byte at a time
    }

    void gzipReadBoundaryAtEveryByte()
    {
        const QByteArray file = gzipCompress(kTricky);
        for (qsizetype cut = 1; cut < file.size(); ++cut) {
            SplitDevice device(file, {cut});
            const ReadResult r = readDevice(&device);
            QVERIFY2(r.status.ok(), qPrintable(u"cut at %1: %2"_s.arg(cut).arg(r.status.errorMessage())));
            QCOMPARE(r.rows, kTrickyRows);
        }
    }

    void gzipFileOnDisk()
    {
        const ReadResult r = m_files.read(gzipCompress(kTricky));
        QVERIFY(r.status.ok());
        QCOMPARE(r.rows, kTrickyRows);
    }

    void invalidUtf8IsReadAsWindows1252()
    {
        // é in Latin-1, € and ’ from the Windows-1252 range, an overlong '/', a cut 3-byte sequence, an
        // encoded surrogate: none may be dropped or turned into U+FFFD.
        const ReadResult r = m_files.read("Name\tNote\n"
                                          "caf\xE9\t\x80 5 \x92s\n"
                                          "\xC0\xAF\t\xE6\x97\n"
                                          "\xED\xA0\x80\tok\n");
        QVERIFY(r.status.ok());
        QCOMPARE(r.rows.at(0), (QStringList{u"café"_s, u"€ 5 ’s"_s}));
        QCOMPARE(r.rows.at(1), (QStringList{u"\u00C0\u00AF"_s, u"\u00E6\u2014"_s}));
        QCOMPARE(r.rows.at(2), (QStringList{u"\u00ED\u00A0\u20AC"_s, u"ok"_s}));
        QCOMPARE(r.stats.nonUtf8Fields, 5);
        for (const QStringList &row : r.rows) {
            for (const QString &field : row) {
                QVERIFY(!field.contains(QChar::ReplacementCharacter));
            }
        }
    }

    void nonUtf8HeaderIsCountedToo()
    {
        const ReadResult r = m_files.read("Caf\xE9\tB\n1\t2\n");
        QCOMPARE(r.header.first(), u"Café"_s);
        QCOMPARE(r.stats.nonUtf8Fields, 1);
    }

    void byteOrderMarkInsideTheFileIsKept()
    {
        // Found by fuzz_tsvreader and fuzz_valueconverter (issue 17): QString::fromUtf8 drops a leading
        // U+FEFF, so next() returned "" for a field that nextUtf8() (the load path) returned as its three
        // bytes. Only the BOM that starts the file is removed.
        const QByteArray bytes = "\xEF\xBB\xBF"
                                 "A\tB\tC\n1\t\xEF\xBB\xBF\t\xEF\xBB\xBF`\n";
        const ReadResult r = m_files.read(bytes);
        QVERIFY(r.status.ok());
        QCOMPARE(r.header, (QStringList{u"A"_s, u"B"_s, u"C"_s}));
        QCOMPARE(r.rows, rowsOf({{u"1"_s, u"\uFEFF"_s, u"\uFEFF`"_s}}));
        QBuffer raw;
        raw.setData(bytes);
        QVERIFY(raw.open(QIODevice::ReadOnly));
        auto opened = TsvReader::open(&raw);
        QVERIFY(opened.ok());
        TsvReader reader = std::move(opened).value();
        QList<QByteArrayView> row;
        QVERIFY(reader.nextUtf8(row));
        QCOMPARE(row.at(1), QByteArrayView("\xEF\xBB\xBF"));
        QCOMPARE(row.at(2), QByteArrayView("\xEF\xBB\xBF`"));
        QString field;
        QVERIFY(!decodeField("\xEF\xBB\xBF\x13`", field));
        QCOMPARE(field, u"\uFEFF\u0013`"_s);
    }

    void shortRowsArePaddedWithNulls()
    {
        const ReadResult r = m_files.read("A\tB\tC\n1\n1\t\n1\t2\t3\n");
        QVERIFY(r.status.ok());
        QCOMPARE(r.rows.size(), 3);
        QCOMPARE(r.rows.at(0).size(), 3);
        QCOMPARE(r.rows.at(0).at(0), u"1"_s);
        QVERIFY(r.rows.at(0).at(1).isNull());
        QVERIFY(r.rows.at(0).at(2).isNull());
        QVERIFY(!r.rows.at(1).at(1).isNull()); // present but empty
        QVERIFY(r.rows.at(1).at(1).isEmpty());
        QVERIFY(r.rows.at(1).at(2).isNull());
        QCOMPARE(r.stats.paddedRows, 2);
    }

    void longRowIsAnErrorNamingTheLine()
    {
        const ReadResult r = m_files.read("A\tB\n1\t2\n\n3\t4\t5\n6\t7\n");
        QCOMPARE(r.rows.size(), 1);
        QVERIFY(!r.status.ok());
        QCOMPARE(r.status.error().code, u"reports.tooManyFields"_s);
        QVERIFY2(r.status.errorMessage().contains(u"Line 4 "_s), qPrintable(r.status.errorMessage()));
        QVERIFY(r.status.errorMessage().contains(u"3 fields"_s));
    }

    void emptyExtraFieldsAreAcceptedAndCounted()
    {
        // A trailing TAB adds an empty field: no value is lost, so the row is kept and counted.
        const ReadResult r = m_files.read("A\tB\n1\t2\t\n3\t4\t\t\n");
        QVERIFY(r.status.ok());
        QCOMPARE(r.rows, rowsOf({{u"1"_s, u"2"_s}, {u"3"_s, u"4"_s}}));
        QCOMPARE(r.stats.rowsWithEmptyExtraFields, 2);
    }

    void reusedRowIsOverwritten()
    {
        QBuffer buffer;
        buffer.setData("A\tB\tC\n1\t2\t3\nx\n");
        buffer.open(QIODevice::ReadOnly);
        auto opened = TsvReader::open(&buffer);
        QVERIFY(opened.ok());
        TsvReader reader = std::move(opened).value();
        QStringList row{u"stale"_s, u"stale"_s, u"stale"_s, u"stale"_s};
        QVERIFY(reader.next(row));
        QCOMPARE(row, (QStringList{u"1"_s, u"2"_s, u"3"_s}));
        QVERIFY(reader.next(row));
        QCOMPARE(row.at(0), u"x"_s);
        QVERIFY(row.at(1).isNull());
        QVERIFY(row.at(2).isNull());
        QVERIFY(!reader.next(row));
        QVERIFY(reader.status().ok());
    }

    void blankLinesAreSkippedAndCounted()
    {
        const ReadResult r = m_files.read("\n\r\nA\tB\n\n1\t2\n\r\n\n3\t4\n\n");
        QVERIFY(r.status.ok());
        QCOMPARE(r.header, (QStringList{u"A"_s, u"B"_s}));
        QCOMPARE(r.rows.size(), 2);
        QCOMPARE(r.stats.blankLines, 6);
        QCOMPARE(r.lineNumbers, (QList<qint64>{5, 8}));
    }

    void emptyFilesHaveNoHeader()
    {
        for (const QByteArray &bytes : {QByteArray(), QByteArray("\n\n\r\n"), gzipCompress(QByteArray())}) {
            const ReadResult r = m_files.read(bytes);
            QCOMPARE(r.openCode, u"reports.noHeader"_s);
            QVERIFY(r.openError.contains(u"empty"_s));
        }
    }

    void headerOnlyHasNoRows()
    {
        const ReadResult r = m_files.read("A\tB\n");
        QVERIFY(r.openError.isEmpty());
        QVERIFY(r.status.ok());
        QVERIFY(r.rows.isEmpty());
    }

    void overlongLineIsAnError()
    {
        TsvOptions options;
        options.maxLineBytes = 100;
        QByteArray bytes = "A\tB\n1\t2\n";
        bytes += QByteArray(5000, 'x') + "\t1\n";
        const ReadResult r = m_files.read(bytes, options);
        QCOMPARE(r.rows.size(), 1);
        QCOMPARE(r.status.error().code, u"reports.lineTooLong"_s);
        QVERIFY(r.status.errorMessage().contains(u"Line 3 "_s));
        // Through a device that never shows the end of the line: the limit is hit while reading.
        SplitDevice device("A\tB\n" + QByteArray(1 << 20, 'y'), {});
        const ReadResult endless = readDevice(&device, options);
        QCOMPARE(endless.status.error().code, u"reports.lineTooLong"_s);
    }

    void damagedGzipStopsWithItsError()
    {
        QByteArray text = "Date\tCounts\n";
        for (int i = 0; i < 20000; ++i) {
            text += "2024-01-01\t" + QByteArray::number(i) + "\n";
        }
        const QByteArray file = gzipCompress(text);
        const ReadResult r = m_files.read(file.left(file.size() * 2 / 3));
        QVERIFY(!r.status.ok());
        QCOMPARE(r.status.error().code, u"reports.truncated"_s);
        QVERIFY(r.rows.size() > 0);
        QVERIFY(r.rows.size() < 20000);
        // Every row handed out before the error is complete and correct.
        for (qsizetype i = 0; i < r.rows.size(); ++i) {
            QCOMPARE(r.rows.at(i).at(1), QString::number(i));
        }
    }

    void notOpenDevice()
    {
        QBuffer closed;
        QCOMPARE(readDevice(&closed).openCode, u"reports.notOpen"_s);
    }

    void financialTrailerIsSeparated()
    {
        // A FINANCIAL file: header first, data rows, a blank line, then totals and country summaries.
        const QByteArray file = "Start Date\tEnd Date\tUPC\tISRC/ISBN\tVendor Identifier\tQuantity\tPartner "
                                "Share\tExtended Partner "
                                "Share\tPartner Share Currency\tSales or Return\tApple Identifier\n"
                                "09/29/2024\t11/02/2024\t\t\tSKU1\t3\t0.70\t2.10\tUSD\tS\t1476097583\n"
                                "09/29/2024\t11/02/2024\t\t\tSKU1\t-1\t0.70\t-0.70\tUSD\tR\t1476097583\n"
                                "\n"
                                "Total_Rows\t2\n"
                                "Total_Amount\t1.40\n"
                                "Total_Units\t2\n"
                                "Country Of Sale\tPartner Share Currency\tQuantity\tExtended Partner Share\n"
                                "US\tUSD\t2\t1.40\n";
        TsvOptions options;
        options.layout = layoutForReportType(u"FINANCIAL");
        const ReadResult r = m_files.read(gzipCompress(file), options);
        QVERIFY2(r.status.ok(), qPrintable(r.status.errorMessage()));
        QCOMPARE(r.header.size(), 11);
        QCOMPARE(r.header.first(), u"Start Date"_s);
        QCOMPARE(r.rows.size(), 2);
        QCOMPARE(r.rows.at(1).at(5), u"-1"_s);
        QCOMPARE(r.skipped.preambleCount, 0);
        QCOMPARE(r.skipped.trailerCount, 5);
        QCOMPARE(r.skipped.trailer.first(), u"Total_Rows\t2"_s);
        QCOMPARE(r.skipped.trailer.last(), u"US\tUSD\t2\t1.40"_s);
        QCOMPARE(r.stats.blankLines, 1);
    }

    void financeDetailPreambleAndSummaryAreSeparated()
    {
        const QByteArray file =
            "Vendor Name\tExample Games Ltd\n"
            "Start Date\t09/29/2024\n"
            "End Date\t11/02/2024\n"
            "\n"
            "Transaction Date\tSettlement Date\tApple Identifier\tSKU\tTitle\tDeveloper "
            "Name\tQuantity\tPartner "
            "Share\tExtended Partner Share\tPartner Share Currency\n"
            "10/01/2024\t10/05/2024\t1476097583\tSKU1\tGame\tExample\t1\t0.70\t0.70\tUSD\n"
            "2024-10-02\t2024-10-06\t1476097583\tSKU1\tGame\tExample\t2\t0.70\t1.40\tEUR\n"
            "\n"
            "Country of Sale\tPartner Share Currency\tQuantity\tExtended Partner Share\n"
            "US\tUSD\t1\t0.70\n"
            "FR\tEUR\t2\t1.40\n";
        TsvOptions options;
        options.layout = layoutForReportType(u"FINANCE_DETAIL");
        const ReadResult r = m_files.read(file, options);
        QVERIFY2(r.openError.isEmpty(), qPrintable(r.openError));
        QVERIFY(r.status.ok());
        QCOMPARE(r.header.first(), u"Transaction Date"_s);
        QCOMPARE(r.header.size(), 10);
        QCOMPARE(r.rows.size(), 2);
        QCOMPARE(r.lineNumbers, (QList<qint64>{6, 7}));
        QCOMPARE(r.skipped.preambleCount, 3);
        QCOMPARE(r.skipped.preamble, (QStringList{u"Vendor Name\tExample Games Ltd"_s,
                                                  u"Start Date\t09/29/2024"_s, u"End Date\t11/02/2024"_s}));
        QCOMPARE(r.skipped.trailerCount, 3);
        QCOMPARE(r.skipped.trailer.at(1), u"US\tUSD\t1\t0.70"_s);
    }

    void financePreambleLinesAreKeptShort()
    {
        // Issue 13: 1 MB of gzip held 2 GB of preamble text. Kept lines are cut; the count stays exact.
        QByteArray file;
        for (int i = 0; i < 300; ++i) {
            file += "Vendor Name\t" + QByteArray(100 * 1024, 'v') + "\n";
        }
        file += "Start Date\tEnd Date\tA\tB\tC\tD\n10/01/2024\t10/31/2024\t1\t2\t3\t4\n";
        TsvOptions options;
        options.layout = ReportLayout::Finance;
        const ReadResult r = m_files.read(gzipCompress(file), options);
        QVERIFY2(r.status.ok(), qPrintable(r.status.errorMessage()));
        QCOMPARE(r.rows.size(), 1);
        QCOMPARE(r.skipped.preambleCount, 300);
        QCOMPARE(r.skipped.preamble.size(), 300);
        for (const QString &kept : r.skipped.preamble) {
            QVERIFY(kept.size() <= SkippedLines::MaxKeptLineBytes + 1);
            QVERIFY(kept.endsWith(u"…"_s));
        }
        QCOMPARE(r.stats.nonUtf8Fields, 0);
    }

    void financeFileWithoutHeader()
    {
        TsvOptions options;
        options.layout = ReportLayout::Finance;
        const ReadResult r = m_files.read("Vendor Name\tX\nTotal_Rows\t0\n", options);
        QCOMPARE(r.openCode, u"reports.noHeader"_s);
        QVERIFY(r.openError.contains(u"Start Date"_s));
    }

    void plainLayoutKeepsNonDateRows()
    {
        // Outside finance files nothing is taken for a trailer.
        const ReadResult r = m_files.read("Name\tCounts\nTotal_Rows\t2\n");
        QCOMPARE(r.rows.size(), 1);
        QCOMPARE(r.skipped.trailerCount, 0);
    }

    void layoutHelpers()
    {
        QVERIFY(startsWithDate("10/01/2024\tx"));
        QVERIFY(startsWithDate("1/5/2024\tx"));
        QVERIFY(startsWithDate("2024-10-01"));
        QVERIFY(!startsWithDate("Total_Rows\t2"));
        QVERIFY(!startsWithDate("2024-1-01\tx"));
        QVERIFY(!startsWithDate("10/01/24\tx"));
        QVERIFY(!startsWithDate(""));
        QVERIFY(isFinanceHeaderLine("Start Date\tEnd Date\tA\tB\tC\tD"));
        QVERIFY(!isFinanceHeaderLine("Start Date\t09/29/2024"));
        QCOMPARE(layoutForReportType(u"SALES"), ReportLayout::Plain);
        QCOMPARE(layoutForReportType(u"financial"), ReportLayout::Finance);
    }
};

QTEST_GUILESS_MAIN(TestTsvReader)
#include "tst_tsvreader.moc"
