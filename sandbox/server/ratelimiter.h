#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

#include <deque>

namespace ascsync::sandbox {

// Apple's per-key budget over a rolling hour (API-NOTES §2): every API response reports it in
// `X-Rate-Limit: user-hour-lim:N;user-hour-rem:M;`, and a key past its budget gets 429s until requests
// older than an hour drop out of the window.
class RateLimiter {
public:
    struct Decision {
        bool allowed = true;
        int limit = 0;
        int remaining = 0;
        QByteArray headerValue() const;
    };

    explicit RateLimiter(int requestsPerHour);

    int limit() const { return m_limit; }

    // Counts one request of `keyId` at `nowMs` (ms since the epoch) unless the budget is spent.
    Decision consume(const QString &keyId, qint64 nowMs);

private:
    int m_limit;
    QHash<QString, std::deque<qint64>> m_windows;
};

} // namespace ascsync::sandbox
