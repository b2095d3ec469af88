// Issuer ID and Key ID validation: each mistake people really make gets a message that names it.
#include "core/auth/credentialids.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace ascsync::auth;

class TestCredentialIds : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void issuerId_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("code"); // empty: valid
        QTest::addColumn<QString>("normalised");
        QTest::newRow("apple example") << u"57246542-96fe-1a63-e053-0824d011072a"_s << QString()
                                       << u"57246542-96fe-1a63-e053-0824d011072a"_s;
        QTest::newRow("upper case and spaces") << u"  57246542-96FE-1A63-E053-0824D011072A \n"_s << QString()
                                               << u"57246542-96fe-1a63-e053-0824d011072a"_s;
        QTest::newRow("empty") << u"   "_s << u"issuerId.empty"_s << QString();
        QTest::newRow("key id pasted") << u"2X9R4HXF34"_s << u"issuerId.isKeyId"_s << QString();
        QTest::newRow("cut short") << u"57246542-96fe-1a63-e053-0824d01107"_s << u"issuerId.length"_s
                                   << QString();
        QTest::newRow("non hex") << u"57246542-96fe-1a63-e053-0824d011072z"_s << u"issuerId.badCharacter"_s
                                 << QString();
        QTest::newRow("no dashes") << u"5724654296fe1a63e0530824d011072aabcd"_s << u"issuerId.format"_s
                                   << QString();
    }

    void issuerId()
    {
        QFETCH(QString, input);
        QFETCH(QString, code);
        QFETCH(QString, normalised);
        const auto result = validateIssuerId(input);
        if (code.isEmpty()) {
            QVERIFY2(result.ok(), qPrintable(result.errorMessage()));
            QCOMPARE(result.value(), normalised);
        } else {
            QVERIFY(!result.ok());
            QCOMPARE(result.error().code, code);
            QVERIFY(result.errorMessage().size() > 30);
        }
    }

    void keyId_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("hint"); // a fragment the message must contain
        QTest::newRow("apple example") << u"2X9R4HXF34"_s << QString() << QString();
        QTest::newRow("trimmed") << u" 2X9R4HXF34\n"_s << QString() << QString();
        QTest::newRow("empty") << QString() << u"keyId.empty"_s << u"AuthKey_"_s;
        QTest::newRow("file name") << u"AuthKey_2X9R4HXF34.p8"_s << u"keyId.isFileName"_s << u"2X9R4HXF34"_s;
        QTest::newRow("issuer pasted")
            << u"57246542-96fe-1a63-e053-0824d011072a"_s << u"keyId.isIssuerId"_s << u"Issuer ID"_s;
        QTest::newRow("lower case") << u"2x9r4hxf34"_s << u"keyId.lowercase"_s << u"2X9R4HXF34"_s;
        QTest::newRow("too short") << u"2X9R4HX"_s << u"keyId.length"_s << u"7 characters"_s;
        QTest::newRow("too long") << u"2X9R4HXF345"_s << u"keyId.length"_s << u"11 characters"_s;
        QTest::newRow("punctuation") << u"2X9R4-XF34"_s << u"keyId.badCharacter"_s << u"\"-\""_s;
    }

    void keyId()
    {
        QFETCH(QString, input);
        QFETCH(QString, code);
        QFETCH(QString, hint);
        const auto result = validateKeyId(input);
        if (code.isEmpty()) {
            QVERIFY2(result.ok(), qPrintable(result.errorMessage()));
            QCOMPARE(result.value(), input.trimmed());
        } else {
            QVERIFY(!result.ok());
            QCOMPARE(result.error().code, code);
            QVERIFY2(result.errorMessage().contains(hint), qPrintable(result.errorMessage()));
        }
    }
};

QTEST_GUILESS_MAIN(TestCredentialIds)
#include "tst_credentialids.moc"
