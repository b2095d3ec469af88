#pragma once

#include "apierror.h"
#include "clocksource.h"
#include "httpexchange.h"
#include "keyregistry.h"

#include <optional>

namespace ascsync::sandbox {

// Checks a request's bearer token the way App Store Connect does (API-NOTES §1), with its own parser and
// OpenSSL verification: header alg/kid/typ, ES256 raw R||S signature against the registered key, `iss`
// (or `sub: "user"` for individual keys), `aud`, `exp`, the optional `iat` and the 20-minute lifetime, and
// `scope`. Where each rule comes from is noted at its check in verify().
class JwtVerifier {
public:
    struct Outcome {
        const RegisteredKey *key = nullptr; // set when the token is valid
        std::optional<ApiError> error;      // 401 NOT_AUTHORIZED or 403 FORBIDDEN_ERROR otherwise
        QString reason;                     // why, for diagnostics (never contains token material)
    };

    static constexpr qint64 kMaxLifetimeSeconds = 20 * 60;
    static constexpr qint64 kClockSkewSeconds = 60;

    JwtVerifier(const KeyRegistry &registry, ClockSource clock);

    Outcome verify(const HttpRequestData &request) const;

    // Whether one `scope` entry ("GET /v1/apps?filter[platform]=IOS") allows the request: same method and
    // path, same query parameters in any order, ignoring limit, cursor and sort (Apple's rule).
    static bool scopeAllows(const QString &scope, const HttpRequestData &request);

private:
    const KeyRegistry &m_registry;
    ClockSource m_clock;
};

} // namespace ascsync::sandbox
