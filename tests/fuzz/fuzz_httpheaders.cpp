// libFuzzer target: the HTTP header readers of core/api: `X-Rate-Limit` (parseRateLimit, pacingDelay) and
// `Retry-After` (parseRetryAfter: delta-seconds or an HTTP date).
//
// Input: the header value. Promises checked: a Retry-After wait is never negative and delta-seconds are
// taken as given; the pacing delay stays within one hour and is nothing while requests remain; a rate-limit
// header written the way Apple writes it round-trips.

#include "fuzzsupport.h"

#include "core/api/ratelimit.h"

#include <chrono>

using namespace ascsync::api;
using namespace std::chrono_literals;

ASCSYNC_FUZZ_QUIET_QT()

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray header = ascsync::fuzz::bytesOf(data, size);
    constexpr qint64 kNow = 1'733'300'000; // December 2024

    if (const auto wait = parseRetryAfter(header, kNow)) {
        FUZZ_CHECK(wait->count() >= 0);
        bool isNumber = false;
        const qint64 seconds = header.trimmed().toLongLong(&isNumber);
        if (isNumber && seconds <= 1'000'000'000) {
            FUZZ_CHECK(*wait == std::chrono::milliseconds(seconds * 1000));
        }
    }

    if (const auto limit = parseRateLimit(header)) {
        for (const int reserve : {0, 100, 1'000'000}) {
            const auto delay = pacingDelay(*limit, reserve);
            FUZZ_CHECK(delay >= 0ms && delay <= 3600s);
            if (limit->remaining > reserve) {
                FUZZ_CHECK(delay == 0ms);
            }
        }
        const QByteArray written = "user-hour-lim:" + QByteArray::number(limit->hourLimit) +
                                   ";user-hour-rem:" + QByteArray::number(limit->remaining) + ";";
        const auto reread = parseRateLimit(written);
        FUZZ_CHECK(reread && reread->hourLimit == limit->hourLimit && reread->remaining == limit->remaining);
    }
    return 0;
}
