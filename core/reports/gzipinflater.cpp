#include "gzipinflater.h"

#include "reportslog.h"

#include <QIODevice>

#include <zlib.h>

#include <algorithm>
#include <cstring>

using namespace Qt::StringLiterals;

namespace ascsync::reports {

namespace {

constexpr unsigned char kGzipMagic1 = 0x1f;
constexpr unsigned char kGzipMagic2 = 0x8b;
// 15 = 32 KiB window, +32 = let zlib detect a gzip or a zlib header by itself.
constexpr int kWindowBitsAutoDetect = 15 + 32;

// A zlib stream starts with CMF/FLG: deflate (CM 8) with a window of at most 32 KiB, a header checksum
// that divides by 31 and no preset dictionary. Real encoders always write CMF 0x78, and requiring it keeps
// plain text from being mistaken for zlib: the only printable pair that qualifies is "x^".
bool looksLikeZlib(unsigned char cmf, unsigned char flg)
{
    const bool presetDictionary = (flg & 0x20) != 0;
    return cmf == 0x78 && ((cmf << 8) | flg) % 31 == 0 && !presetDictionary;
}

Error truncatedError()
{
    return makeError(u"reports.truncated"_s,
                     u"The file ends before its compressed data is complete: the download was probably cut "
                     u"short. Download the report again."_s);
}

} // namespace

struct GzipInflater::State {
    QIODevice *source = nullptr;
    z_stream zs{};
    bool zlibReady = false;
    Format format = Format::Unknown;
    QByteArray input;
    bool sourceExhausted = false;
    // Between two gzip members, or after the last one.
    bool betweenMembers = false;
    // Zero bytes after the last member (tape-style padding; gzip(1) accepts them too).
    bool inZeroPadding = false;
    bool finished = false;
    Status status;
    int members = 0;
    qint64 bytesRead = 0;
    qint64 bytesProduced = 0;
    Limits limits;

    ~State()
    {
        if (zlibReady) {
            inflateEnd(&zs);
        }
    }

    void fail(Error error)
    {
        qCDebug(lcReports) << "content stream failed after" << bytesRead << "bytes:" << error.code;
        status = Status(std::move(error));
        finished = true;
    }

    // Reads the next block of the source into `input`, after any bytes not consumed yet. False at the end of
    // the source or on a read error (then `status` is set).
    bool refill()
    {
        if (sourceExhausted) {
            return false;
        }
        const qsizetype kept = zs.avail_in;
        if (kept > 0 && reinterpret_cast<const char *>(zs.next_in) != input.constData()) {
            std::memmove(input.data(), zs.next_in, kept);
        }
        if (input.capacity() < ChunkSize) {
            input.reserve(ChunkSize); // exactly: resize() alone would round the allocation up to 128 KiB
        }
        input.resize(ChunkSize);
        const qint64 got = source->read(input.data() + kept, ChunkSize - kept);
        if (got < 0) {
            input.resize(kept);
            fail(makeError(
                u"reports.readFailed"_s,
                u"The report file could not be read (%1). Check the disk and download it again."_s.arg(
                    source->errorString())));
            return false;
        }
        input.resize(kept + got);
        zs.next_in = reinterpret_cast<Bytef *>(input.data());
        zs.avail_in = static_cast<uInt>(input.size());
        if (got == 0) {
            sourceExhausted = true;
            return false;
        }
        bytesRead += got;
        return true;
    }

    bool detectFormat()
    {
        // A device may hand out a single byte first: collect the two bytes of the magic.
        while (zs.avail_in < 2 && refill()) {
        }
        if (!status.ok()) {
            return false;
        }
        const QByteArrayView head(reinterpret_cast<const char *>(zs.next_in), zs.avail_in);
        if (head.isEmpty()) {
            format = Format::Plain; // an empty file: the reader above says what is missing
            return true;
        }
        const auto b0 = static_cast<unsigned char>(head.at(0));
        const auto b1 = head.size() > 1 ? static_cast<unsigned char>(head.at(1)) : 0;
        if (b0 == kGzipMagic1) {
            // No text file starts with this control byte: a lone or damaged magic is a broken gzip file.
            if (head.size() < 2) {
                fail(truncatedError());
                return false;
            }
            if (b1 != kGzipMagic2) {
                fail(makeError(
                    u"reports.corrupt"_s,
                    u"The file starts like a gzip file but its header is damaged. Download the report "
                    u"again."_s));
                return false;
            }
            format = Format::Gzip;
        } else if (head.size() > 1 && looksLikeZlib(b0, b1)) {
            format = Format::Zlib;
        } else if (head.startsWith("\xFF\xFE") || head.startsWith("\xFE\xFF")) {
            fail(makeError(
                u"reports.utf16"_s,
                u"The report file is UTF-16 text, but Apple serves UTF-8: it was probably re-saved by "
                u"another program. Download the report again."_s));
            return false;
        } else if (head.contains('\0')) {
            fail(makeError(u"reports.notText"_s,
                           u"The file is neither gzip-compressed nor plain text (it holds binary data). "
                           u"Download the report again."_s));
            return false;
        } else {
            format = Format::Plain;
            return true;
        }
        if (inflateInit2(&zs, kWindowBitsAutoDetect) != Z_OK) {
            fail(makeError(u"reports.zlib"_s, u"The decompressor could not start (out of memory?)."_s));
            return false;
        }
        zlibReady = true;
        return true;
    }

