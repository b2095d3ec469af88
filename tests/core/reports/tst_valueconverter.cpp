// Field conversion for storage: dates, decimals, integers, nulls and the errors for values that do not parse.
#include "core/reports/valueconverter.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace ascsync::reports;

Q_DECLARE_METATYPE(ascsync::reports::ColumnType)

class TestValueConverter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void valid_data()
    {
        QTest::addColumn<ColumnType>("type");
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("output"); // null: SQL NULL
        const auto row = [](const char *name, ColumnType type, const QString &in, const QString &out) {
            QTest::newRow(name) << type << in << out;
        };
        row("iso date", ColumnType::Date, u"2024-02-29"_s, u"2024-02-29"_s);
        row("us date", ColumnType::Date, u"09/29/2024"_s, u"2024-09-29"_s);
        row("us date short", ColumnType::Date, u"1/5/2025"_s, u"2025-01-05"_s);
        row("date trimmed", ColumnType::Date, u" 2024-01-01 "_s, u"2024-01-01"_s);
        row("empty date", ColumnType::Date, QString(), QString());
        row("blank date", ColumnType::Date, u"  "_s, QString());
        row("integer decimal", ColumnType::Decimal, u"12"_s, u"12"_s);
        row("fraction", ColumnType::Decimal, u"1234.56"_s, u"1234.56"_s);
        row("refund", ColumnType::Decimal, u"-3"_s, u"-3"_s);
        row("negative fraction", ColumnType::Decimal, u"-0.70"_s, u"-0.70"_s);
        row("plus sign", ColumnType::Decimal, u"+5"_s, u"5"_s);
        row("leading zeros", ColumnType::Decimal, u"-007.50"_s, u"-7.50"_s);
        row("leading dot", ColumnType::Decimal, u".5"_s, u"0.5"_s);
        row("trailing dot", ColumnType::Decimal, u"5."_s, u"5"_s);
        row("negative zero", ColumnType::Decimal, u"-0.00"_s, u"0.00"_s);
        row("exponent", ColumnType::Decimal, u"1.5E-04"_s, u"1.5e-4"_s);
        row("exponent plus", ColumnType::Decimal, u"2e+3"_s, u"2e3"_s);
        row("many digits kept exactly", ColumnType::Decimal, u"12345678901234567890.123456789"_s,
            u"12345678901234567890.123456789"_s);
        row("empty decimal", ColumnType::Decimal, u""_s, QString());
        row("integer", ColumnType::Integer, u"0042"_s, u"42"_s);
        row("negative integer", ColumnType::Integer, u"-9223372036854775808"_s, u"-9223372036854775808"_s);
        row("empty integer", ColumnType::Integer, QString(), QString());
        row("text kept", ColumnType::Text, u" 007 "_s, u" 007 "_s);
        row("identifier keeps zeros", ColumnType::Text, u"0012345"_s, u"0012345"_s);
        row("empty text", ColumnType::Text, u""_s, QString());
        // Apple's placeholder for a missing value is one space: NULL in every type (issue 15).
        row("placeholder text", ColumnType::Text, u" "_s, QString());
        row("placeholder decimal", ColumnType::Decimal, u" "_s, QString());
        row("placeholder integer", ColumnType::Integer, u" "_s, QString());
        row("placeholder date", ColumnType::Date, u" "_s, QString());
        row("two spaces are text", ColumnType::Text, u"  "_s, u"  "_s);
        row("space-led text kept", ColumnType::Text, u" a"_s, u" a"_s);
    }

    void valid()
    {
        QFETCH(ColumnType, type);
        QFETCH(QString, input);
        QFETCH(QString, output);
        const auto result = convert(type, input);
        QVERIFY2(result.ok(), qPrintable(result.errorMessage()));
        QCOMPARE(result.value(), output);
        QCOMPARE(result.value().isNull(), output.isNull());

        // The bytes form (the load path) gives exactly the same, also when it takes its shortcut.
        const QByteArray utf8 = input.toUtf8();
        QByteArray scratch;
        const auto bytes = convertUtf8(type, QByteArrayView(utf8.constData(), utf8.size()), scratch);
        QVERIFY2(bytes.ok(), qPrintable(bytes.errorMessage()));
        QCOMPARE(bytes.value().isNull(), output.isNull());
        QCOMPARE(QString::fromUtf8(bytes.value()), output);
    }

    void bytesShortcutOnlyForNormalForms_data()
    {
        QTest::addColumn<ColumnType>("type");
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("output");
        QTest::newRow("zero") << ColumnType::Decimal << QByteArray("0") << QByteArray("0");
        QTest::newRow("minus zero") << ColumnType::Decimal << QByteArray("-0") << QByteArray("0");
        QTest::newRow("minus zero fraction")
            << ColumnType::Decimal << QByteArray("-0.0") << QByteArray("0.0");
        QTest::newRow("small negative") << ColumnType::Decimal << QByteArray("-0.01") << QByteArray("-0.01");
        QTest::newRow("zero fraction") << ColumnType::Decimal << QByteArray("0.50") << QByteArray("0.50");
        QTest::newRow("leading zero") << ColumnType::Decimal << QByteArray("01") << QByteArray("1");
        QTest::newRow("integer minus zero") << ColumnType::Integer << QByteArray("-0") << QByteArray("0");
        QTest::newRow("integer 19 digits")
            << ColumnType::Integer << QByteArray("9223372036854775807") << QByteArray("9223372036854775807");
        QTest::newRow("leap day") << ColumnType::Date << QByteArray("2024-02-29") << QByteArray("2024-02-29");
        QTest::newRow("padded date") << ColumnType::Date << QByteArray("\t2024-02-28")
                                     << QByteArray("2024-02-28");
        QTest::newRow("non-ascii text")
            << ColumnType::Text << QByteArray("Caf\xC3\xA9") << QByteArray("Caf\xC3\xA9");
    }

    void bytesShortcutOnlyForNormalForms()
    {
        QFETCH(ColumnType, type);
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, output);
        QByteArray scratch;
        const auto bytes = convertUtf8(type, QByteArrayView(input.constData(), input.size()), scratch);
        QVERIFY2(bytes.ok(), qPrintable(bytes.errorMessage()));
        QCOMPARE(bytes.value().toByteArray(), output);
        const auto text = convert(type, QString::fromUtf8(input));
        QVERIFY(text.ok());
        QCOMPARE(text.value().toUtf8(), output);
    }

    void bytesErrorsAreTheSame()
    {
        QByteArray scratch;
        for (const char *input : {"02/30/2024", "1,5", "abc", "1e"}) {
            for (const ColumnType type : {ColumnType::Date, ColumnType::Decimal, ColumnType::Integer}) {
                const auto text = convert(type, QString::fromUtf8(input));
                const auto bytes = convertUtf8(type, QByteArrayView(input), scratch);
                QCOMPARE(bytes.ok(), text.ok());
                if (!text.ok()) {
                    QCOMPARE(bytes.error().code, text.error().code);
                    QCOMPARE(bytes.error().message, text.error().message);
                }
            }
        }
    }

    void byteOrderMarkIsTheSameOnBothPaths()
    {
        // Found by fuzz_valueconverter (issue 17): the byte path decoded with QString::fromUtf8, which drops
        // a leading U+FEFF, so "\uFEFF2.3" loaded as 2.3 while convert() refused it.
        QByteArray scratch;
        const QByteArray input = "\xEF\xBB\xBF"
                                 "2.3";
        for (const ColumnType type : {ColumnType::Date, ColumnType::Decimal, ColumnType::Integer}) {
            const auto text = convert(type, u"\uFEFF2.3"_s);
            const auto bytes = convertUtf8(type, QByteArrayView(input), scratch);
            QVERIFY(!text.ok());
            QVERIFY(!bytes.ok());
            QCOMPARE(bytes.error().message, text.error().message);
        }
        const auto kept = convertUtf8(ColumnType::Text, QByteArrayView(input), scratch);
        QVERIFY(kept.ok());
        QCOMPARE(*kept, QByteArrayView(input));
    }

    void invalid_data()
    {
        QTest::addColumn<ColumnType>("type");
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("code");
        const auto row = [](const char *name, ColumnType type, const QString &in, const QString &code) {
            QTest::newRow(name) << type << in << code;
        };
        const QString notDate = u"reports.notDate"_s;
        const QString notNumber = u"reports.notNumber"_s;
        row("word as date", ColumnType::Date, u"abc"_s, notDate);
        row("february 30", ColumnType::Date, u"02/30/2024"_s, notDate);
        row("month 13", ColumnType::Date, u"2024-13-01"_s, notDate);
        row("two-digit year", ColumnType::Date, u"10/01/24"_s, notDate);
        row("date with time", ColumnType::Date, u"2024-01-01 00:00:00"_s, notDate);
        row("compact date", ColumnType::Date, u"20240101"_s, notDate);
        row("word as number", ColumnType::Decimal, u"abc"_s, notNumber);
        row("thousands separator", ColumnType::Decimal, u"1,234.5"_s, notNumber);
        row("decimal comma", ColumnType::Decimal, u"1,5"_s, notNumber);
        row("two dots", ColumnType::Decimal, u"1.2.3"_s, notNumber);
        row("sign only", ColumnType::Decimal, u"-"_s, notNumber);
        row("dot only", ColumnType::Decimal, u"."_s, notNumber);
        row("currency", ColumnType::Decimal, u"$5"_s, notNumber);
        row("nan", ColumnType::Decimal, u"NaN"_s, notNumber);
        row("infinity", ColumnType::Decimal, u"inf"_s, notNumber);
        row("bare exponent", ColumnType::Decimal, u"1e"_s, notNumber);
        row("inner space", ColumnType::Decimal, u"1 000"_s, notNumber);
        row("fraction as integer", ColumnType::Integer, u"1.5"_s, u"reports.notInteger"_s);
        row("integer overflow", ColumnType::Integer, u"9223372036854775808"_s, u"reports.notInteger"_s);
    }

    void invalid()
    {
        QFETCH(ColumnType, type);
        QFETCH(QString, input);
        QFETCH(QString, code);
        const auto result = convert(type, input);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, code);
        QVERIFY2(result.errorMessage().contains(u'\'' + input.trimmed() + u'\''),
                 qPrintable(result.errorMessage()));
        QByteArray scratch;
        const QByteArray utf8 = input.toUtf8();
        const auto bytes = convertUtf8(type, QByteArrayView(utf8.constData(), utf8.size()), scratch);
        QVERIFY(!bytes.ok());
        QCOMPARE(bytes.error().message, result.error().message);
    }

    void commaMessageExplainsWhy()
    {
        const auto result = convert(ColumnType::Decimal, u"1,234.5");
        QVERIFY(result.errorMessage().contains(u"thousands separators"_s));
    }

    void errorWithColumnAndLine()
    {
        const auto result = convert(ColumnType::Date, u"abc");
        const ascsync::Error error = valueError(u"Date", 12, result.error());
        QCOMPARE(error.code, u"reports.notDate"_s);
        QVERIFY2(error.message.startsWith(u"Column “Date”, line 12: 'abc' is not a date"_s),
                 qPrintable(error.message));
    }

    void longValuesAreShortenedInMessages()
    {
        const auto result = convert(ColumnType::Decimal, QString(5000, u'z'));
        QVERIFY(!result.ok());
        QVERIFY(result.errorMessage().size() < 200);
    }
};

QTEST_GUILESS_MAIN(TestValueConverter)
#include "tst_valueconverter.moc"
