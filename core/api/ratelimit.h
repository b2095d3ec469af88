#pragma once

#include <QByteArray>

#include <chrono>
#include <optional>

namespace ascsync::api {

// The `X-Rate-Limit: user-hour-lim:3500;user-hour-rem:500;` header (API-NOTES §2).
struct RateLimit {
    int hourLimit = 0;
    int remaining = 0;
};

std::optional<RateLimit> parseRateLimit(const QByteArray &header);

// No single wait (rate-limit pacing, Retry-After) is longer than this: a server asking for more stops the
// request with an "api.rateLimited" error instead of keeping a sync (and its lock) asleep for an hour.
inline constexpr std::chrono::milliseconds kMaxSingleWait{5 * 60 * 1000};

// How long to wait before the next request so a nearly spent hourly budget is not exhausted: nothing while
// more than `reserve` requests remain, then the sustainable pace of the limit (one request per 3600/limit
// seconds).
std::chrono::milliseconds pacingDelay(const RateLimit &limit, int reserve);

// `Retry-After` as delta-seconds or an HTTP date; nothing when absent or unreadable.
std::optional<std::chrono::milliseconds> parseRetryAfter(const QByteArray &header, qint64 nowSecsSinceEpoch);

} // namespace ascsync::api
