#include "storage/copyencoder.h"

namespace ascsync::storage {

namespace {

constexpr bool needsEscape(char c)
{
    return c == '\\' || c == '\t' || c == '\n' || c == '\r';
}

constexpr char escapeLetter(char c)
{
    switch (c) {
    case '\t':
        return 't';
    case '\n':
        return 'n';
    case '\r':
        return 'r';
    default:
        return c; // the backslash escapes itself
    }
}

} // namespace

void CopyEncoder::appendRow(const QList<QString> &values, QByteArray &out)
{
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (i > 0)
            out.append('\t');
        appendValue(values[i], out);
    }
    out.append('\n');
}

void CopyEncoder::appendValue(const QString &value, QByteArray &out)
{
    if (value.isNull()) {
        out.append("\\N", 2);
        return;
    }
    const qsizetype start = out.size();
    out.resize(start + m_encoder.requiredSpace(value.size()));
    char *begin = out.data() + start;
    char *end = m_encoder.appendToBuffer(begin, value);
    qsizetype length = end - begin;

    // In UTF-8 the special bytes never occur inside a multi-byte sequence, so a byte scan is exact.
    qsizetype specials = 0;
    for (qsizetype i = 0; i < length; ++i)
        specials += needsEscape(begin[i]) ? 1 : 0;
    if (specials == 0) {
        out.resize(start + length);
        return;
    }
    out.resize(start + length + specials);
    begin = out.data() + start;
    // Escape in place from the back, so every byte moves once.
    qsizetype to = length + specials;
    for (qsizetype from = length - 1; from >= 0; --from) {
        const char c = begin[from];
        if (needsEscape(c)) {
            begin[--to] = escapeLetter(c);
            begin[--to] = '\\';
        } else {
            begin[--to] = c;
        }
    }
}

} // namespace ascsync::storage
