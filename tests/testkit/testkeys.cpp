#include "testkeys.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <stdexcept>

namespace testkeys {

namespace {

QByteArray drain(BIO *bio)
{
    char *bytes = nullptr;
    const long size = BIO_get_mem_data(bio, &bytes);
    QByteArray out(bytes, static_cast<qsizetype>(size));
    BIO_free(bio);
    return out;
}

void require(bool ok, const char *what)
{
    if (!ok) {
        throw std::runtime_error(what);
    }
}

QByteArray derToPem(const QByteArray &der, const char *label)
{
    QByteArray pem;
    pem.append("-----BEGIN ").append(label).append("-----\n");
    const QByteArray body = der.toBase64();
    for (qsizetype at = 0; at < body.size(); at += 64) {
        pem.append(body.mid(at, 64)).append('\n');
    }
    return pem.append("-----END ").append(label).append("-----\n");
}

} // namespace

KeyPtr generateEc(const char *curve)
{
    EVP_PKEY *key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", curve);
    require(key != nullptr, "EC keygen");
    return KeyPtr(key, EVP_PKEY_free);
}

KeyPtr generateRsa()
{
    EVP_PKEY *key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{2048});
    require(key != nullptr, "RSA keygen");
    return KeyPtr(key, EVP_PKEY_free);
}

KeyPtr generateEd25519()
{
    EVP_PKEY *key = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
    require(key != nullptr, "Ed25519 keygen");
    return KeyPtr(key, EVP_PKEY_free);
}

QByteArray pkcs8Pem(EVP_PKEY *key)
{
    BIO *bio = BIO_new(BIO_s_mem());
    require(PEM_write_bio_PKCS8PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr) == 1, "PKCS8 PEM");
    return drain(bio);
}

QByteArray pkcs8Der(EVP_PKEY *key)
{
    BIO *bio = BIO_new(BIO_s_mem());
    require(i2d_PKCS8PrivateKey_bio(bio, key, nullptr, nullptr, 0, nullptr, nullptr) == 1, "PKCS8 DER");
    return drain(bio);
}

QByteArray appleStylePem(EVP_PKEY *p256Key)
{
    BIGNUM *priv = nullptr;
    require(EVP_PKEY_get_bn_param(p256Key, OSSL_PKEY_PARAM_PRIV_KEY, &priv) == 1, "private scalar");
    unsigned char scalar[32];
    require(BN_bn2binpad(priv, scalar, 32) == 32, "scalar size");
    BN_clear_free(priv);
    unsigned char point[65];
    size_t pointLength = 0;
    require(EVP_PKEY_get_octet_string_param(p256Key, OSSL_PKEY_PARAM_PUB_KEY, point, sizeof point,
                                            &pointLength) == 1 &&
                pointLength == 65,
            "public point");
    // The exact layout of the sample .p8 decoded in API-NOTES §1 (0x93-byte PKCS#8 with a 0x77-byte SEC1
    // body).
    QByteArray der =
        QByteArray::fromHex("308193020100301306072a8648ce3d020106082a8648ce3d030107047930770201010420");
    der += QByteArray(reinterpret_cast<const char *>(scalar), 32);
    der += QByteArray::fromHex("a00a06082a8648ce3d030107a144034200");
    der += QByteArray(reinterpret_cast<const char *>(point), 65);
    require(der.size() == 0x96, "Apple layout size");
    return derToPem(der, "PRIVATE KEY");
}

QByteArray encryptedPkcs8Pem(EVP_PKEY *key)
{
    BIO *bio = BIO_new(BIO_s_mem());
    char password[] = "secret-passphrase";
    require(PEM_write_bio_PKCS8PrivateKey(bio, key, EVP_aes_256_cbc(), nullptr, 0, nullptr, password) == 1,
            "encrypted PEM");
    return drain(bio);
}

QByteArray traditionalPem(EVP_PKEY *key)
{
    BIO *bio = BIO_new(BIO_s_mem());
    require(PEM_write_bio_PrivateKey_traditional(bio, key, nullptr, nullptr, 0, nullptr, nullptr) == 1,
            "traditional PEM");
    return drain(bio);
}

QByteArray publicKeyPem(EVP_PKEY *key)
{
    BIO *bio = BIO_new(BIO_s_mem());
    require(PEM_write_bio_PUBKEY(bio, key) == 1, "public PEM");
    return drain(bio);
}

QByteArray selfSignedCertificatePem(EVP_PKEY *key, const char *subjectAltName)
{
    X509 *cert = X509_new();
    ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert), 0);
    X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
    X509_set_pubkey(cert, key);
    X509_NAME *name = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char *>("ascsync test"), -1, -1, 0);
    X509_set_issuer_name(cert, name);
    if (subjectAltName) {
        X509V3_CTX context;
        X509V3_set_ctx(&context, cert, cert, nullptr, nullptr, 0);
        X509_EXTENSION *extension =
            X509V3_EXT_conf_nid(nullptr, &context, NID_subject_alt_name, subjectAltName);
        require(extension && X509_add_ext(cert, extension, -1) == 1, "subjectAltName");
        X509_EXTENSION_free(extension);
    }
    require(X509_sign(cert, key, EVP_sha256()) > 0, "certificate signature");
    BIO *bio = BIO_new(BIO_s_mem());
    require(PEM_write_bio_X509(bio, cert) == 1, "certificate PEM");
    X509_free(cert);
    return drain(bio);
}

bool verifyRawEs256(EVP_PKEY *publicKey, const QByteArray &message, const QByteArray &rawSignature)
{
    if (rawSignature.size() != 64) {
        return false;
    }
    ECDSA_SIG *sig = ECDSA_SIG_new();
    const auto *bytes = reinterpret_cast<const unsigned char *>(rawSignature.constData());
    ECDSA_SIG_set0(sig, BN_bin2bn(bytes, 32, nullptr), BN_bin2bn(bytes + 32, 32, nullptr));
    unsigned char *der = nullptr;
    const int derLength = i2d_ECDSA_SIG(sig, &der);
    ECDSA_SIG_free(sig);
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    const bool ok = EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, publicKey) == 1 &&
                    EVP_DigestVerify(ctx, der, static_cast<size_t>(derLength),
                                     reinterpret_cast<const unsigned char *>(message.constData()),
                                     static_cast<size_t>(message.size())) == 1;
    EVP_MD_CTX_free(ctx);
    OPENSSL_free(der);
    return ok;
}

} // namespace testkeys
