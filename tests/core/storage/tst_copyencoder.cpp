// PostgreSQL's COPY text format, byte for byte: the escapes that keep a value inside its field and row.
#include "core/storage/copyencoder.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace ascsync::storage;

class TestCopyEncoder : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void rows_data()
    {
        QTest::addColumn<QStringList>("values");
        QTest::addColumn<QByteArray>("encoded");
        QTest::newRow("plain") << QStringList{u"a"_s, u"b c"_s} << QByteArray("a\tb c\n");
        QTest::newRow("null and empty")
            << QStringList{QString(), u""_s, QString()} << QByteArray("\\N\t\t\\N\n");
        QTest::newRow("the text \\N") << QStringList{u"\\N"_s} << QByteArray("\\\\N\n");
        QTest::newRow("separators") << QStringList{u"a\tb"_s, u"c\nd"_s, u"e\rf"_s}
                                    << QByteArray("a\\tb\tc\\nd\te\\rf\n");
        QTest::newRow("backslashes") << QStringList{u"\\"_s, u"x\\\\y"_s} << QByteArray("\\\\\tx\\\\\\\\y\n");
        QTest::newRow("end-of-data marker") << QStringList{u"\\."_s} << QByteArray("\\\\.\n");
        QTest::newRow("only specials") << QStringList{u"\t\n\r\\"_s} << QByteArray("\\t\\n\\r\\\\\n");
        QTest::newRow("utf-8") << QStringList{u"é😀"_s} << QByteArray("\xc3\xa9\xf0\x9f\x98\x80\n");
        QTest::newRow("quotes and commas") << QStringList{u"\"a\",'b'"_s} << QByteArray("\"a\",'b'\n");
        QTest::newRow("no values") << QStringList{} << QByteArray("\n");
    }

    void rows()
    {
        QFETCH(QStringList, values);
        QFETCH(QByteArray, encoded);
        CopyEncoder encoder;
        QByteArray out;
        encoder.appendRow(values, out);
        QCOMPARE(out, encoded);
    }

    void appendsToWhatIsBuffered()
    {
        CopyEncoder encoder;
        QByteArray out("x\n");
        encoder.appendRow({u"a\tb"_s}, out);
        encoder.appendRow({QString(), u"\\"_s}, out);
        QCOMPARE(out, QByteArray("x\na\\tb\n\\N\t\\\\\n"));

        // After a batch is sent the buffer is emptied but keeps its memory.
        const qsizetype capacity = out.capacity();
        out.resize(0);
        encoder.appendRow({u"y"_s}, out);
        QCOMPARE(out, QByteArray("y\n"));
        QCOMPARE(out.capacity(), capacity);
    }

    void longValueWithEscapesThroughout()
    {
        QString value;
        QByteArray expected;
        for (int i = 0; i < 10000; ++i) {
            value += u"ab\\\t€"_s;
            expected += "ab\\\\\\t\xe2\x82\xac";
        }
        CopyEncoder encoder;
        QByteArray out;
        encoder.appendRow({value, value}, out);
        QCOMPARE(out, expected + '\t' + expected + '\n');
    }
};

QTEST_GUILESS_MAIN(TestCopyEncoder)
#include "tst_copyencoder.moc"
