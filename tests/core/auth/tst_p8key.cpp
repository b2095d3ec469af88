// Loading .p8 keys: both layouts that exist in the wild load and sign; every other input is refused with a
// message that tells the user what the file is and what to do.
#include "core/auth/p8key.h"
#include "tests/testkit/testkeys.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <openssl/evp.h>

using namespace Qt::StringLiterals;
using ascsync::auth::P8Key;

namespace {

QByteArray pemBody(const QByteArray &pem)
{
    QByteArray base64;
    for (const QByteArray &line : pem.split('\n')) {
        if (!line.startsWith("-----")) {
            base64 += line.trimmed();
        }
    }
    return QByteArray::fromBase64(base64);
}

} // namespace

class TestP8Key : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    testkeys::KeyPtr m_p256 = testkeys::generateEc("P-256");

    QString writeFile(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) {
            qFatal("cannot write test file");
        }
        return path;
    }

    static void expectRefused(const QByteArray &pem, const QString &code, const QString &fragment)
    {
        const auto key = P8Key::fromPem(pem);
        QVERIFY2(!key.ok(), "the key was accepted");
        QCOMPARE(key.error().code, code);
        QVERIFY2(key.errorMessage().contains(fragment, Qt::CaseInsensitive), qPrintable(key.errorMessage()));
        // A message for the user never echoes key material back.
        QVERIFY(!key.errorMessage().contains(u"MII"_s));
    }

    static void expectSigns(const P8Key &key, EVP_PKEY *expectedPublic)
    {
        const QByteArray message = "header.payload";
        const auto signature = key.signEs256(message);
        QVERIFY2(signature.ok(), qPrintable(signature.errorMessage()));
        QCOMPARE(signature->size(), 64);
        QVERIFY(testkeys::verifyRawEs256(expectedPublic, message, signature.value()));
        QCOMPARE(key.publicKeyPem(), testkeys::publicKeyPem(expectedPublic));
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void loadsAppleLayout()
    {
        const QByteArray pem = testkeys::appleStylePem(m_p256.get());
        // Prove the fixture really is Apple's longer layout and not OpenSSL's: it embeds the curve OID twice.
        QVERIFY(pemBody(pem).count(QByteArray::fromHex("2a8648ce3d030107")) == 2);
        const auto key = P8Key::fromFile(writeFile(u"AuthKey_APPLE12345.p8"_s, pem));
        QVERIFY2(key.ok(), qPrintable(key.errorMessage()));
        expectSigns(key.value(), m_p256.get());
    }

    void loadsOpenSsl3Layout()
    {
        const QByteArray pem = testkeys::pkcs8Pem(m_p256.get());
        QVERIFY(pem.startsWith("-----BEGIN PRIVATE KEY-----"));
        const auto key = P8Key::fromPem(pem);
        QVERIFY2(key.ok(), qPrintable(key.errorMessage()));
        expectSigns(key.value(), m_p256.get());
    }

    void toleratesCrlfAndSurroundingText()
    {
        QByteArray pem = testkeys::pkcs8Pem(m_p256.get());
        pem.replace("\n", "\r\n");
        const auto key = P8Key::fromPem("Downloaded from App Store Connect\r\n" + pem + "\r\n\r\n");
        QVERIFY2(key.ok(), qPrintable(key.errorMessage()));
    }

    void refusesMissingOrUnreadableFiles()
    {
        auto missing = P8Key::fromFile(m_dir.filePath(u"nope.p8"_s));
        QCOMPARE(missing.error().code, u"key.unreadable"_s);
        QVERIFY(missing.errorMessage().contains(u"does not exist"_s));

        auto folder = P8Key::fromFile(m_dir.path());
        QCOMPARE(folder.error().code, u"key.unreadable"_s);
        QVERIFY(folder.errorMessage().contains(u"folder"_s));

        auto none = P8Key::fromFile(QString());
        QCOMPARE(none.error().code, u"key.noFile"_s);

        auto huge = P8Key::fromFile(writeFile(u"huge.p8"_s, QByteArray(70 * 1024, 'A')));
        QCOMPARE(huge.error().code, u"key.notPem"_s);
        QVERIFY(huge.errorMessage().contains(u"too large"_s));
    }

    void refusesEmptyFile()
    {
        auto empty = P8Key::fromFile(writeFile(u"empty.p8"_s, QByteArray()));
        QCOMPARE(empty.error().code, u"key.empty"_s);
        expectRefused(" \n\t\n", u"key.empty"_s, u"empty"_s);
    }

    void refusesNonPem()
    {
        expectRefused("just some notes I pasted\n", u"key.notPem"_s, u"BEGIN PRIVATE KEY"_s);
        expectRefused(testkeys::pkcs8Der(m_p256.get()), u"key.notPem"_s, u"binary (DER)"_s);
    }

    void refusesEncryptedKey()
    {
        expectRefused(testkeys::encryptedPkcs8Pem(m_p256.get()), u"key.encrypted"_s, u"password-protected"_s);
    }

    void refusesWrongAlgorithmsAndCurves()
    {
        expectRefused(testkeys::pkcs8Pem(testkeys::generateRsa().get()), u"key.wrongAlgorithm"_s, u"RSA"_s);
        expectRefused(testkeys::pkcs8Pem(testkeys::generateEd25519().get()), u"key.wrongAlgorithm"_s,
                      u"ED25519"_s);
        expectRefused(testkeys::pkcs8Pem(testkeys::generateEc("P-384").get()), u"key.wrongCurve"_s,
                      u"secp384r1"_s);
        expectRefused(testkeys::pkcs8Pem(testkeys::generateEc("secp256k1").get()), u"key.wrongCurve"_s,
                      u"secp256k1"_s);
    }

    void refusesOtherPemBlocks()
    {
        expectRefused(testkeys::publicKeyPem(m_p256.get()), u"key.public"_s, u"public key"_s);
        expectRefused(testkeys::selfSignedCertificatePem(m_p256.get()), u"key.certificate"_s,
                      u"certificate"_s);
        expectRefused(testkeys::traditionalPem(m_p256.get()), u"key.sec1"_s, u"openssl pkcs8 -topk8"_s);
        expectRefused(testkeys::traditionalPem(testkeys::generateRsa().get()), u"key.wrongAlgorithm"_s,
                      u"RSA"_s);
    }

    void refusesTruncatedKey()
    {
        const QByteArray pem = testkeys::appleStylePem(m_p256.get());
        // Cut inside the base64 body: the END line is gone.
        expectRefused(pem.left(pem.size() / 2), u"key.corrupt"_s, u"truncated"_s);
        // Whole lines of the body lost but the END line kept: the DER inside is short.
        QList<QByteArray> lines = pem.split('\n');
        lines.removeAt(2);
        expectRefused(lines.join('\n'), u"key.corrupt"_s, u"damaged"_s);
    }

    void refusesCorruptedBody()
    {
        QByteArray pem = testkeys::appleStylePem(m_p256.get());
        const qsizetype bodyStart = pem.indexOf('\n') + 1;
        // Invalid base64 characters.
        QByteArray garbled = pem;
        garbled[bodyStart + 10] = '*';
        garbled[bodyStart + 11] = '!';
        expectRefused(garbled, u"key.corrupt"_s, u"damaged"_s);
        // Valid base64 that decodes to a different (broken) structure.
        QByteArray der = pemBody(pem);
        der[1] = '\x50';
        QByteArray reencoded =
            "-----BEGIN PRIVATE KEY-----\n" + der.toBase64() + "\n-----END PRIVATE KEY-----\n";
        expectRefused(reencoded, u"key.corrupt"_s, u"damaged"_s);
        // A flipped bit inside the embedded public point still parses as DER; the pairwise check must catch
        // it.
        der = pemBody(pem);
        der[der.size() - 5] = static_cast<char>(der[der.size() - 5] ^ 0x01);
        reencoded = "-----BEGIN PRIVATE KEY-----\n" + der.toBase64() + "\n-----END PRIVATE KEY-----\n";
        expectRefused(reencoded, u"key.corrupt"_s, u"damaged"_s);
    }

    void copiesShareOneKey()
    {
        auto key = P8Key::fromPem(testkeys::pkcs8Pem(m_p256.get()));
        QVERIFY(key.ok());
        const P8Key copy = key.value();
        expectSigns(copy, m_p256.get());
    }
};

QTEST_GUILESS_MAIN(TestP8Key)
#include "tst_p8key.moc"
