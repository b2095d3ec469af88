#include "segmentwriter.h"

#include "gzipwriter.h"

#include <utility>

namespace ascsync::sandbox {

SegmentWriter::SegmentWriter(QByteArray headerLine, int maxRows, qsizetype maxBytes)
    : m_header(std::move(headerLine))
    , m_maxRows(maxRows)
    , m_maxBytes(maxBytes)
{
    m_header.append('\n');
}

SegmentWriter::~SegmentWriter() = default;

void SegmentWriter::startSegment()
{
    m_current = std::make_unique<GzipWriter>();
    m_current->write(m_header);
    m_rowsInCurrent = 0;
}

void SegmentWriter::closeSegment()
{
    if (m_current)
        m_segments.append(m_current->finish());
    m_current.reset();
}

void SegmentWriter::addRow(const QByteArray &line)
{
    const bool full = m_current && (m_rowsInCurrent >= m_maxRows ||
                                    m_current->uncompressedSize() + line.size() + 1 > m_maxBytes);
    if (full)
        closeSegment();
    if (!m_current)
        startSegment();
    m_current->write(line);
    m_current->write(QByteArrayView("\n", 1));
    ++m_rowsInCurrent;
    ++m_totalRows;
}

QList<QByteArray> SegmentWriter::finish()
{
    if (!m_current && m_segments.isEmpty())
        startSegment();
    closeSegment();
    return std::exchange(m_segments, {});
}

} // namespace ascsync::sandbox
