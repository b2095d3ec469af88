#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>

using EVP_PKEY = struct evp_pkey_st;

namespace ascsync::sandbox {

// The simulator's own P-256 handling (OpenSSL EVP), independent of the client's code in core/:
// it mints team keys, writes them as Apple writes .p8 files, and verifies ES256 signatures.
class EcKey {
public:
    EcKey() = default;

    static EcKey generate(QString *error);
    // PKCS#8 "PRIVATE KEY" PEM (Apple's form or OpenSSL's), or a SubjectPublicKeyInfo "PUBLIC KEY" PEM.
    static EcKey fromPrivatePem(const QByteArray &pem, QString *error);
    static EcKey fromPublicPem(const QByteArray &pem, QString *error);

    bool isNull() const { return !m_key; }

    // The PKCS#8 PEM exactly as Apple's AuthKey_<KEYID>.p8 files are laid out: the SEC1 body carries the
    // curve parameters and the public key (API-NOTES §1), so clients meet the real format here.
    QByteArray applePkcs8Pem() const;
    QByteArray publicKeyPem() const;

    // ES256 as JWS defines it: `signature` must be the 64-byte raw R||S (a DER signature is refused).
    bool verifyEs256(QByteArrayView message, QByteArrayView signature) const;

private:
    explicit EcKey(std::shared_ptr<EVP_PKEY> key);
    std::shared_ptr<EVP_PKEY> m_key;
};

} // namespace ascsync::sandbox
