#include "gzipwriter.h"

#include "datalog.h"

#include <array>
#include <utility>

namespace ascsync::sandbox {

namespace {
constexpr int kGzipWindowBits = 31; // 15 bits of window + 16: gzip wrapper instead of zlib's
constexpr int kUnixOsCode = 3;      // RFC 1952 OS byte; fixed so bytes do not depend on the build host
constexpr qsizetype kPendingBytes = 64 * 1024;
} // namespace

GzipWriter::GzipWriter()
{
    const int rc = deflateInit2(&m_stream, 6, Z_DEFLATED, kGzipWindowBits, 8, Z_DEFAULT_STRATEGY);
    Q_ASSERT(rc == Z_OK);
    m_header.time = 0;
    m_header.os = kUnixOsCode;
    deflateSetHeader(&m_stream, &m_header);
}

GzipWriter::~GzipWriter()
{
    deflateEnd(&m_stream);
}

void GzipWriter::write(QByteArrayView data)
{
    Q_ASSERT(!m_finished);
    m_uncompressed += data.size();
    m_pending.append(data);
    if (m_pending.size() >= kPendingBytes)
        flushPending();
}

void GzipWriter::flushPending()
{
    if (m_pending.isEmpty())
        return;
    // zlib's API is not const-correct; it never writes through next_in.
    m_stream.next_in = reinterpret_cast<Bytef *>(m_pending.data());
    m_stream.avail_in = uInt(m_pending.size());
    pump(Z_NO_FLUSH);
    m_pending.resize(0); // keeps the capacity for the next chunk
}

QByteArray GzipWriter::finish()
{
    if (!m_finished) {
        flushPending();
        m_stream.next_in = nullptr;
        m_stream.avail_in = 0;
        pump(Z_FINISH);
        m_finished = true;
    }
    return std::exchange(m_output, QByteArray());
}

void GzipWriter::pump(int flush)
{
    std::array<char, 64 * 1024> chunk;
    int rc = Z_OK;
    do {
        m_stream.next_out = reinterpret_cast<Bytef *>(chunk.data());
        m_stream.avail_out = uInt(chunk.size());
        rc = deflate(&m_stream, flush);
        if (rc == Z_STREAM_ERROR) {
            qCWarning(lcSandboxData) << "deflate failed:" << m_stream.msg;
            return;
        }
        m_output.append(chunk.data(), qsizetype(chunk.size() - m_stream.avail_out));
    } while (m_stream.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
}

QByteArray GzipWriter::compress(QByteArrayView data)
{
    GzipWriter writer;
    writer.write(data);
    return writer.finish();
}

} // namespace ascsync::sandbox
