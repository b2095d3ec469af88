#pragma once

#include "jwt.h"
#include "p8key.h"

#include "core/common/clock.h"
#include "core/common/result.h"

#include <QMutex>

#include <chrono>
#include <optional>

namespace ascsync::auth {

// Hands out a bearer token for every API request: it reuses the current token (Apple's advice) until it is
// within `refreshMargin` of expiring, then signs a new one. Safe to call from several threads at once.
class TokenProvider {
public:
    TokenProvider(P8Key key, TokenClaims claims, Clock clock = systemClock(),
                  std::chrono::seconds refreshMargin = std::chrono::seconds(120));

    Result<SignedToken> token();

    // Forget the cached token, e.g. after a 401, so the next call signs a fresh one.
    void invalidate();

    const TokenClaims &claims() const { return m_claims; }

private:
    const P8Key m_key;
    const TokenClaims m_claims;
    const Clock m_clock;
    const std::chrono::seconds m_refreshMargin;
    QMutex m_mutex;
    std::optional<SignedToken> m_current;
};

} // namespace ascsync::auth
