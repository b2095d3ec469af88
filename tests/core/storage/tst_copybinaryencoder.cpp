// PostgreSQL's COPY binary format, byte for byte: the header and trailer, each type's send form, and the
// values that have none (refused as the server refuses their text). That the server stores what its text
// input would is checked against a real server in PostgresDestinationTests::binaryCopyStoresWhatTextWould.
#include "core/storage/copybinaryencoder.h"

#include <QTest>

using namespace ascsync;
using namespace ascsync::storage;

namespace {

// One value's bytes as a row of one column would carry them (after the field count).
QByteArray encodedValue(ColumnType type, QByteArrayView value)
{
    const CopyBinaryEncoder encoder({type});
    QByteArray out;
    if (encoder.appendRow({value}, out))
        return QByteArray("refused");
    return out.sliced(2);
}

// The send form of a numeric: length, then digit count, weight, sign, display scale and base-10000 digits.
QByteArray numeric(qint16 weight, quint16 sign, quint16 scale, const QList<quint16> &digits)
{
    QByteArray out;
    const auto put16 = [&out](quint16 v) { out += char(v >> 8), out += char(v & 0xff); };
    const qint32 length = 8 + 2 * qint32(digits.size());
    out += QByteArray::fromHex(QByteArray::number(length, 16).rightJustified(8, '0'));
    put16(quint16(digits.size()));
    put16(quint16(weight));
    put16(sign);
    put16(scale);
    for (const quint16 digit : digits)
        put16(digit);
    return out;
}

} // namespace

