#include "ratelimit.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>
#include <limits>

namespace ascsync::api {

std::optional<RateLimit> parseRateLimit(const QByteArray &header)
{
    RateLimit limit;
    bool sawLimit = false;
    bool sawRemaining = false;
    for (const QByteArray &entry : header.split(';')) {
        const qsizetype colon = entry.indexOf(':');
        if (colon <= 0) {
            continue;
        }
        const QByteArray key = entry.left(colon).trimmed();
        bool ok = false;
        const int value = entry.mid(colon + 1).trimmed().toInt(&ok);
        if (!ok) {
            continue;
        }
        if (key == "user-hour-lim") {
            limit.hourLimit = value;
            sawLimit = true;
        } else if (key == "user-hour-rem") {
            limit.remaining = value;
            sawRemaining = true;
        }
    }
    if (!sawLimit || !sawRemaining) {
        return std::nullopt;
    }
    return limit;
}

std::chrono::milliseconds pacingDelay(const RateLimit &limit, int reserve)
{
    if (limit.hourLimit <= 0 || limit.remaining > reserve) {
        return std::chrono::milliseconds(0);
    }
    return std::chrono::milliseconds(3'600'000 / limit.hourLimit);
}

std::optional<std::chrono::milliseconds> parseRetryAfter(const QByteArray &header, qint64 nowSecsSinceEpoch)
{
    const QByteArray text = header.trimmed();
    if (text.isEmpty()) {
        return std::nullopt;
    }
    bool ok = false;
    const qint64 seconds = text.toLongLong(&ok);
    if (ok) {
        if (seconds < 0) {
            return std::nullopt;
        }
        // Saturate instead of overflowing: a wait of 292 million years and one of a day are the same to us.
        constexpr qint64 kMaxSeconds = std::numeric_limits<qint64>::max() / 1000;
        return std::chrono::milliseconds(std::min(seconds, kMaxSeconds) * 1000);
    }
    // RFC 9110 IMF-fixdate, e.g. "Wed, 21 Oct 2015 07:28:00 GMT".
    const QDateTime when =
        QLocale::c().toDateTime(QString::fromLatin1(text), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!when.isValid()) {
        return std::nullopt;
    }
    QDateTime utc = when;
    utc.setTimeSpec(Qt::UTC);
    const qint64 delta = utc.toSecsSinceEpoch() - nowSecsSinceEpoch;
    return std::chrono::milliseconds(std::max<qint64>(delta, 0) * 1000);
}

} // namespace ascsync::api
