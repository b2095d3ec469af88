#include "valueconverter.h"

#include "fielddecoder.h"

#include <QDate>

#include <algorithm>
#include <limits>

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

bool isAsciiDigit(char c)
{
    return c >= '0' && c <= '9';
}

// `-?(0|[1-9][0-9]*)` with at most `maxDigits` digits, not "-0": an integer exactly as convert() writes it.
// Gives the position after the integer part, or -1.
qsizetype normalIntegerPart(QByteArrayView text, qsizetype maxDigits)
{
    qsizetype pos = text.startsWith('-') ? 1 : 0;
    const qsizetype first = pos;
    while (pos < text.size() && isAsciiDigit(text[pos])) {
        ++pos;
    }
    const qsizetype digits = pos - first;
    if (digits == 0 || digits > maxDigits || (digits > 1 && text[first] == '0')) {
        return -1;
    }
    return pos;
}

bool isNormalDate(QByteArrayView text)
{
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return false;
    }
    for (const qsizetype i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (!isAsciiDigit(text[i])) {
            return false;
        }
    }
    const auto number = [&text](qsizetype from, qsizetype count) {
        int value = 0;
        for (qsizetype i = from; i < from + count; ++i) {
            value = value * 10 + (text[i] - '0');
        }
        return value;
    };
    return QDate::isValid(number(0, 4), number(5, 2), number(8, 2));
}

bool isNormalDecimal(QByteArrayView text)
{
    qsizetype pos = normalIntegerPart(text, std::numeric_limits<qsizetype>::max());
    if (pos < 0) {
        return false;
    }
    bool nonZero = std::any_of(text.begin(), text.begin() + pos, [](char c) { return c > '0' && c <= '9'; });
    if (pos < text.size()) {
        if (text[pos] != '.' || pos + 1 == text.size()) {
            return false;
        }
        for (++pos; pos < text.size(); ++pos) {
            if (!isAsciiDigit(text[pos])) {
                return false;
            }
            nonZero = nonZero || text[pos] != '0';
        }
    }
    return nonZero || !text.startsWith('-'); // "-0.0" becomes "0.0"
}

bool isNormalInteger(QByteArrayView text)
{
    // 18 digits always fit in 64 bits; longer values take the exact path.
    return normalIntegerPart(text, 18) == text.size() && text != QByteArrayView("-0");
}

} // namespace

bool isMissingValuePlaceholder(QByteArrayView text)
{
    return text.size() == 1 && text.front() == ' ';
}

Result<QByteArrayView> convertUtf8(ColumnType type, QByteArrayView text, QByteArray &scratch)
{
    if (text.isEmpty() || isMissingValuePlaceholder(text)) {
        return QByteArrayView();
    }
    bool normal = false;
    switch (type) {
    case ColumnType::Text:
        return text;
    case ColumnType::Date:
        normal = isNormalDate(text);
        break;
    case ColumnType::Decimal:
        normal = isNormalDecimal(text);
        break;
    case ColumnType::Integer:
        normal = isNormalInteger(text);
        break;
    }
    if (normal) {
        return text;
    }
    // Anything else (blanks, '+', leading zeros, exponents, slashes, errors): the one exact definition.
    // decodeField, not QString::fromUtf8: fromUtf8 drops a leading U+FEFF, which made "\uFEFF2.3" a number
    // here and an error in convert().
    QString decoded;
    decodeField(text, decoded);
    auto converted = convert(type, decoded);
    if (!converted) {
        return converted.error();
    }
    if (converted->isNull()) {
        return QByteArrayView();
    }
    scratch = converted->toUtf8();
    return QByteArrayView(scratch);
}

Result<QString> convert(ColumnType type, QStringView text)
{
    if (type == ColumnType::Text) {
        return text.isEmpty() || text == u" " ? QString() : text.toString();
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
