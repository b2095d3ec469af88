#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <zlib.h>

namespace ascsync::sandbox {

// Streams bytes into a gzip member (zlib deflate, windowBits 31). The header carries mtime 0, no name and a
// fixed OS byte, so the same input gives the same bytes on every run and machine, and thus the same MD5.
class GzipWriter {
public:
    GzipWriter();
    ~GzipWriter();
    GzipWriter(const GzipWriter &) = delete;
    GzipWriter &operator=(const GzipWriter &) = delete;

    void write(QByteArrayView data);
    QByteArray finish(); // completes the member; the writer is unusable afterwards

    qsizetype uncompressedSize() const { return m_uncompressed; }

    static QByteArray compress(QByteArrayView data);

private:
    void pump(int flush);
    void flushPending();

    z_stream m_stream{};
    gz_header m_header{};
    QByteArray m_pending; // small writes are gathered: deflate() has a cost per call
    QByteArray m_output;
    qsizetype m_uncompressed = 0;
    bool m_finished = false;
};

} // namespace ascsync::sandbox
