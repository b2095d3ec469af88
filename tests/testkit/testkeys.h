#pragma once

// Key material made on the fly for tests, with OpenSSL directly (not through core/), so the code under test
// never vouches for its own inputs.

#include <QByteArray>

#include <memory>

using EVP_PKEY = struct evp_pkey_st;

namespace testkeys {

using KeyPtr = std::shared_ptr<EVP_PKEY>;

KeyPtr generateEc(const char *curve); // "P-256", "P-384", "secp256k1"
KeyPtr generateRsa();
KeyPtr generateEd25519();

QByteArray pkcs8Pem(EVP_PKEY *key); // OpenSSL 3's PKCS#8 (SEC1 body without curve parameters)
QByteArray
appleStylePem(EVP_PKEY *p256Key); // Apple's .p8 layout: SEC1 body with [0] parameters and [1] public key
QByteArray encryptedPkcs8Pem(EVP_PKEY *key); // BEGIN ENCRYPTED PRIVATE KEY
QByteArray traditionalPem(EVP_PKEY *key);    // BEGIN EC PRIVATE KEY / BEGIN RSA PRIVATE KEY
QByteArray publicKeyPem(EVP_PKEY *key);      // BEGIN PUBLIC KEY
// `subjectAltName` in OpenSSL's notation, e.g. "IP:127.0.0.1" for a loopback TLS server; none by default.
QByteArray selfSignedCertificatePem(EVP_PKEY *key, const char *subjectAltName = nullptr);
QByteArray pkcs8Der(EVP_PKEY *key);

// Verifies a JWS ES256 signature (64-byte raw R||S) with OpenSSL's own verifier.
bool verifyRawEs256(EVP_PKEY *publicKey, const QByteArray &message, const QByteArray &rawSignature);

} // namespace testkeys
