#include "copyencoder.h"

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
    QList<QByteArray> utf8;
    QList<QByteArrayView> views;
    for (const QString &value : values)
        utf8.append(value.isNull() ? QByteArray() : value.toUtf8());
    for (qsizetype i = 0; i < values.size(); ++i)
        views.append(values[i].isNull() ? QByteArrayView()
                                        : QByteArrayView(utf8[i].constData(), utf8[i].size()));
    appendRow(views, out);
}

void CopyEncoder::appendRow(const QList<QByteArrayView> &values, QByteArray &out)
{
    // Room for the worst case (every byte escaped), written through a pointer and cut back once: a row
    // costs two resizes of a buffer that keeps its capacity, never an append per byte.
    qsizetype bound = 1;
    for (const QByteArrayView value : values)
        bound += 2 * value.size() + 3;
    const qsizetype start = out.size();
    out.resize(start + bound);
    char *to = out.data() + start;
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (i > 0)
            *to++ = '\t';
        to = appendValue(values[i], to);
    }
    *to++ = '\n';
    out.resize(to - out.constData());
}

char *CopyEncoder::appendValue(QByteArrayView value, char *to)
{
    if (value.isNull()) {
        *to++ = '\\';
        *to++ = 'N';
        return to;
    }
    // In UTF-8 the special bytes never occur inside a multi-byte sequence, so a byte scan is exact.
    for (const char c : value) {
        if (needsEscape(c)) {
            *to++ = '\\';
            *to++ = escapeLetter(c);
        } else {
            *to++ = c;
        }
    }
    return to;
}

} // namespace ascsync::storage
