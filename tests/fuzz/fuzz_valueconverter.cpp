// libFuzzer target: reports::convert / convertUtf8 (dates, numbers, text) and the field decoder's
// Windows-1252 fallback (decodeField, appendWindows1252AsUtf8, isValidUtf8).
//
// Input: one byte chooses the column type, the rest is a field's raw bytes. Promises checked:
// - the two decoders agree: decodeField's QString is exactly the UTF-8 appendWindows1252AsUtf8 (or the
//   valid UTF-8 itself) gives, and it is reported as a fallback exactly when the bytes are not UTF-8;
// - valid UTF-8 survives the QString round trip byte for byte (a leading BOM included);
// - convertUtf8 gives exactly the values and errors of convert() (its documented promise);
// - a converted value is in normal form: converting it again gives it back, dates are valid ISO dates,
//   integers fit in 64 bits, decimals carry no '+' or leading zeros;
// - PostgreSQL's binary COPY form takes every converted value (length word and payload adding up), except
//   decimals beyond numeric's limits, which need an exponent, more than 16383 fraction digits or more than
//   131068 integer digits to reach (the server refuses those in text too).

#include "fuzzsupport.h"

#include "core/reports/fielddecoder.h"
#include "core/reports/valueconverter.h"
#include "core/storage/copybinaryencoder.h"

#include <QDate>
#include <QRegularExpression>
#include <QtEndian>

using namespace ascsync::reports;
using namespace Qt::StringLiterals;

namespace {

QByteArray utf8Of(QByteArrayView bytes)
{
    if (isValidUtf8(bytes)) {
        return bytes.toByteArray();
    }
    QByteArray out;
    appendWindows1252AsUtf8(bytes, out);
    return out;
}

void checkNormalForm(ColumnType type, const QString &value)
{
    static const QRegularExpression decimal(u"^-?(0|[1-9][0-9]*)(\\.[0-9]+)?(e-?(0|[1-9][0-9]*))?$"_s);
    static const QRegularExpression integer(u"^(0|-?[1-9][0-9]*)$"_s);
    switch (type) {
    case ColumnType::Text:
        break;
    case ColumnType::Date:
        FUZZ_CHECK(value.size() == 10 && QDate::fromString(value, Qt::ISODate).isValid());
        break;
    case ColumnType::Decimal:
        FUZZ_CHECK(decimal.match(value).hasMatch());
        FUZZ_CHECK(value != u"-0"_s);
        break;
    case ColumnType::Integer: {
        bool ok = false;
        value.toLongLong(&ok);
        FUZZ_CHECK(ok && integer.match(value).hasMatch());
        break;
    }
    }
    // Normal form is a fixed point: loading an already converted value changes nothing.
    const auto again = convert(type, value);
    FUZZ_CHECK(again && *again == value);
}

void checkBinaryForm(ColumnType type, const QByteArray &value)
{
    QByteArray out;
    const auto refused = ascsync::storage::CopyBinaryEncoder({type}).appendRow({value}, out);
    if (refused) {
        const qsizetype point = value.indexOf('.');
        const qsizetype fraction = point < 0 ? 0 : value.size() - point - 1;
        const qsizetype integers = point < 0 ? value.size() : point;
        FUZZ_CHECK(type == ColumnType::Decimal &&
                   (value.contains('e') || fraction > 16383 || integers > 131068));
        FUZZ_CHECK(out.isEmpty());
        return;
    }
    FUZZ_CHECK(out.size() >= 6);
    const qint32 length = qFromBigEndian<qint32>(out.constData() + 2);
    FUZZ_CHECK(length == out.size() - 6);
    if (type == ColumnType::Text)
        FUZZ_CHECK(out.sliced(6) == value);
}

} // namespace

ASCSYNC_FUZZ_QUIET_QT()

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) {
        return 0;
    }
    const auto type = static_cast<ColumnType>(data[0] % 4);
    const QByteArrayView bytes(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));

    QString text;
    const bool fellBack = decodeField(bytes, text);
    FUZZ_CHECK(fellBack == !isValidUtf8(bytes));
    const QByteArray utf8 = utf8Of(bytes);
    FUZZ_CHECK(text.toUtf8() == utf8);
    FUZZ_CHECK(text.size() >= (bytes.isEmpty() ? 0 : 1) && isValidUtf8(utf8));
    if (!fellBack) {
        FUZZ_CHECK(utf8 == bytes); // valid UTF-8 is kept byte for byte, a leading U+FEFF included
    }

    const auto converted = convert(type, text);
    QByteArray scratch;
    const auto convertedUtf8 = convertUtf8(type, utf8, scratch);
    FUZZ_CHECK(bool(converted) == bool(convertedUtf8));
    if (!converted) {
        FUZZ_CHECK(converted.error().code == convertedUtf8.error().code);
        FUZZ_CHECK(converted.error().message == convertedUtf8.error().message);
        FUZZ_CHECK(!converted.error().message.isEmpty());
        return 0;
    }
    FUZZ_CHECK(converted->isNull() == convertedUtf8->isNull());
    FUZZ_CHECK(converted->toUtf8() == *convertedUtf8);
    if (!converted->isNull()) {
        checkNormalForm(type, *converted);
        checkBinaryForm(type, convertedUtf8->toByteArray());
    }
    return 0;
}
