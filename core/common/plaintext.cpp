#include "plaintext.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ascsync {

namespace {

bool isBidiControl(char16_t c)
{
    // Embeddings, overrides and isolates (U+202A..U+202E, U+2066..U+2069) reorder what follows on screen.
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

bool needsEscape(QChar c)
{
    const char16_t u = c.unicode();
    return u < 0x20 || u == 0x7F || (u >= 0x80 && u < 0xA0) || c == QChar::LineSeparator ||
           c == QChar::ParagraphSeparator || isBidiControl(u);
}

QString escaped(QChar c)
{
    switch (c.unicode()) {
    case u'\n':
        return u"\\n"_s;
    case u'\r':
        return u"\\r"_s;
    case u'\t':
        return u"\\t"_s;
    default:
        break;
    }
    if (c.unicode() < 0x100) {
        return u"\\x%1"_s.arg(static_cast<uint>(c.unicode()), 2, 16, QChar(u'0'));
    }
    return u"\\u%1"_s.arg(static_cast<uint>(c.unicode()), 4, 16, QChar(u'0'));
}

} // namespace

QString escapeControlCharacters(QStringView text)
{
    if (!hasControlCharacters(text)) {
        return text.toString();
    }
    QString out;
    out.reserve(text.size() + 16);
    for (const QChar c : text) {
        if (needsEscape(c)) {
            out += escaped(c);
        } else {
            out += c;
        }
    }
    return out;
}

QString escapeForTerminal(QStringView text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        if (needsEscape(c) && c != u'\n' && c != u'\t') {
            out += escaped(c);
        } else {
            out += c;
        }
    }
    return out;
}

bool hasControlCharacters(QStringView text)
{
    return std::any_of(text.begin(), text.end(), needsEscape);
}

} // namespace ascsync
