#pragma once

#include "core/common/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>

using EVP_PKEY = struct evp_pkey_st;

namespace ascsync::auth {

// An App Store Connect private key (`AuthKey_<KEYID>.p8`): PKCS#8 PEM, EC P-256.
// Loading accepts Apple's form (curve parameters and public key inside the SEC1 body) and OpenSSL 3's
// shorter form; everything else is refused with a message that says what the file is and what to do.
// The PEM text is wiped from memory as soon as it is parsed. Copies share one immutable key.
class P8Key {
public:
    static Result<P8Key> fromPem(QByteArray pem);
    static Result<P8Key> fromFile(const QString &path);

    // ES256 over `message`: ECDSA P-256 with SHA-256, returned as the 64-byte raw R||S that JWS requires
    // (each half left-padded to 32 bytes), never DER.
    Result<QByteArray> signEs256(QByteArrayView message) const;

    // SubjectPublicKeyInfo PEM of the key's public half, for registering with a verifier.
    QByteArray publicKeyPem() const;

private:
    explicit P8Key(std::shared_ptr<EVP_PKEY> key);
    std::shared_ptr<EVP_PKEY> m_key;
};

} // namespace ascsync::auth
