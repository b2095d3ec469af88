// libFuzzer target: reports::TsvReader, plain and finance layouts, plain or gzip-compressed.
//
// Input: one flag byte (bit 0: finance layout, bit 1: gzip the rest first, bits 2-7: read size), then the
// file. The file is read twice, once with next() (QString) and once with nextUtf8() (bytes), and both must
// agree. Promises checked: every row has exactly as many fields as the header, both readers return the
// same rows, lines and errors, finance rows start with a date, kept preamble and trailer lines stay within
// MaxKeptLines, the statistics add up, and the buffers stay within the line limit plus a read chunk
// whatever the file's size (a 4 KiB gzip input inflates to 4 MiB, far past the 2 KiB line limit used here).

#include "chunkeddevice.h"
#include "fuzzsupport.h"
#include "zcompress.h"

#include "core/reports/fielddecoder.h"
#include "core/reports/tsvreader.h"

using namespace ascsync::reports;

namespace {

constexpr qsizetype kMaxLineBytes = 2048;

QString codeOf(const ascsync::Status &status)
{
    return status ? QString() : status.error().code;
}

void checkRowsAgree(TsvReader &strings, TsvReader &bytes, ReportLayout layout)
{
    const qsizetype columns = strings.header().size();
    QStringList row;
    QList<QByteArrayView> utf8Row;
    qint64 rows = 0;
    while (true) {
        const bool gotString = strings.next(row);
        const bool gotBytes = bytes.nextUtf8(utf8Row);
        FUZZ_CHECK(gotString == gotBytes);
        FUZZ_CHECK(strings.lineNumber() == bytes.lineNumber());
        if (!gotString) {
            break;
        }
        ++rows;
        FUZZ_CHECK(row.size() == columns && utf8Row.size() == columns);
        for (qsizetype i = 0; i < columns; ++i) {
            FUZZ_CHECK(row[i].isNull() == utf8Row[i].isNull());
            FUZZ_CHECK(QByteArrayView(row[i].toUtf8()) == utf8Row[i]);
            FUZZ_CHECK(isValidUtf8(utf8Row[i]));
        }
        if (layout == ReportLayout::Finance) {
            FUZZ_CHECK(startsWithDate(utf8Row[0]));
        }
        // Constant memory: the pending line (at most the limit) plus one read chunk, with growth slack.
        FUZZ_CHECK(strings.bufferCapacity() <= 4 * (kMaxLineBytes + GzipInflater::ChunkSize));
    }
    FUZZ_CHECK(codeOf(strings.status()) == codeOf(bytes.status()));
    FUZZ_CHECK(strings.stats().rows == rows && bytes.stats().rows == rows);
    FUZZ_CHECK(strings.stats().paddedRows <= rows && strings.stats().rowsWithEmptyExtraFields <= rows);
    FUZZ_CHECK(strings.stats().nonUtf8Fields == bytes.stats().nonUtf8Fields);
    const SkippedLines &skipped = strings.skippedLines();
    FUZZ_CHECK(skipped.preamble.size() <= SkippedLines::MaxKeptLines);
    FUZZ_CHECK(skipped.trailer.size() <= SkippedLines::MaxKeptLines);
    FUZZ_CHECK(skipped.preamble.size() ==
               std::min<qint64>(skipped.preambleCount, SkippedLines::MaxKeptLines));
    FUZZ_CHECK(skipped.trailer.size() == std::min<qint64>(skipped.trailerCount, SkippedLines::MaxKeptLines));
    if (layout == ReportLayout::Plain) {
        FUZZ_CHECK(skipped.preambleCount == 0 && skipped.trailerCount == 0);
    }
}

} // namespace

ASCSYNC_FUZZ_QUIET_QT()

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) {
        return 0;
    }
    const ReportLayout layout = (data[0] & 1) ? ReportLayout::Finance : ReportLayout::Plain;
    const qint64 readStep = (data[0] >> 2) == 0 ? (1 << 20) : qint64(data[0] >> 2) * 13;
    QByteArray file = ascsync::fuzz::bytesOf(data + 1, size - 1);
    if (data[0] & 2) {
        file = ascsync::fuzz::deflated(file, 31, 6);
    }
    const TsvOptions options{layout, kMaxLineBytes};
    ascsync::fuzz::ChunkedDevice first(file, readStep);
    ascsync::fuzz::ChunkedDevice second(file, readStep);
    auto openedStrings = TsvReader::open(&first, options);
    auto openedBytes = TsvReader::open(&second, options);
    FUZZ_CHECK(bool(openedStrings) == bool(openedBytes));
    if (!openedStrings) {
        FUZZ_CHECK(openedStrings.error().code == openedBytes.error().code);
        return 0;
    }
    TsvReader strings = std::move(openedStrings).value();
    TsvReader bytes = std::move(openedBytes).value();
    FUZZ_CHECK(strings.header() == bytes.header());
    FUZZ_CHECK(!strings.header().isEmpty());
    for (const QString &name : strings.header()) {
        FUZZ_CHECK(name == name.trimmed());
    }
    if (layout == ReportLayout::Finance) {
        FUZZ_CHECK(strings.header().size() >= 6); // a finance header has at least 5 TABs
    }
    checkRowsAgree(strings, bytes, layout);
    return 0;
}
