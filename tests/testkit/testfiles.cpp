#include "testfiles.h"

#include <QFile>

#include <algorithm>
#include <stdexcept>

using namespace Qt::StringLiterals;

namespace ascsync::reports::test {

namespace {

QByteArray deflateAll(QByteArrayView data, int level, int windowBits)
{
    z_stream zs{};
    if (deflateInit2(&zs, level, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        throw std::runtime_error("deflateInit2 failed");
    }
    QByteArray out(static_cast<qsizetype>(deflateBound(&zs, static_cast<uLong>(data.size()))),
                   Qt::Uninitialized);
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    zs.avail_in = static_cast<uInt>(data.size());
    zs.next_out = reinterpret_cast<Bytef *>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&zs, Z_FINISH);
    out.resize(static_cast<qsizetype>(zs.total_out));
    deflateEnd(&zs);
    if (rc != Z_STREAM_END) {
        throw std::runtime_error("deflate did not finish");
    }
    return out;
}

} // namespace

QByteArray gzipCompress(QByteArrayView data, int level)
{
    return deflateAll(data, level, 15 + 16);
}

QByteArray zlibCompress(QByteArrayView data)
{
    return deflateAll(data, 6, 15);
}

SplitDevice::SplitDevice(QByteArray data, QList<qsizetype> cuts)
    : m_data(std::move(data))
    , m_cuts(std::move(cuts))
{
    std::sort(m_cuts.begin(), m_cuts.end());
    open(QIODevice::ReadOnly | QIODevice::Unbuffered);
}

qint64 SplitDevice::readData(char *data, qint64 maxSize)
{
    qsizetype end = m_data.size();
    for (const qsizetype cut : std::as_const(m_cuts)) {
        if (cut > m_pos) {
            end = std::min(end, cut);
            break;
        }
    }
    const qint64 count = std::min<qint64>(maxSize, end - m_pos);
    if (count <= 0) {
        return 0;
    }
    std::copy_n(m_data.constData() + m_pos, count, data);
    m_pos += count;
    ++m_reads;
    return count;
}

GeneratedReportDevice::GeneratedReportDevice(LineGenerator line, bool compress)
    : m_line(std::move(line))
    , m_compress(compress)
{
    if (m_compress && deflateInit2(&m_zs, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        throw std::runtime_error("deflateInit2 failed");
    }
    open(QIODevice::ReadOnly | QIODevice::Unbuffered);
}

GeneratedReportDevice::~GeneratedReportDevice()
{
    if (m_compress) {
        deflateEnd(&m_zs);
    }
}

void GeneratedReportDevice::produce()
{
    constexpr qsizetype kBlock = 64 * 1024;
    m_out.resize(0);
    m_outPos = 0;
    m_plain.resize(0);
    while (!m_linesDone && m_plain.size() < kBlock) {
        const QByteArray line = m_line(m_index++);
        if (line.isEmpty()) {
            m_linesDone = true;
        }
        m_plain.append(line);
    }
    m_plainBytes += m_plain.size();
    if (!m_compress) {
        m_out.append(m_plain);
        m_finished = m_linesDone;
        return;
    }
    m_zs.next_in = reinterpret_cast<Bytef *>(m_plain.data());
    m_zs.avail_in = static_cast<uInt>(m_plain.size());
    const int flush = m_linesDone ? Z_FINISH : Z_NO_FLUSH;
    int rc = Z_OK;
    do {
        const qsizetype before = m_out.size();
        m_out.resize(before + kBlock);
        m_zs.next_out = reinterpret_cast<Bytef *>(m_out.data() + before);
        m_zs.avail_out = static_cast<uInt>(kBlock);
        rc = deflate(&m_zs, flush);
        m_out.resize(before + kBlock - m_zs.avail_out);
    } while (m_zs.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
    m_finished = rc == Z_STREAM_END;
}

qint64 GeneratedReportDevice::readData(char *data, qint64 maxSize)
{
    while (m_outPos >= m_out.size()) {
        if (m_finished) {
            return 0;
        }
        produce();
    }
    const qint64 count = std::min<qint64>(maxSize, m_out.size() - m_outPos);
    std::copy_n(m_out.constData() + m_outPos, count, data);
    m_outPos += count;
    return count;
}

qint64 peakResidentBytes()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly)) {
        return 0;
    }
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:")) {
            return line.mid(6).trimmed().split(' ').value(0).toLongLong() * 1024;
        }
    }
    return 0;
}

} // namespace ascsync::reports::test
