#pragma once

#include "core/common/result.h"

#include <QByteArray>

#include <memory>

class QIODevice;

namespace ascsync::reports {

// How much content a GzipInflater hands out before it stops with "reports.tooLarge" (see below).
struct InflateLimits {
    // Apple's largest reports (finance, detailed analytics segments) are hundreds of MB of text.
    qint64 maxBytes = 4LL * 1024 * 1024 * 1024;
    // Report TSV compresses 5 to 30 times (near-identical rows ~170); gzip's own maximum is ~1,032.
    qint64 maxRatio = 500;
    // Small files are exempt from the ratio: a header and a few blank lines may compress very well.
    qint64 ratioFloor = 32LL * 1024 * 1024;
};

// Streams the content of a downloaded report file. Apple serves gzip (API-NOTES §5.2, §6.3, §7.3), but the
// first bytes decide: gzip (several concatenated members are read one after the other), zlib, or plain text
// (some tools save the files already decompressed). The source is read 64 KiB at a time and at most 64 KiB
// of content is handed out per call, so memory stays the same whatever the file size or compression ratio.
//
// The source must deliver its data synchronously (a file, a QBuffer, a generator): a read that returns
// nothing is taken as the end of the file.
//
// A hostile file cannot make it run for ever: content beyond `Limits::maxBytes`, or compressed data that
// inflates more than `Limits::maxRatio` times once `Limits::ratioFloor` bytes were produced, stops it with a
// "reports.tooLarge" error (README "Security" explains the numbers).
class GzipInflater {
public:
    enum class Format { Unknown, Gzip, Zlib, Plain };

    static constexpr qsizetype ChunkSize = 64 * 1024;

    using Limits = InflateLimits;

    explicit GzipInflater(QIODevice *source, Limits limits = {});
    ~GzipInflater();
    GzipInflater(GzipInflater &&other) noexcept;
    GzipInflater &operator=(GzipInflater &&other) noexcept;
    GzipInflater(const GzipInflater &) = delete;
    GzipInflater &operator=(const GzipInflater &) = delete;

    // Replaces `chunk` with the next piece of content (1 to ChunkSize bytes; its capacity is reused).
    // False at the end of the content or on an error; status() tells which. A file that ends before its
    // gzip trailer, corrupt compressed data and unexpected bytes after the compressed data are errors.
    bool next(QByteArray &chunk);

    const Status &status() const;
    Format format() const;
    // Complete gzip/zlib members read so far.
    int members() const;
    qint64 bytesRead() const;
    qint64 bytesProduced() const;
    // Memory held for buffers (for tests that check memory stays constant).
    qsizetype bufferCapacity() const;

private:
    // False (and status() set) once a limit is passed.
    bool withinLimits(QByteArray &chunk);

    struct State;
    std::unique_ptr<State> d;
};

} // namespace ascsync::reports
