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
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (i > 0)
            out.append('\t');
        appendValue(values[i], out);
    }
    out.append('\n');
}

void CopyEncoder::appendValue(QByteArrayView value, QByteArray &out)
{
    if (value.isNull()) {
        out.append("\\N", 2);
        return;
    }
    // In UTF-8 the special bytes never occur inside a multi-byte sequence, so a byte scan is exact. Runs of
    // ordinary bytes are copied whole.
    const char *begin = value.data();
    const char *end = begin + value.size();
    const char *run = begin;
    for (const char *p = begin; p < end; ++p) {
        if (needsEscape(*p)) {
            out.append(run, p - run);
            const char escaped[2] = {'\\', escapeLetter(*p)};
            out.append(escaped, 2);
            run = p + 1;
        }
    }
    out.append(run, end - run);
}

} // namespace ascsync::storage
