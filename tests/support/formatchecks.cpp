#include "formatchecks.h"

#include <QDate>

using namespace Qt::StringLiterals;

namespace ascsync::testsupport::formats {

namespace {

// Reads `count` ASCII digits at `pos` as a number; -1 when any of them is not a digit or the text is too
// short.
int digitsAt(QStringView text, qsizetype pos, qsizetype count)
{
    if (pos + count > text.size())
        return -1;
    int value = 0;
    for (qsizetype i = pos; i < pos + count; ++i) {
        const QChar c = text.at(i);
        if (c < u'0' || c > u'9')
            return -1;
        value = value * 10 + (c.unicode() - u'0');
    }
    return value;
}

bool hasWhitespaceOrControl(QStringView text)
{
    for (const QChar c : text) {
        if (c.isSpace() || c.category() == QChar::Other_Control)
            return true;
    }
    return false;
}

bool isSchemeChar(QChar c, bool first)
{
    const bool alpha = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
    if (first)
        return alpha;
    return alpha || (c >= u'0' && c <= u'9') || c == u'+' || c == u'-' || c == u'.';
}

// Parses the 10-character full-date at the start of `text`.
bool leadingDateIsValid(QStringView text)
{
    if (text.size() < 10 || text.at(4) != u'-' || text.at(7) != u'-')
        return false;
    const int year = digitsAt(text, 0, 4);
    const int month = digitsAt(text, 5, 2);
    const int day = digitsAt(text, 8, 2);
    return year >= 0 && month >= 0 && day >= 0 && QDate(year, month, day).isValid();
}

} // namespace

bool isDate(QStringView text)
{
    return text.size() == 10 && leadingDateIsValid(text);
}

bool isDateTime(QStringView text)
{
    // 2024-01-05T10:20:30Z is the shortest form: 20 characters.
    if (text.size() < 20 || !leadingDateIsValid(text))
        return false;
    if (text.at(10) != u'T' && text.at(10) != u't')
        return false;
    if (text.at(13) != u':' || text.at(16) != u':')
        return false;
    const int hour = digitsAt(text, 11, 2);
    const int minute = digitsAt(text, 14, 2);
    const int second = digitsAt(text, 17, 2);
    // RFC 3339 allows second 60 (leap second), which QTime does not know.
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60)
        return false;

    qsizetype pos = 19;
    if (text.at(pos) == u'.') {
        const qsizetype fractionStart = ++pos;
        while (pos < text.size() && text.at(pos) >= u'0' && text.at(pos) <= u'9')
            ++pos;
        if (pos == fractionStart)
            return false;
    }
    const QStringView offset = text.mid(pos);
    if (offset == u"Z"_s || offset == u"z"_s)
        return true;
    if (offset.size() != 6 || (offset.at(0) != u'+' && offset.at(0) != u'-') || offset.at(3) != u':')
        return false;
    const int offsetHours = digitsAt(offset, 1, 2);
    const int offsetMinutes = digitsAt(offset, 4, 2);
    return offsetHours >= 0 && offsetHours <= 23 && offsetMinutes >= 0 && offsetMinutes <= 59;
}

bool isUri(QStringView text)
{
    if (text.isEmpty() || hasWhitespaceOrControl(text) || !isSchemeChar(text.at(0), true))
        return false;
    const qsizetype colon = text.indexOf(u':');
    if (colon < 1 || colon + 1 >= text.size())
        return false;
    for (qsizetype i = 1; i < colon; ++i) {
        if (!isSchemeChar(text.at(i), false))
            return false;
    }
    const QStringView scheme = text.first(colon);
    const QStringView rest = text.sliced(colon + 1);
    if (scheme.compare(u"http"_s, Qt::CaseInsensitive) == 0 ||
        scheme.compare(u"https"_s, Qt::CaseInsensitive) == 0)
        return rest.startsWith(u"//"_s) && rest.size() > 2 && rest.at(2) != u'/';
    return true;
}

bool isUriReference(QStringView text)
{
    return !hasWhitespaceOrControl(text);
}

bool isEmail(QStringView text)
{
    const qsizetype at = text.indexOf(u'@');
    return at > 0 && at + 1 < text.size() && text.indexOf(u'@', at + 1) < 0 && !hasWhitespaceOrControl(text);
}

} // namespace ascsync::testsupport::formats
