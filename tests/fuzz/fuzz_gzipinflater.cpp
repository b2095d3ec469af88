// libFuzzer target: reports::GzipInflater (gzip, concatenated members, zlib, plain).
//
// Input: one flag byte, one read-size byte, then the bytes. Mode (flag & 3): 0 inflates the bytes as a
// downloaded file; 1 and 2 compress them first (gzip, zlib) and check the inflater gives them back; 3 sends
// them as two concatenated gzip members. Promises checked: every chunk is 1..ChunkSize bytes, the produced
// count adds up, buffers never grow past their fixed size, plain text comes back unchanged, and what zlib
// compressed comes back byte for byte.

#include "chunkeddevice.h"
#include "fuzzsupport.h"
#include "zcompress.h"

#include "core/reports/gzipinflater.h"

using ascsync::reports::GzipInflater;

namespace {

struct Inflated {
    QByteArray content;
    bool ok = false;
    GzipInflater::Format format = GzipInflater::Format::Unknown;
    int members = 0;
};

Inflated inflateAll(const QByteArray &file, qint64 readStep)
{
    ascsync::fuzz::ChunkedDevice device(file, readStep);
    GzipInflater inflater(&device);
    Inflated result;
    QByteArray chunk;
    qint64 produced = 0;
    while (inflater.next(chunk)) {
        FUZZ_CHECK(!chunk.isEmpty() && chunk.size() <= GzipInflater::ChunkSize);
        produced += chunk.size();
        FUZZ_CHECK(produced == inflater.bytesProduced());
        // The documented constant memory: one read buffer of ChunkSize, whatever the compression ratio.
        FUZZ_CHECK(inflater.bufferCapacity() <= 2 * GzipInflater::ChunkSize);
        FUZZ_CHECK(chunk.capacity() <= 2 * GzipInflater::ChunkSize);
        // Enough for every round trip (4 KiB inputs by default), bounded for the raw mode's zip bombs.
        if (result.content.size() < 1024 * 1024) {
            result.content.append(chunk);
        }
    }
    FUZZ_CHECK(inflater.bytesRead() <= file.size());
    result.ok = bool(inflater.status());
    result.format = inflater.format();
    result.members = inflater.members();
    FUZZ_CHECK(!inflater.next(chunk)); // the end stays the end
    return result;
}

} // namespace

ASCSYNC_FUZZ_QUIET_QT()

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2) {
        return 0;
    }
    const int mode = data[0] & 3;
    const int level = (data[0] >> 2) % 10;
    const qint64 readStep = data[1] == 0 ? (1 << 20) : qint64(data[1]) * 7;
    const QByteArray bytes = ascsync::fuzz::bytesOf(data + 2, size - 2);

    if (mode == 0) {
        const Inflated result = inflateAll(bytes, readStep);
        if (result.ok && result.format == GzipInflater::Format::Plain) {
            FUZZ_CHECK(result.content == bytes.left(result.content.size()));
        }
        return 0;
    }
    const int windowBits = mode == 2 ? 15 : 31;
    QByteArray file = ascsync::fuzz::deflated(bytes, windowBits, level);
    FUZZ_CHECK(!file.isEmpty());
    if (mode == 3) {
        file += ascsync::fuzz::deflated(bytes, windowBits, level);
    }
    const Inflated result = inflateAll(file, readStep);
    FUZZ_CHECK(result.ok);
    FUZZ_CHECK(result.format == (mode == 2 ? GzipInflater::Format::Zlib : GzipInflater::Format::Gzip));
    FUZZ_CHECK(result.members == (mode == 3 ? 2 : 1));
    FUZZ_CHECK(result.content == (mode == 3 ? bytes + bytes : bytes));
    return 0;
}
