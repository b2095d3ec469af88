#include "copybinaryencoder.h"

#include <QtEndian>

#include <cstring>
#include <limits>

namespace ascsync::storage {

namespace {

// PostgreSQL's numeric send form (src/backend/utils/adt/numeric.c): base-10000 digits, the weight of the
// first one, a sign word and the display scale.
constexpr int NumericBase = 10000;
constexpr int NumericBaseDigits = 4;
constexpr quint16 NumericPositive = 0x0000;
constexpr quint16 NumericNegative = 0x4000;
// numeric_in refuses exponents beyond this (NUMERIC_MAX_PRECISION), and a scale above NUMERIC_DSCALE_MAX
// overflows; the binary form is held to the same limits.
constexpr qint64 MaxExponent = 1000;
constexpr qint64 MaxDisplayScale = 0x3FFF;
// Days from 0000-03-01 (the proleptic Gregorian calendar's era start used below) to 2000-01-01, PostgreSQL's
// date epoch.
constexpr qint64 DaysToPostgresEpoch = 730425;

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

template <typename T> void putBigEndian(QByteArray &out, T value)
{
    const qsizetype at = out.size();
    out.resize(at + qsizetype(sizeof(T)));
    qToBigEndian(value, out.data() + at);
}

// Starts a value of `size` bytes: its length word.
void putLength(QByteArray &out, qint32 size)
{
    putBigEndian<qint32>(out, size);
}

// Unsigned digits, at most 19 (no overflow check needed below 10^19 for an unsigned 64-bit sum).
std::optional<quint64> parseDigits(QByteArrayView digits)
{
    if (digits.isEmpty() || digits.size() > 19)
        return std::nullopt;
    quint64 value = 0;
    for (const char c : digits) {
        if (!isDigit(c))
            return std::nullopt;
        value = value * 10 + quint64(c - '0');
    }
    return value;
}

// Leading zeros, as the server ignores them ("007" is 7), keeping one digit of "000".
QByteArrayView withoutLeadingZeros(QByteArrayView digits)
{
    while (digits.size() > 1 && digits.front() == '0')
        digits = digits.sliced(1);
    return digits;
}

bool encodeInteger(QByteArrayView text, QByteArray &out)
{
    const bool negative = text.startsWith('-');
    if (negative || text.startsWith('+'))
        text = text.sliced(1);
    text = withoutLeadingZeros(text);
    const std::optional<quint64> magnitude = parseDigits(text);
    constexpr quint64 limit = quint64(std::numeric_limits<qint64>::max());
    if (!magnitude || *magnitude > limit + (negative ? 1 : 0))
        return false;
    const qint64 value = negative ? qint64(0 - *magnitude) : qint64(*magnitude);
    putLength(out, 8);
    putBigEndian<qint64>(out, value);
    return true;
}

// Days since 0000-03-01 of a proleptic Gregorian date (the "days from civil" method: years start in March, so
// the leap day is the last day of a year).
qint64 daysFromCivil(int year, int month, int day)
{
    year -= month <= 2 ? 1 : 0;
    const int era = year / 400; // years are positive here
    const int yearOfEra = year - era * 400;
    const int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return qint64(era) * 146097 + dayOfEra;
}

int daysInMonth(int year, int month)
{
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

bool encodeDate(QByteArrayView text, QByteArray &out)
{
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return false;
    const auto year = parseDigits(text.sliced(0, 4));
    const auto month = parseDigits(text.sliced(5, 2));
    const auto day = parseDigits(text.sliced(8, 2));
    // There is no year 0: PostgreSQL refuses 0000-01-01 too.
    if (!year || !month || !day || *year < 1 || *month < 1 || *month > 12 || *day < 1 ||
        *day > quint64(daysInMonth(int(*year), int(*month)))) {
        return false;
    }
    putLength(out, 4);
    putBigEndian<qint32>(out,
                         qint32(daysFromCivil(int(*year), int(*month), int(*day)) - DaysToPostgresEpoch));
    return true;
}

// A decimal split into its parts: [sign] digits [. digits] [e [sign] digits].
struct DecimalParts {
    bool negative = false;
    QByteArrayView integerDigits;
    QByteArrayView fractionDigits;
    qint64 exponent = 0;
};

std::optional<qint64> parseExponent(QByteArrayView text)
{
    const bool negative = text.startsWith('-');
    if (negative || text.startsWith('+'))
        text = text.sliced(1);
    text = withoutLeadingZeros(text); // "1e0003" is 1e3, as numeric_in reads it
    const std::optional<quint64> magnitude = text.size() <= 5 ? parseDigits(text) : std::nullopt;
    if (!magnitude || *magnitude > quint64(MaxExponent))
        return std::nullopt;
    return negative ? -qint64(*magnitude) : qint64(*magnitude);
}

qsizetype countDigits(QByteArrayView text, qsizetype from)
{
    qsizetype end = from;
    while (end < text.size() && isDigit(text[end]))
        ++end;
    return end - from;
}

std::optional<DecimalParts> splitDecimal(QByteArrayView text)
{
    DecimalParts parts;
    qsizetype pos = 0;
    parts.negative = text.startsWith('-');
    if (parts.negative || text.startsWith('+'))
        ++pos;
    parts.integerDigits = text.sliced(pos, countDigits(text, pos));
    pos += parts.integerDigits.size();
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        parts.fractionDigits = text.sliced(pos, countDigits(text, pos));
        pos += parts.fractionDigits.size();
    }
    if (parts.integerDigits.isEmpty() && parts.fractionDigits.isEmpty())
        return std::nullopt;
    // Zeros before the first digit would only move the weight; "0.5" keeps no integer digit at all.
    parts.integerDigits = withoutLeadingZeros(parts.integerDigits);
    if (parts.integerDigits == "0")
        parts.integerDigits = {};
    if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
        const std::optional<qint64> exponent = parseExponent(text.sliced(pos + 1));
        if (!exponent)
            return std::nullopt;
        parts.exponent = *exponent;
        pos = text.size();
    }
    if (pos != text.size())
        return std::nullopt;
    return parts;
}

qint64 floorDivide(qint64 a, qint64 b)
{
    return a / b - ((a % b != 0 && (a < 0) != (b < 0)) ? 1 : 0);
}

bool encodeDecimal(QByteArrayView text, QByteArray &out)
{
    const std::optional<DecimalParts> parts = splitDecimal(text);
    if (!parts)
        return false;
    // The digits as one run; the decimal point sits after `pointAt` of them (which may lie outside the run).
    const qsizetype digitCount = parts->integerDigits.size() + parts->fractionDigits.size();
    const auto digitAt = [&parts](qsizetype i) {
        const qsizetype integers = parts->integerDigits.size();
        return i < integers ? parts->integerDigits[i] - '0' : parts->fractionDigits[i - integers] - '0';
    };
    const qint64 pointAt = parts->integerDigits.size() + parts->exponent;
    // numeric_in's display scale: the fraction's digits less the exponent, never negative.
    const qint64 displayScale = std::max<qint64>(0, parts->fractionDigits.size() - parts->exponent);
    // The first digit's power of ten, the base-10000 digit it falls in (the weight), and how many zeros come
    // before it in that base-10000 digit.
    const qint64 firstPower = pointAt - 1;
    const qint64 weight = floorDivide(firstPower, NumericBaseDigits);
    const qint64 leadingZeros = weight * NumericBaseDigits + (NumericBaseDigits - 1) - firstPower;
    const qint64 groups = (leadingZeros + digitCount + NumericBaseDigits - 1) / NumericBaseDigits;
    constexpr qint64 limit = std::numeric_limits<qint16>::max(); // NUMERIC_WEIGHT_MAX, and the digit count's
    if (displayScale > MaxDisplayScale || groups > limit || weight > limit || weight < -limit)
        return false;

    putLength(out, qint32(8 + 2 * groups));
    putBigEndian<quint16>(out, quint16(groups));
    putBigEndian<qint16>(out, qint16(weight));
    putBigEndian<quint16>(out, parts->negative ? NumericNegative : NumericPositive);
    putBigEndian<quint16>(out, quint16(displayScale));
    // Zeros at either end are fine: the server strips them (and gives zero the positive sign).
    qint64 position = -leadingZeros;
    for (qint64 group = 0; group < groups; ++group) {
        int value = 0;
        for (int i = 0; i < NumericBaseDigits; ++i, ++position)
            value = value * 10 + (position >= 0 && position < digitCount ? digitAt(position) : 0);
        Q_ASSERT(value < NumericBase);
        putBigEndian<quint16>(out, quint16(value));
    }
    return true;
}

bool encodeText(QByteArrayView text, QByteArray &out)
{
    if (text.size() > std::numeric_limits<qint32>::max())
        return false;
    putLength(out, qint32(text.size()));
    out.append(text.data(), text.size());
    return true;
}

bool encodeValue(ColumnType type, QByteArrayView value, QByteArray &out)
{
    switch (type) {
    case ColumnType::Text:
        return encodeText(value, out);
    case ColumnType::Date:
        return encodeDate(value, out);
    case ColumnType::Decimal:
        return encodeDecimal(value, out);
    case ColumnType::Integer:
        return encodeInteger(value, out);
    }
    return false;
}

} // namespace

CopyBinaryEncoder::CopyBinaryEncoder(QList<ColumnType> types)
    : m_types(std::move(types))
{}

QByteArrayView CopyBinaryEncoder::header()
{
    // Signature, flags (no OIDs), header extension length.
    static constexpr char bytes[] = "PGCOPY\n\377\r\n\0"
                                    "\0\0\0\0"
                                    "\0\0\0\0";
    return QByteArrayView(bytes, sizeof(bytes) - 1);
}

QByteArrayView CopyBinaryEncoder::trailer()
{
    static constexpr char bytes[] = "\377\377"; // a field count of -1
    return QByteArrayView(bytes, 2);
}

std::optional<qsizetype> CopyBinaryEncoder::appendRow(const QList<QByteArrayView> &values,
                                                      QByteArray &out) const
{
    Q_ASSERT(values.size() == m_types.size());
    const qsizetype start = out.size();
    putBigEndian<qint16>(out, qint16(values.size()));
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (values[i].isNull()) {
            putLength(out, -1);
        } else if (!encodeValue(m_types[i], values[i], out)) {
            out.resize(start);
            return i;
        }
    }
    return std::nullopt;
}

} // namespace ascsync::storage
