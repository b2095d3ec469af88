#include "tokenprovider.h"

#include "authlog.h"

#include <QMutexLocker>

namespace ascsync::auth {

TokenProvider::TokenProvider(P8Key key, TokenClaims claims, Clock clock, std::chrono::seconds refreshMargin)
    : m_key(std::move(key))
    , m_claims(std::move(claims))
    , m_clock(std::move(clock))
    // A margin as long as the lifetime would re-sign on every call; keep at least half the lifetime usable.
    , m_refreshMargin(std::min(refreshMargin, m_claims.lifetime / 2))
{}

Result<SignedToken> TokenProvider::token()
{
    const QDateTime now = m_clock();
    QMutexLocker lock(&m_mutex);
    if (m_current && now.secsTo(m_current->expiresAt) > m_refreshMargin.count()) {
        return *m_current;
    }
    auto fresh = signToken(m_key, m_claims, now);
    if (!fresh) {
        return fresh.error();
    }
    qCDebug(lcAuth) << "signed a new token valid until" << fresh->expiresAt.toString(Qt::ISODate);
    m_current = fresh.value();
    return fresh;
}

void TokenProvider::invalidate()
{
    QMutexLocker lock(&m_mutex);
    m_current.reset();
}

} // namespace ascsync::auth
