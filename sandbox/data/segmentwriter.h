#pragma once

#include <QByteArray>
#include <QList>

#include <memory>

namespace ascsync::sandbox {

class GzipWriter;

// Cuts a stream of TSV rows into gzip segments the way large analytics instances are delivered (API-NOTES
// §5.2): each segment is a complete .txt.gz with the header line first, and a new segment starts once the
// current one holds `maxRows` rows or would pass `maxBytes` of uncompressed text.
class SegmentWriter {
public:
    static constexpr int kDefaultMaxRows = 50'000;
    static constexpr qsizetype kDefaultMaxBytes = 2 * 1024 * 1024;

    explicit SegmentWriter(QByteArray headerLine, int maxRows = kDefaultMaxRows,
                           qsizetype maxBytes = kDefaultMaxBytes);
    ~SegmentWriter();
    SegmentWriter(const SegmentWriter &) = delete;
    SegmentWriter &operator=(const SegmentWriter &) = delete;

    void addRow(const QByteArray &line); // without the trailing '\n'
    qint64 rowCount() const { return m_totalRows; }

    // The finished segments; a file without rows is one header-only segment.
    QList<QByteArray> finish();

private:
    void startSegment();
    void closeSegment();

    QByteArray m_header;
    int m_maxRows;
    qsizetype m_maxBytes;
    std::unique_ptr<GzipWriter> m_current;
    int m_rowsInCurrent = 0;
    qint64 m_totalRows = 0;
    QList<QByteArray> m_segments;
};

} // namespace ascsync::sandbox
