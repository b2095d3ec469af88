#include "ratelimiter.h"

namespace ascsync::sandbox {

namespace {
constexpr qint64 kHourMs = 60 * 60 * 1000;
}

QByteArray RateLimiter::Decision::headerValue() const
{
    return QByteArrayLiteral("user-hour-lim:") + QByteArray::number(limit) +
           QByteArrayLiteral(";user-hour-rem:") + QByteArray::number(remaining) + ';';
}

RateLimiter::RateLimiter(int requestsPerHour)
    : m_limit(requestsPerHour)
{}

RateLimiter::Decision RateLimiter::consume(const QString &keyId, qint64 nowMs)
{
    std::deque<qint64> &window = m_windows[keyId];
    while (!window.empty() && window.front() <= nowMs - kHourMs)
        window.pop_front();
    if (qsizetype(window.size()) >= m_limit)
        return {false, m_limit, 0};
    window.push_back(nowMs);
    return {true, m_limit, m_limit - int(window.size())};
}

} // namespace ascsync::sandbox
