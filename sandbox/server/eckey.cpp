#include "eckey.h"

#include <QByteArrayList>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

namespace {

struct BioDeleter {
    void operator()(BIO *bio) const { BIO_free(bio); }
};
using BioPtr = std::unique_ptr<BIO, BioDeleter>;

std::shared_ptr<EVP_PKEY> adopt(EVP_PKEY *key)
{
    return std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
}

bool isP256(EVP_PKEY *key)
{
    if (EVP_PKEY_get_base_id(key) != EVP_PKEY_EC)
        return false;
    char curve[64] = {};
    size_t length = 0;
    if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, curve, sizeof curve, &length) != 1)
        return false;
    return QByteArrayView(curve, qsizetype(length)) == "prime256v1";
}

QByteArray bioContents(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, qsizetype(size));
}

// DER length octets for the short lengths a P-256 key needs.
QByteArray derLength(qsizetype length)
{
    if (length < 0x80)
        return QByteArray(1, char(length));
    return QByteArrayLiteral("\x81") + char(length);
}

QByteArray derElement(char tag, const QByteArray &content)
{
    return QByteArray(1, tag) + derLength(content.size()) + content;
}

QByteArray toPem(const QByteArray &der, QByteArrayView label)
{
    QByteArray pem = QByteArrayLiteral("-----BEGIN ") + label + QByteArrayLiteral("-----\n");
    const QByteArray base64 = der.toBase64();
    for (qsizetype offset = 0; offset < base64.size(); offset += 64)
        pem += base64.mid(offset, 64) + '\n';
    pem += QByteArrayLiteral("-----END ") + label + QByteArrayLiteral("-----\n");
    return pem;
}

} // namespace

EcKey::EcKey(std::shared_ptr<EVP_PKEY> key)
    : m_key(std::move(key))
{}

EcKey EcKey::generate(QString *error)
{
    EVP_PKEY *key = EVP_EC_gen("P-256");
    if (!key) {
        *error = u"OpenSSL could not generate a P-256 key"_s;
        return {};
    }
    return EcKey(adopt(key));
}

EcKey EcKey::fromPrivatePem(const QByteArray &pem, QString *error)
{
    BioPtr bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    EVP_PKEY *key = PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr);
    if (!key) {
        *error = u"not a PEM private key"_s;
        return {};
    }
    auto owned = adopt(key);
    if (!isP256(key)) {
        *error = u"the private key is not an EC P-256 key"_s;
        return {};
    }
    return EcKey(std::move(owned));
}

EcKey EcKey::fromPublicPem(const QByteArray &pem, QString *error)
{
    BioPtr bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    EVP_PKEY *key = PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr);
    if (!key) {
        *error = u"not a PEM public key (SubjectPublicKeyInfo)"_s;
        return {};
    }
    auto owned = adopt(key);
    if (!isP256(key)) {
        *error = u"the public key is not an EC P-256 key"_s;
        return {};
    }
    return EcKey(std::move(owned));
}

QByteArray EcKey::applePkcs8Pem() const
{
    if (!m_key)
        return {};
    BIGNUM *scalar = nullptr;
    if (EVP_PKEY_get_bn_param(m_key.get(), OSSL_PKEY_PARAM_PRIV_KEY, &scalar) != 1)
        return {};
    QByteArray privateScalar(32, '\0');
    const int written = BN_bn2binpad(scalar, reinterpret_cast<unsigned char *>(privateScalar.data()), 32);
    BN_clear_free(scalar);
    if (written != 32)
        return {};
    QByteArray publicPoint(65, '\0');
    size_t pointLength = 0;
    if (EVP_PKEY_get_octet_string_param(m_key.get(), OSSL_PKEY_PARAM_PUB_KEY,
                                        reinterpret_cast<unsigned char *>(publicPoint.data()),
                                        size_t(publicPoint.size()), &pointLength) != 1 ||
        pointLength != 65)
        return {};

    const QByteArray prime256v1 = QByteArrayLiteral("\x06\x08\x2a\x86\x48\xce\x3d\x03\x01\x07");
    const QByteArray ecPublicKey = QByteArrayLiteral("\x06\x07\x2a\x86\x48\xce\x3d\x02\x01");
    // SEC1 ECPrivateKey { version 1, privateKey, [0] parameters, [1] publicKey }
    const QByteArray sec1 =
        derElement(0x30, QByteArrayLiteral("\x02\x01\x01") + derElement(0x04, privateScalar) +
                             derElement(char(0xa0), prime256v1) +
                             derElement(char(0xa1), derElement(0x03, '\0' + publicPoint)));
    // PKCS#8 PrivateKeyInfo { version 0, AlgorithmIdentifier { id-ecPublicKey, prime256v1 }, OCTET STRING }
    const QByteArray pkcs8 =
        derElement(0x30, QByteArray("\x02\x01\x00", 3) + derElement(0x30, ecPublicKey + prime256v1) +
                             derElement(0x04, sec1));
    return toPem(pkcs8, "PRIVATE KEY");
}

QByteArray EcKey::publicKeyPem() const
{
    if (!m_key)
        return {};
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (PEM_write_bio_PUBKEY(bio.get(), m_key.get()) != 1)
        return {};
    return bioContents(bio.get());
}

bool EcKey::verifyEs256(QByteArrayView message, QByteArrayView signature) const
{
    if (!m_key || signature.size() != 64)
        return false;

    ECDSA_SIG *sig = ECDSA_SIG_new();
    BIGNUM *r = BN_bin2bn(reinterpret_cast<const unsigned char *>(signature.data()), 32, nullptr);
    BIGNUM *s = BN_bin2bn(reinterpret_cast<const unsigned char *>(signature.data()) + 32, 32, nullptr);
    if (!sig || !r || !s || ECDSA_SIG_set0(sig, r, s) != 1) {
        BN_free(r);
        BN_free(s);
        ECDSA_SIG_free(sig);
        return false;
    }
    unsigned char *der = nullptr;
    const int derLength = i2d_ECDSA_SIG(sig, &der);
    ECDSA_SIG_free(sig);
    if (derLength <= 0)
        return false;

    EVP_MD_CTX *context = EVP_MD_CTX_new();
    const bool verified = context &&
                          EVP_DigestVerifyInit(context, nullptr, EVP_sha256(), nullptr, m_key.get()) == 1 &&
                          EVP_DigestVerify(context, der, size_t(derLength),
                                           reinterpret_cast<const unsigned char *>(message.data()),
                                           size_t(message.size())) == 1;
    EVP_MD_CTX_free(context);
    OPENSSL_free(der);
    return verified;
}

} // namespace ascsync::sandbox
