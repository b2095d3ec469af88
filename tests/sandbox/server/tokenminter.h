#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <memory>

using EVP_PKEY = struct evp_pkey_st;

namespace ascsync::sandbox::test {

// Mints App Store Connect JWTs for the simulator's tests with OpenSSL directly, including the malformed
// ones a well-behaved client never makes (DER signatures, wrong claims), so each rejection can be proven.
class TokenMinter {
public:
    enum class SignatureFormat { RawRS, Der };

    static TokenMinter fromPrivatePem(const QByteArray &pem);
    static TokenMinter fromP8File(const QString &path);
    static TokenMinter generate(); // a fresh P-256 key

    bool isValid() const { return m_key != nullptr; }
    QByteArray publicKeyPem() const;

    // header.payload.signature with the given (unvalidated) JSON parts.
    QByteArray sign(const QJsonObject &header, const QJsonObject &payload,
                    SignatureFormat format = SignatureFormat::RawRS) const;

    // The standard header {alg: ES256, kid, typ: JWT}.
    static QJsonObject header(const QString &keyId);
    // A team key's payload: iss, iat = now, exp = now + lifetime, aud, and scope when given.
    static QJsonObject teamPayload(const QString &issuerId, const QDateTime &now,
                                   qint64 lifetimeSeconds = 1200, const QStringList &scope = {});
    // An individual key's payload: sub "user" instead of iss.
    static QJsonObject individualPayload(const QDateTime &now, qint64 lifetimeSeconds = 1200);

private:
    std::shared_ptr<EVP_PKEY> m_key;
};

QByteArray base64Url(const QByteArray &bytes);

} // namespace ascsync::sandbox::test
