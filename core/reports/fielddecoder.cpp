#include "fielddecoder.h"

#include <algorithm>
#include <cstring>

namespace ascsync::reports {

namespace {

// Windows-1252 differs from Latin-1 only in 0x80-0x9F; its five unassigned bytes keep their C1 code point
// (what Windows itself does), so every byte still maps to exactly one character.
constexpr char16_t kWindows1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

bool isAscii(QByteArrayView bytes)
{
    return std::all_of(bytes.begin(), bytes.end(),
                       [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

bool isContinuation(unsigned char byte)
{
    return (byte & 0xC0) == 0x80;
}

char16_t windows1252CodePoint(unsigned char byte)
{
    return (byte >= 0x80 && byte <= 0x9F) ? kWindows1252High[byte - 0x80] : char16_t(byte);
}

void decodeWindows1252(QByteArrayView bytes, QString &out)
{
    out.resize(bytes.size());
    QChar *target = out.data();
    for (const char c : bytes) {
        const auto byte = static_cast<unsigned char>(c);
        *target++ = QChar(windows1252CodePoint(byte));
    }
}

} // namespace

void appendWindows1252AsUtf8(QByteArrayView bytes, QByteArray &out)
{
    for (const char c : bytes) {
        const char16_t codePoint = windows1252CodePoint(static_cast<unsigned char>(c));
        if (codePoint < 0x80) {
            out.append(char(codePoint));
        } else if (codePoint < 0x800) {
            out.append(char(0xC0 | (codePoint >> 6)));
            out.append(char(0x80 | (codePoint & 0x3F)));
        } else {
            out.append(char(0xE0 | (codePoint >> 12)));
            out.append(char(0x80 | ((codePoint >> 6) & 0x3F)));
            out.append(char(0x80 | (codePoint & 0x3F)));
        }
    }
}

bool isValidUtf8(QByteArrayView bytes)
{
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.data());
    const auto *end = p + bytes.size();
    // Report fields are nearly always ASCII: skip it eight bytes at a time.
    while (end - p >= 8) {
        quint64 word;
        std::memcpy(&word, p, sizeof word);
        if (word & 0x8080808080808080ULL) {
            break;
        }
        p += 8;
    }
    while (p < end) {
        const unsigned char lead = *p;
        if (lead < 0x80) {
            ++p;
            continue;
        }
        qsizetype length = 0;
        // The second byte's allowed range excludes overlong forms, surrogates and code points > U+10FFFF.
        unsigned char low = 0x80;
        unsigned char high = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            low = lead == 0xE0 ? 0xA0 : 0x80;
            high = lead == 0xED ? 0x9F : 0xBF;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            low = lead == 0xF0 ? 0x90 : 0x80;
            high = lead == 0xF4 ? 0x8F : 0xBF;
        } else {
            return false;
        }
        if (end - p < length || p[1] < low || p[1] > high) {
            return false;
        }
        for (qsizetype i = 2; i < length; ++i) {
            if (!isContinuation(p[i])) {
                return false;
            }
        }
        p += length;
    }
    return true;
}

bool decodeField(QByteArrayView bytes, QString &out)
{
    if (bytes.isEmpty()) {
        // An empty field is an empty string; null is kept for fields the line did not have at all.
        if (out.isNull()) {
            out = QLatin1StringView("");
        } else {
            out.resize(0);
        }
        return false;
    }
    if (isAscii(bytes)) {
        out = QLatin1StringView(bytes.data(), bytes.size());
        return false;
    }
    if (isValidUtf8(bytes)) {
        out = QString::fromUtf8(bytes);
        // fromUtf8 drops a leading byte order mark; inside a file it is a character of the field (U+FEFF),
        // kept as the byte path (nextUtf8) keeps it. Only the file's own BOM is removed, by the reader.
        if (bytes.startsWith("\xEF\xBB\xBF")) {
            out.prepend(QChar(0xFEFF));
        }
        return false;
    }
    decodeWindows1252(bytes, out);
    return true;
}

} // namespace ascsync::reports
