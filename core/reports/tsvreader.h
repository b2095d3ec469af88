#pragma once

#include "gzipinflater.h"
#include "reportlayout.h"

#include "core/common/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QStringList>

class QIODevice;

namespace ascsync::reports {

struct TsvOptions {
    ReportLayout layout = ReportLayout::Plain;
    // A longer line is an error rather than a reason to grow memory without bound. Real report lines are a
    // few hundred bytes.
    qsizetype maxLineBytes = 4 * 1024 * 1024;
};

// What the reader met besides regular rows, so the caller can warn (nothing is dropped silently).
struct TsvStats {
    qint64 rows = 0;
    qint64 blankLines = 0;
    // Rows with fewer fields than the header; the missing fields were returned as null strings.
    qint64 paddedRows = 0;
    // Rows with more fields than the header whose extra fields were all empty (a trailing TAB): accepted,
    // because no value is lost.
    qint64 rowsWithEmptyExtraFields = 0;
    // Fields (header included) that were not valid UTF-8 and were read as Windows-1252.
    qint64 nonUtf8Fields = 0;
};

// Reads a tab-separated report (gzip or plain, see GzipInflater) row by row in constant memory: lines may
// end in LF or CRLF, be split across reads, and the last one may lack its newline. The header is read by
// open(): names trimmed, a UTF-8 BOM removed. Apple: "rely on column names instead of column positions", so
// look columns up with columnIndex().
//
//     auto opened = TsvReader::open(&file);
//     if (!opened) return opened.error();
//     TsvReader reader = std::move(opened).value();
//     QStringList row;
//     while (reader.next(row)) { ... row[reader.columnIndex(u"Counts")] ... }
//     if (!reader.status()) return reader.status().error();
class TsvReader {
public:
    // Reads up to and including the header line. `device` must be open and outlive the reader.
    static Result<TsvReader> open(QIODevice *device, TsvOptions options = {});

    TsvReader(TsvReader &&other) noexcept;
    TsvReader &operator=(TsvReader &&other) noexcept;
    TsvReader(const TsvReader &) = delete;
    TsvReader &operator=(const TsvReader &) = delete;
    ~TsvReader();

    const QStringList &header() const { return m_header; }
    // Position of the column named `name` (exact match first, then ignoring case); -1 when absent.
    qsizetype columnIndex(QStringView name) const;

    // Fills `row` with the next data row: exactly header().size() fields, empty fields as empty strings,
    // fields missing from a short line as null strings. Reusing one `row` avoids allocations. Returns false
    // at the end of the file or on an error (a line with more non-empty fields than the header, a line that
    // is too long, a damaged file); status() tells which and names the line. gzip verifies its checksum
    // only at the end of the file, so after an error no row of the file can be trusted: load a file in
    // one transaction and roll it back when status() is an error.
    bool next(QStringList &row);
    // The same rows as next(), as UTF-8 bytes without building a QString (the bulk-load path): each view is
    // valid until the next call. Fields missing from a short line are null views, empty fields are empty
    // non-null views, and a field that is not valid UTF-8 is read as Windows-1252 and given as its UTF-8.
    bool nextUtf8(QList<QByteArrayView> &row);

    const Status &status() const { return m_status; }
    // The 1-based line number in the file of the line returned last (blank and skipped lines count too).
    qint64 lineNumber() const { return m_lineNumber; }
    const TsvStats &stats() const { return m_stats; }
    // Preamble and trailer of finance files (always empty for ReportLayout::Plain).
    const SkippedLines &skippedLines() const { return m_skipped; }
    GzipInflater::Format format() const { return m_inflater.format(); }
    // Memory held by the reader's buffers, for tests that check it stays constant.
    qsizetype bufferCapacity() const;

private:
    TsvReader(QIODevice *device, TsvOptions options);

    Status readHeader();
    // The next line without its line break; false at the end of the content or on an error.
    bool readLine(QByteArrayView &line);
    bool fail(Error error);
    // Splits the next data row into m_fields (raw bytes, missing fields null); false at the end or on error.
    bool splitNextRow();
    void keepSkippedLine(QByteArrayView line, QStringList &kept, qint64 &count);

    TsvOptions m_options;
    GzipInflater m_inflater;
    QByteArray m_buffer;
    qsizetype m_bufferPos = 0;
    QByteArray m_chunk;
    bool m_contentEnded = false;
    QStringList m_header;
    QList<QByteArrayView> m_fields;
    QByteArrayView m_line;   // the row m_fields were split from
    QByteArray m_transcoded; // UTF-8 of this row's non-UTF-8 fields (nextUtf8)
    QList<qsizetype> m_transcodedEnds;
    Status m_status;
    qint64 m_lineNumber = 0;
    TsvStats m_stats;
    SkippedLines m_skipped;
};

} // namespace ascsync::reports
