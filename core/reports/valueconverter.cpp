#include "reports/valueconverter.h"

#include <QDate>

using namespace Qt::StringLiterals;

namespace ascsync::reports {

namespace {

constexpr qsizetype kMaxQuotedValue = 40;

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

// The digits in text[from, from + count) as a number; -1 when any is not a digit.
int digitsValue(QStringView text, qsizetype from, qsizetype count)
{
    if (count <= 0 || from + count > text.size()) {
        return -1;
    }
    int value = 0;
    for (qsizetype i = from; i < from + count; ++i) {
        if (!isDigit(text.at(i))) {
            return -1;
        }
        value = value * 10 + (text.at(i).unicode() - u'0');
    }
    return value;
}

QString quoted(QStringView value)
{
    if (value.size() > kMaxQuotedValue) {
        return u'\'' + value.left(kMaxQuotedValue) + u"…'"_s;
    }
    return u'\'' + value + u'\'';
}

QString isoDate(int year, int month, int day)
{
    return u"%1-%2-%3"_s.arg(year, 4, 10, QLatin1Char('0'))
        .arg(month, 2, 10, QLatin1Char('0'))
        .arg(day, 2, 10, QLatin1Char('0'));
}

Result<QString> convertDate(QStringView text)
{
    int year = -1;
    int month = -1;
    int day = -1;
    if (text.size() == 10 && text.at(4) == u'-' && text.at(7) == u'-') {
        year = digitsValue(text, 0, 4);
        month = digitsValue(text, 5, 2);
        day = digitsValue(text, 8, 2);
    } else {
        const qsizetype firstSlash = text.indexOf(u'/');
        const qsizetype lastSlash = text.lastIndexOf(u'/');
        const qsizetype dayLength = lastSlash - firstSlash - 1;
        if (firstSlash >= 1 && firstSlash <= 2 && dayLength >= 1 && dayLength <= 2 &&
            text.size() - lastSlash - 1 == 4) {
            month = digitsValue(text, 0, firstSlash);
            day = digitsValue(text, firstSlash + 1, dayLength);
            year = digitsValue(text, lastSlash + 1, 4);
        }
    }
    if (year < 0 || month < 0 || day < 0 || !QDate::isValid(year, month, day)) {
        return makeError(u"reports.notDate"_s,
                         u"%1 is not a date (expected YYYY-MM-DD or MM/DD/YYYY)"_s.arg(quoted(text)));
    }
    return isoDate(year, month, day);
}

// Digits without their leading zeros ("" and "000" become "0").
QStringView withoutLeadingZeros(QStringView digits)
{
    qsizetype first = 0;
    while (first + 1 < digits.size() && digits.at(first) == u'0') {
        ++first;
    }
    return digits.isEmpty() ? u"0" : digits.sliced(first);
}

qsizetype countDigits(QStringView text, qsizetype from)
{
    qsizetype end = from;
    while (end < text.size() && isDigit(text.at(end))) {
        ++end;
    }
    return end - from;
}

bool allZero(QStringView digits)
{
    return std::all_of(digits.begin(), digits.end(), [](QChar c) { return c == u'0'; });
}

Result<QString> convertDecimal(QStringView text)
{
    const auto notNumber = [&text] {
        const QString why = text.contains(u',')
                                ? u" (thousands separators and decimal commas are not accepted: Apple writes "
                                  u"plain numbers like 1234.5)"_s
                                : u" (expected a number like 12, -3 or 1234.56)"_s;
        return makeError(u"reports.notNumber"_s, quoted(text) + u" is not a number"_s + why);
    };
    qsizetype pos = 0;
    const bool negative = text.startsWith(u'-');
    if (negative || text.startsWith(u'+')) {
        ++pos;
    }
    const QStringView integerPart = text.sliced(pos, countDigits(text, pos));
    pos += integerPart.size();
    QStringView fraction;
    if (pos < text.size() && text.at(pos) == u'.') {
        ++pos;
        fraction = text.sliced(pos, countDigits(text, pos));
        pos += fraction.size();
    }
    if (integerPart.isEmpty() && fraction.isEmpty()) {
        return notNumber();
    }
    QString exponent;
    if (pos < text.size() && (text.at(pos) == u'e' || text.at(pos) == u'E')) {
        ++pos;
        const bool negativeExponent = pos < text.size() && text.at(pos) == u'-';
        if (pos < text.size() && (text.at(pos) == u'-' || text.at(pos) == u'+')) {
            ++pos;
        }
        const QStringView exponentDigits = text.sliced(pos, countDigits(text, pos));
        if (exponentDigits.isEmpty()) {
            return notNumber();
        }
        pos += exponentDigits.size();
        exponent = u"e"_s + (negativeExponent ? u"-"_s : QString()) + withoutLeadingZeros(exponentDigits);
    }
    if (pos != text.size()) {
        return notNumber();
    }
    const bool isZero = allZero(integerPart) && allZero(fraction);
    QString result = (negative && !isZero ? u"-"_s : QString()) + withoutLeadingZeros(integerPart);
    if (!fraction.isEmpty()) {
        result += u'.' + fraction;
    }
    return QString(result + exponent);
}

Result<QString> convertInteger(QStringView text)
{
    bool ok = false;
    const qlonglong value = text.toLongLong(&ok, 10);
    const bool onlyDigits = std::all_of(
        text.begin() + ((text.startsWith(u'-') || text.startsWith(u'+')) ? 1 : 0), text.end(), isDigit);
    if (!ok || !onlyDigits) {
        return makeError(u"reports.notInteger"_s,
                         u"%1 is not a whole number (expected digits like 12 or -3)"_s.arg(quoted(text)));
    }
    return QString::number(value);
}

} // namespace

Result<QString> convert(ColumnType type, QStringView text)
{
    if (type == ColumnType::Text) {
        return text.isEmpty() ? QString() : text.toString();
    }
    const QStringView trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        return QString();
    }
    switch (type) {
    case ColumnType::Date:
        return convertDate(trimmed);
    case ColumnType::Decimal:
        return convertDecimal(trimmed);
    case ColumnType::Integer:
        return convertInteger(trimmed);
    case ColumnType::Text:
        break;
    }
    return trimmed.toString();
}

Error valueError(QStringView column, qint64 line, const Error &error)
{
    return makeError(error.code, u"Column “%1”, line %2: %3."_s.arg(column).arg(line).arg(error.message));
}

} // namespace ascsync::reports
