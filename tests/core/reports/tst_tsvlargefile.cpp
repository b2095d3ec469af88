// A 200 MB report read in constant memory. The file is generated and gzip-compressed on the fly, so the
// process never holds it; the reader's buffers and the process's peak memory are checked, never the time.
// Its own executable, so the peak-memory figure is not inflated by other tests.
#include "core/reports/tsvreader.h"
#include "tests/testkit/testfiles.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace ascsync::reports;
using namespace ascsync::reports::test;

namespace {

constexpr qint64 kTargetBytes = 200LL * 1000 * 1000;
constexpr qint64 kMiB = 1024 * 1024;

// A Downloads Detailed-like row of ~200 bytes; the counts column encodes the row number for checking.
QByteArray rowText(qint64 index)
{
    const QByteArray n = QByteArray::number(index);
    return "2024-0" + QByteArray::number(index % 9 + 1) + "-15\tExample App " +
           QByteArray::number(index % 50) + "\t1476097583\tFirst-time download\t1.2." +
           QByteArray::number(index % 7) +
           "\tiPhone\tiOS 17.4\tApp Store search\tcom.example.referrer\tSpring Campaign\tProduct page\t"
           "Example App - Fun for everyone\tNo\tUS\t" +
           n + "\n";
}

} // namespace

class TestTsvLargeFile : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void twoHundredMegabytesInConstantMemory()
    {
        const QByteArray header =
            "Date\tApp Name\tApp Apple Identifier\tDownload Type\tApp Version\tDevice\t"
            "Platform Version\tSource Type\tSource Info\tCampaign\tPage Type\tPage Title\t"
            "Pre-Order\tTerritory\tCounts\n";
        qint64 produced = 0;
        qint64 rowsWritten = 0;
        GeneratedReportDevice device(
            [&](qint64 index) -> QByteArray {
                if (index == 0) {
                    produced += header.size();
                    return header;
                }
                if (produced >= kTargetBytes) {
                    return QByteArray();
                }
                const QByteArray line = rowText(index - 1);
                produced += line.size();
                ++rowsWritten;
                return line;
            },
            /*compress=*/true);

        const qint64 peakBefore = peakResidentBytes();
        auto opened = TsvReader::open(&device);
        QVERIFY2(opened.ok(), qPrintable(opened.errorMessage()));
        TsvReader reader = std::move(opened).value();
        QCOMPARE(reader.format(), GzipInflater::Format::Gzip);
        const qsizetype counts = reader.columnIndex(u"Counts");
        QCOMPARE(counts, 14);

        QStringList row;
        qint64 rows = 0;
        qint64 largestBuffer = 0;
        bool ordered = true;
        while (reader.next(row)) {
            // Each row carries its own number: nothing lost, duplicated or reordered at chunk boundaries.
            ordered = ordered && row.at(counts).toLongLong() == rows && row.size() == 15;
            ++rows;
            if (rows % 4096 == 0) {
                largestBuffer = std::max<qint64>(largestBuffer, reader.bufferCapacity());
            }
        }
        QVERIFY2(reader.status().ok(), qPrintable(reader.status().errorMessage()));
        QVERIFY(ordered);
        QCOMPARE(rows, rowsWritten);
        QVERIFY(device.plainBytes() >= kTargetBytes);
        QCOMPARE(reader.stats().rows, rows);
        QCOMPARE(reader.stats().paddedRows, 0);
        QCOMPARE(reader.stats().nonUtf8Fields, 0);

        const qint64 peakAfter = peakResidentBytes();
        qInfo(
            "%lld rows, %lld bytes of text; reader buffers at most %lld bytes; peak memory grew by %lld KiB",
            rows, device.plainBytes(), largestBuffer, (peakAfter - peakBefore) / 1024);
        // The reader holds a few 64 KiB buffers, whatever the size of the file.
        QVERIFY2(largestBuffer <= 5 * GzipInflater::ChunkSize, qPrintable(QString::number(largestBuffer)));
        // And the process did not grow with the file (200 MB of text, or 400 MB as QString, would show).
        if (peakBefore > 0) {
            QVERIFY2(peakAfter - peakBefore < 32 * kMiB,
                     qPrintable(u"peak memory grew by %1 MiB"_s.arg((peakAfter - peakBefore) / kMiB)));
        }
    }
};

QTEST_GUILESS_MAIN(TestTsvLargeFile)
#include "tst_tsvlargefile.moc"