class TestCopyBinaryEncoder : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void headerAndTrailer()
    {
        QCOMPARE(CopyBinaryEncoder::header().toByteArray(), QByteArray::fromHex("5047434f50590aff0d0a00"
                                                                                "00000000"
                                                                                "00000000"));
        QCOMPARE(CopyBinaryEncoder::trailer().toByteArray(), QByteArray::fromHex("ffff"));
    }

    void rowOfEveryType()
    {
        const CopyBinaryEncoder encoder(
            {ColumnType::Text, ColumnType::Date, ColumnType::Integer, ColumnType::Decimal, ColumnType::Text});
        QByteArray out("kept");
        QVERIFY(!encoder.appendRow({"a\tb", "2000-01-02", "-2", "1.5", QByteArrayView()}, out));
        QCOMPARE(out, QByteArray("kept") + QByteArray::fromHex("0005" // five fields
                                                               "00000003"
                                                               "610962" // text
                                                               "00000004"
                                                               "00000001" // 2000-01-02
                                                               "00000008"
                                                               "fffffffffffffffe"
                                                               "0000000c"
                                                               "0002"
                                                               "0000"
                                                               "0000"
                                                               "0001"
                                                               "0001"
                                                               "1388"        // 1.5: digits 1, 5000
                                                               "ffffffff")); // NULL
    }

    void dates_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<qint32>("days"); // since 2000-01-01, PostgreSQL's epoch
        QTest::newRow("epoch") << QByteArray("2000-01-01") << 0;
        QTest::newRow("day before") << QByteArray("1999-12-31") << -1;
        QTest::newRow("leap day 2000") << QByteArray("2000-02-29") << 59;
        QTest::newRow("after leap day") << QByteArray("2000-03-01") << 60;
        QTest::newRow("unix epoch") << QByteArray("1970-01-01") << -10957;
        QTest::newRow("leap day 2024") << QByteArray("2024-02-29") << 8825;
        QTest::newRow("first") << QByteArray("0001-01-01") << -730119;
        QTest::newRow("last") << QByteArray("9999-12-31") << 2921939;
    }

    void dates()
    {
        QFETCH(QByteArray, text);
        QFETCH(qint32, days);
        QByteArray expected = QByteArray::fromHex("00000004");
        for (int shift = 24; shift >= 0; shift -= 8)
            expected += char((quint32(days) >> shift) & 0xff);
        QCOMPARE(encodedValue(ColumnType::Date, text), expected);
    }

    void integers_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QByteArray>("hex");
        QTest::newRow("zero") << QByteArray("0") << QByteArray("0000000000000000");
        QTest::newRow("plus sign and zeros") << QByteArray("+007") << QByteArray("0000000000000007");
        QTest::newRow("max") << QByteArray("9223372036854775807") << QByteArray("7fffffffffffffff");
        QTest::newRow("min") << QByteArray("-9223372036854775808") << QByteArray("8000000000000000");
        QTest::newRow("minus one") << QByteArray("-1") << QByteArray("ffffffffffffffff");
    }

    void integers()
    {
        QFETCH(QByteArray, text);
        QFETCH(QByteArray, hex);
        QCOMPARE(encodedValue(ColumnType::Integer, text), QByteArray::fromHex("00000008" + hex));
    }

    void decimals_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QByteArray>("expected");
        constexpr quint16 plus = 0x0000;
        constexpr quint16 minus = 0x4000;
        QTest::newRow("zero") << QByteArray("0") << numeric(-1, plus, 0, {});
        QTest::newRow("zero with scale") << QByteArray("0.00") << numeric(-1, plus, 2, {0});
        QTest::newRow("integer") << QByteArray("12") << numeric(0, plus, 0, {12});
        QTest::newRow("trailing fraction zero") << QByteArray("12.50") << numeric(0, plus, 2, {12, 5000});
        QTest::newRow("two groups") << QByteArray("-12345678") << numeric(1, minus, 0, {1234, 5678});
        QTest::newRow("small fraction") << QByteArray("0.001") << numeric(-1, plus, 3, {10});
        QTest::newRow("no integer digit") << QByteArray(".5") << numeric(-1, plus, 1, {5000});
        QTest::newRow("leading zeros") << QByteArray("007.25") << numeric(0, plus, 2, {7, 2500});
        QTest::newRow("exponent") << QByteArray("1.5e3") << numeric(0, plus, 0, {1500});
        QTest::newRow("exponent past the digits") << QByteArray("12E+5") << numeric(1, plus, 0, {120});
        QTest::newRow("negative exponent") << QByteArray("1e-3") << numeric(-1, plus, 3, {10});
        QTest::newRow("scale left by the exponent") << QByteArray("1.50e1") << numeric(0, plus, 1, {15, 0});
        QTest::newRow("largest exponent") << QByteArray("1e1000") << numeric(250, plus, 0, {1});
        QTest::newRow("long") << QByteArray("123456789012.345678901")
                              << numeric(2, plus, 9, {1234, 5678, 9012, 3456, 7890, 1000});
    }

    void decimals()
    {
        QFETCH(QByteArray, text);
        QFETCH(QByteArray, expected);
        QCOMPARE(encodedValue(ColumnType::Decimal, text).toHex(), expected.toHex());
    }

    // What the server's text input refuses for the type is refused here too, and leaves the buffer as it was.
    void refusals_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<QByteArray>("text");
        const auto row = [](ColumnType type, const char *text) {
            QTest::addRow("%s", text) << int(type) << QByteArray(text);
        };
        for (const char *date : {"2024-02-30", "2023-02-29", "1900-02-29", "0000-01-01", "2024-13-01",
                                 "2024-00-10", "2024-1-01", "24-01-01", "2024/01/01", "2024-01-01x", ""})
            row(ColumnType::Date, date);
        for (const char *integer : {"9223372036854775808", "-9223372036854775809", "99999999999999999999",
                                    "1.0", "abc", "", "-", "1e3", " 1"})
            row(ColumnType::Integer, integer);
        for (const char *decimal : {"abc", "", "-", ".", "1.2.3", "1e", "1e1001", "1e-1001", "NaN",
                                    "Infinity", "1,5", " 1", "1 ", "0x10", "1e99999999999999999999"})
            row(ColumnType::Decimal, decimal);
    }

    void refusals()
    {
        QFETCH(int, type);
        QFETCH(QByteArray, text);
        const CopyBinaryEncoder encoder({ColumnType::Text, ColumnType(type)});
        QByteArray out("before");
        QCOMPARE(encoder.appendRow({"first", text}, out), std::optional<qsizetype>(1));
        QCOMPARE(out, QByteArray("before"));
    }

    void decimalLimits()
    {
        // numeric's display scale and digit count have limits; the server refuses values beyond them.
        QCOMPARE(encodedValue(ColumnType::Decimal, QByteArray("0." + QByteArray(16383, '1'))).size(),
                 4 + 8 + 2 * 4096);
        QCOMPARE(encodedValue(ColumnType::Decimal, QByteArray("0." + QByteArray(16384, '1'))),
                 QByteArray("refused"));
    }
};

QTEST_GUILESS_MAIN(TestCopyBinaryEncoder)
#include "tst_copybinaryencoder.moc"
