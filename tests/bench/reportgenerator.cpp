#include "reportgenerator.h"

#include <QByteArray>
#include <QFile>

#include <zlib.h>

#include <array>
#include <cstdio>

namespace bench {

namespace {

// xorshift64*: fast, deterministic, good enough to pick values.
class Random {
public:
    quint64 next()
    {
        m_state ^= m_state >> 12;
        m_state ^= m_state << 25;
        m_state ^= m_state >> 27;
        return m_state * 0x2545F4914F6CDD1DULL;
    }
    template <typename T, std::size_t N> const T &pick(const std::array<T, N> &values)
    {
        return values[next() % N];
    }
    bool chance(int percent) { return int(next() % 100) < percent; }

private:
    quint64 m_state = 0x9E3779B97F4A7C15ULL;
};

constexpr std::array<const char *, 6> kApps{"Weather Pro",       "Pocket Ledger", "Café Finder",
                                            "Trail Maps — Hike", "Sleep Sounds",  "Budget Buddy"};
constexpr std::array<const char *, 6> kAppIds{"1498231577", "1510447210", "1622019934",
                                              "1399210048", "1577300215", "1433028791"};
constexpr std::array<const char *, 5> kDownloadTypes{"First-time download", "Redownload", "Manual update",
                                                     "Auto-update", "Restore"};
constexpr std::array<const char *, 8> kVersions{"3.2.1",  "3.2.0", "3.1.4", "3.0.9",
                                                "2.9.12", "4.0.0", "4.0.1", "3.3"};
constexpr std::array<const char *, 4> kDevices{"iPhone", "iPad", "Mac", "Apple Vision"};
constexpr std::array<const char *, 8> kPlatformVersions{"iOS 18.1",   "iOS 18.0",    "iOS 17.6",
                                                        "iOS 17.5",   "iPadOS 18.1", "iPadOS 17.6",
                                                        "macOS 15.1", "visionOS 2.1"};
constexpr std::array<const char *, 7> kSourceTypes{"App Store search", "App Store browse", "App referrer",
                                                   "Web referrer",     "App Clip",         "Notification",
                                                   "Unavailable"};
constexpr std::array<const char *, 6> kSourceInfo{"com.google.ios.youtube", "com.burbn.instagram",
                                                  "www.reddit.com",         "news.ycombinator.com",
                                                  "com.apple.mobilesafari", "t.co"};
constexpr std::array<const char *, 5> kCampaigns{"spring_sale_2026", "newsletter-11", "launch",
                                                 "influencer_Ünal", "retarget_q4"};
constexpr std::array<const char *, 5> kPageTypes{"Product page", "Store sheet", "No page", "In-app event",
                                                 "Developer page"};
constexpr std::array<const char *, 5> kPageTitles{"Default product page", "Winter promo — snow 🌨",
                                                  "Custom page B", "Ratings focus",
                                                  "Localised page (日本語)"};
constexpr std::array<const char *, 16> kTerritories{"US", "GB", "DE", "FR", "JP", "CN", "BR", "IN",
                                                    "CA", "AU", "IT", "ES", "KR", "MX", "NL", "SE"};

} // namespace

bool generateDownloadsReport(const QString &path, qint64 rows, GeneratedReport &report)
{
    gzFile out = gzopen(QFile::encodeName(path).constData(), "wb6");
    if (!out) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
        return false;
    }
    gzbuffer(out, 256 * 1024);
    QByteArray buffer;
    buffer.reserve(1024 * 1024);
    buffer.append("Date\tApp Name\tApp Apple Identifier\tDownload Type\tApp Version\tDevice\tPlatform "
                  "Version\tSource Type\tSource Info\tCampaign\tPage Type\tPage Title\tPre-Order\t"
                  "Territory\tCounts\n");
    Random random;
    char date[32];
    bool ok = true;
    for (qint64 row = 0; row < rows && ok; ++row) {
        const int app = int(random.next() % kApps.size());
        // 60 days of data, each day a block of rows as in a real instance.
        const int day = int(row * 60 / std::max<qint64>(rows, 1));
        std::snprintf(date, sizeof date, "2026-%02d-%02d", 9 + day / 30, 1 + day % 30);
        const bool attributed = random.chance(35);
        buffer.append(date).append('\t');
        buffer.append(kApps[app]).append('\t').append(kAppIds[app]).append('\t');
        buffer.append(random.pick(kDownloadTypes)).append('\t');
        buffer.append(random.pick(kVersions)).append('\t');
        buffer.append(random.pick(kDevices)).append('\t');
        buffer.append(random.pick(kPlatformVersions)).append('\t');
        buffer.append(random.pick(kSourceTypes)).append('\t');
        buffer.append(attributed ? random.pick(kSourceInfo) : "").append('\t');
        buffer.append(attributed && random.chance(40) ? random.pick(kCampaigns) : "").append('\t');
        buffer.append(random.pick(kPageTypes)).append('\t');
        buffer.append(random.pick(kPageTitles)).append('\t');
        buffer.append(random.chance(3) ? "Yes" : "No").append('\t');
        buffer.append(random.pick(kTerritories)).append('\t');
        // Mostly small counts, now and then a large one.
        const quint64 count = random.chance(90) ? 1 + random.next() % 40 : 1 + random.next() % 250000;
        buffer.append(QByteArray::number(count)).append('\n');
        if (buffer.size() >= 1000 * 1000) {
            ok = gzwrite(out, buffer.constData(), unsigned(buffer.size())) == int(buffer.size());
            report.uncompressedBytes += buffer.size();
            buffer.resize(0);
        }
    }
    if (ok && !buffer.isEmpty()) {
        ok = gzwrite(out, buffer.constData(), unsigned(buffer.size())) == int(buffer.size());
        report.uncompressedBytes += buffer.size();
    }
    ok = gzclose(out) == Z_OK && ok;
    if (!ok) {
        std::fprintf(stderr, "writing %s failed\n", qPrintable(path));
        return false;
    }
    report.rows = rows;
    return true;
}

} // namespace bench