    // Called after a member ended: decides whether another gzip member, zero padding or the end follows.
    // True when inflating may go on.
    bool continueAfterMember()
    {
        while (true) {
            if (zs.avail_in == 0 && !refill()) {
                finished = true; // a clean end of the source (or a read error already recorded)
                return false;
            }
            const auto *bytes = reinterpret_cast<const unsigned char *>(zs.next_in);
            if (!inZeroPadding && format == Format::Gzip && bytes[0] == kGzipMagic1) {
                inflateReset(&zs);
                betweenMembers = false;
                return true;
            }
            if (bytes[0] != 0) {
                const qint64 trailing = zs.avail_in + (source->size() - source->pos());
                fail(makeError(u"reports.trailingData"_s,
                               u"The file has about %1 unexpected bytes after its compressed data, so it is "
                               u"damaged or not a report. Download the report again."_s.arg(trailing)));
                return false;
            }
            inZeroPadding = true;
            const auto *end = bytes + zs.avail_in;
            const auto *nonZero = std::find_if(bytes, end, [](unsigned char b) { return b != 0; });
            const auto skipped = static_cast<uInt>(nonZero - bytes);
            zs.next_in += skipped;
            zs.avail_in -= skipped;
        }
    }

    // Inflates into `chunk`; returns the number of bytes produced (0 at the end or on an error).
    qsizetype inflateInto(QByteArray &chunk)
    {
        if (chunk.capacity() < ChunkSize) {
            chunk.reserve(ChunkSize); // exactly: resize() alone would round the allocation up to 128 KiB
        }
        chunk.resize(ChunkSize);
        zs.next_out = reinterpret_cast<Bytef *>(chunk.data());
        zs.avail_out = static_cast<uInt>(ChunkSize);
        while (zs.avail_out == ChunkSize && !finished) {
            if (betweenMembers) {
                if (!continueAfterMember()) {
                    break;
                }
                continue;
            }
            if (zs.avail_in == 0 && !refill()) {
                if (status.ok()) {
                    fail(truncatedError());
                }
                break;
            }
            const int rc = inflate(&zs, Z_NO_FLUSH);
            if (rc == Z_STREAM_END) {
                ++members;
                betweenMembers = true;
                if (format == Format::Zlib) {
                    // zlib has no members: only padding may follow.
                    inZeroPadding = true;
                }
            } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
                const QString detail = zs.msg ? QString::fromLatin1(zs.msg) : u"error %1"_s.arg(rc);
                fail(makeError(
                    u"reports.corrupt"_s,
                    u"The file's compressed data is corrupt (%1). Download the report again."_s.arg(detail)));
                break;
            }
        }
        const qsizetype produced = ChunkSize - static_cast<qsizetype>(zs.avail_out);
        chunk.resize(produced);
        return produced;
    }
};

GzipInflater::GzipInflater(QIODevice *source, Limits limits)
    : d(std::make_unique<State>())
{
    d->source = source;
    d->limits = limits;
    d->input.reserve(ChunkSize);
}

GzipInflater::~GzipInflater() = default;
GzipInflater::GzipInflater(GzipInflater &&other) noexcept = default;
GzipInflater &GzipInflater::operator=(GzipInflater &&other) noexcept = default;

bool GzipInflater::next(QByteArray &chunk)
{
    if (d->finished) {
        chunk.resize(0);
        return false;
    }
    if (d->format == Format::Unknown && !d->detectFormat()) {
        chunk.resize(0);
        return false;
    }
    if (d->format == Format::Plain) {
        if (d->zs.avail_in == 0 && !d->refill()) {
            d->finished = true;
            chunk.resize(0);
            return false;
        }
        // refill() always leaves the unconsumed bytes at the start of `input`: hand all of them out. Swapping
        // keeps both buffers' capacity.
        Q_ASSERT(reinterpret_cast<const char *>(d->zs.next_in) == d->input.constData());
        chunk.swap(d->input);
        d->zs.avail_in = 0;
        d->bytesProduced += chunk.size();
        return withinLimits(chunk);
    }
    const qsizetype produced = d->inflateInto(chunk);
    d->bytesProduced += produced;
    return produced > 0 && withinLimits(chunk);
}

bool GzipInflater::withinLimits(QByteArray &chunk)
{
    const Limits &limits = d->limits;
    const bool tooMuch = d->bytesProduced > limits.maxBytes;
    const bool tooDense = d->bytesProduced > limits.ratioFloor &&
                          d->bytesProduced > limits.maxRatio * std::max<qint64>(d->bytesRead, 1);
    if (!tooMuch && !tooDense) {
        return true;
    }
    chunk.resize(0);
    d->fail(makeError(
        u"reports.tooLarge"_s,
        tooMuch ? u"The report file holds more than %1 MiB of text; no real report is that large, so ascsync "
                  u"stops "
                  u"reading it. Download it again; if it persists, the file is not a genuine report."_s.arg(
                      limits.maxBytes / (1024 * 1024))
                : u"The report file inflates more than %1 times (%2 bytes of compressed data became %3 "
                  u"bytes); no "
                  u"real report compresses that well, so ascsync stops reading it. Download it again; if it "
                  u"persists, the file is not a genuine report."_s.arg(limits.maxRatio)
                      .arg(d->bytesRead)
                      .arg(d->bytesProduced)));
    return false;
}

const Status &GzipInflater::status() const
{
    return d->status;
}

GzipInflater::Format GzipInflater::format() const
{
    return d->format;
}

int GzipInflater::members() const
{
    return d->members;
}

qint64 GzipInflater::bytesRead() const
{
    return d->bytesRead;
}

qint64 GzipInflater::bytesProduced() const
{
    return d->bytesProduced;
}

qsizetype GzipInflater::bufferCapacity() const
{
    return d->input.capacity();
}

} // namespace ascsync::reports
