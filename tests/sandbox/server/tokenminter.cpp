#include "tokenminter.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

using namespace Qt::StringLiterals;

namespace ascsync::sandbox::test {

namespace {

// OpenSSL signs ECDSA as DER; JWS wants the two 32-byte integers side by side.
QByteArray derToRaw(const QByteArray &der)
{
    const auto *input = reinterpret_cast<const unsigned char *>(der.constData());
    ECDSA_SIG *signature = d2i_ECDSA_SIG(nullptr, &input, long(der.size()));
    if (!signature)
        return {};
    QByteArray raw(64, '\0');
    BN_bn2binpad(ECDSA_SIG_get0_r(signature), reinterpret_cast<unsigned char *>(raw.data()), 32);
    BN_bn2binpad(ECDSA_SIG_get0_s(signature), reinterpret_cast<unsigned char *>(raw.data()) + 32, 32);
    ECDSA_SIG_free(signature);
    return raw;
}

QByteArray jsonPart(const QJsonObject &object)
{
    return base64Url(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

QByteArray base64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

TokenMinter TokenMinter::fromPrivatePem(const QByteArray &pem)
{
    TokenMinter minter;
    BIO *bio = BIO_new_mem_buf(pem.constData(), int(pem.size()));
    EVP_PKEY *key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    if (key)
        minter.m_key = std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
    return minter;
}

TokenMinter TokenMinter::fromP8File(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return fromPrivatePem(file.readAll());
}

TokenMinter TokenMinter::generate()
{
    TokenMinter minter;
    if (EVP_PKEY *key = EVP_EC_gen("P-256"))
        minter.m_key = std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
    return minter;
}

QByteArray TokenMinter::publicKeyPem() const
{
    BIO *bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PUBKEY(bio, m_key.get());
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    QByteArray pem(data, qsizetype(size));
    BIO_free(bio);
    return pem;
}

QByteArray TokenMinter::sign(const QJsonObject &header, const QJsonObject &payload,
                             SignatureFormat format) const
{
    const QByteArray signingInput = jsonPart(header) + '.' + jsonPart(payload);
    EVP_MD_CTX *context = EVP_MD_CTX_new();
    size_t length = 0;
    QByteArray der;
    if (EVP_DigestSignInit(context, nullptr, EVP_sha256(), nullptr, m_key.get()) == 1 &&
        EVP_DigestSign(context, nullptr, &length,
                       reinterpret_cast<const unsigned char *>(signingInput.constData()),
                       size_t(signingInput.size())) == 1) {
        der.resize(qsizetype(length));
        if (EVP_DigestSign(context, reinterpret_cast<unsigned char *>(der.data()), &length,
                           reinterpret_cast<const unsigned char *>(signingInput.constData()),
                           size_t(signingInput.size())) == 1)
            der.resize(qsizetype(length));
        else
            der.clear();
    }
    EVP_MD_CTX_free(context);
    const QByteArray signature = format == SignatureFormat::Der ? der : derToRaw(der);
    return signingInput + '.' + base64Url(signature);
}

QJsonObject TokenMinter::header(const QString &keyId)
{
    return {{u"alg"_s, u"ES256"_s}, {u"kid"_s, keyId}, {u"typ"_s, u"JWT"_s}};
}

QJsonObject TokenMinter::teamPayload(const QString &issuerId, const QDateTime &now, qint64 lifetimeSeconds,
                                     const QStringList &scope)
{
    QJsonObject payload{
        {u"iss"_s, issuerId},
        {u"iat"_s, now.toSecsSinceEpoch()},
        {u"exp"_s, now.toSecsSinceEpoch() + lifetimeSeconds},
        {u"aud"_s, u"appstoreconnect-v1"_s},
    };
    if (!scope.isEmpty())
        payload.insert(u"scope"_s, QJsonArray::fromStringList(scope));
    return payload;
}

QJsonObject TokenMinter::individualPayload(const QDateTime &now, qint64 lifetimeSeconds)
{
    return {
        {u"sub"_s, u"user"_s},
        {u"iat"_s, now.toSecsSinceEpoch()},
        {u"exp"_s, now.toSecsSinceEpoch() + lifetimeSeconds},
        {u"aud"_s, u"appstoreconnect-v1"_s},
    };
}

} // namespace ascsync::sandbox::test
