#pragma once

#include "p8key.h"

#include "core/common/result.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <chrono>

namespace ascsync::auth {

// Apple rejects tokens that live longer than 20 minutes (API-NOTES §1).
inline constexpr std::chrono::seconds kMaxTokenLifetime{20 * 60};
inline constexpr std::chrono::seconds kMinTokenLifetime{60};
// `iat` is set this far in the past so a server whose clock runs slightly behind ours never sees a
// token "issued in the future"; `exp` stays within kMaxTokenLifetime of `iat`.
inline constexpr std::chrono::seconds kIssuedAtBackdate{30};

struct TokenClaims {
    QString issuerId; // empty for an individual key (then `sub: "user"` is sent instead of `iss`)
    QString keyId;
    std::chrono::seconds lifetime = kMaxTokenLifetime;
    QStringList scope; // e.g. "GET /v1/apps?filter[platform]=IOS"; empty: no scope claim
};

struct SignedToken {
    QString token;
    QDateTime issuedAt;
    QDateTime expiresAt;
};

// Signs an App Store Connect JWT (ES256, header alg/kid/typ; payload iss|sub, iat, exp, aud, scope).
// Fails with a clear message for an invalid lifetime or malformed IDs.
Result<SignedToken> signToken(const P8Key &key, const TokenClaims &claims, const QDateTime &now);

QByteArray base64UrlEncode(QByteArrayView bytes);

} // namespace ascsync::auth
