#pragma once

#include "appleerror.h"
#include "clientcontext.h"
#include "ratelimit.h"

#include "core/auth/tokenprovider.h"
#include "core/common/clock.h"
#include "core/common/result.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QSslConfiguration>
#include <QUrl>
#include <QUrlQuery>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

namespace ascsync::api {

// A /v1 page of 200 resources is a few hundred KiB; 32 MiB leaves two orders of magnitude of room.
inline constexpr qint64 kMaxResponseBytes = 32LL * 1024 * 1024;
// Apple's gzip sales and finance files are KiB to a few MiB; analytics segments are checked against their
// announced sizeInBytes instead.
inline constexpr qint64 kMaxDownloadBytes = 1024LL * 1024 * 1024;
// One attempt of one request, from sending to the last byte: a server trickling a byte every few seconds
// never trips the transfer timeout, this stops it. A 1 GiB file needs only ~1.2 MB/s to finish in time.
inline constexpr std::chrono::milliseconds kRequestDeadline{15 * 60 * 1000};
// 1,000 pages of 200 = 200,000 resources in one listing; an account has a few hundred apps and a report a
// few hundred instances per granularity.
inline constexpr int kMaxPages = 1000;
// A wait for Apple's hourly request budget, told to whoever shows progress (ApiOptions::onBudgetWait).
struct BudgetWait {
    std::chrono::milliseconds delay{0};
    RateLimit limit;      // as last seen
    bool refused = false; // Apple answered 429: this is a retry, not pacing
};

struct ApiOptions {
    QUrl baseUrl = QUrl(QStringLiteral("https://api.appstoreconnect.apple.com"));
    QString caFile;            // extra trusted CA certificates (PEM), e.g. a corporate proxy's
    int maxAttempts = 6;       // per request, for 429 / 5xx / network faults / timeouts
    int integrityAttempts = 2; // per download, for truncated bodies and checksum mismatches
    std::chrono::milliseconds transferTimeout{60'000}; // no byte for this long: the attempt is a timeout
    std::chrono::milliseconds backoffBase{1'000};
    std::chrono::milliseconds backoffCap{60'000};
    int rateLimitReserve = 100; // below this many remaining requests in the hour, pace requests
    // Limits against a hostile or broken server (README "Security"): real answers stay far below them.
    qint64 maxResponseBytes = kMaxResponseBytes; // a JSON answer (or error body) kept in memory
    qint64 maxDownloadBytes = kMaxDownloadBytes; // a file without an announced size (sales, finance)
    std::chrono::milliseconds requestDeadline = kRequestDeadline; // one attempt, however slowly it trickles
    int maxPages = kMaxPages;                                     // pages of one listing (links.next)
    // Called in the client's thread before each wait for the budget, so a person sees why nothing moves.
    std::function<void(const BudgetWait &)> onBudgetWait;
    // A wait for the budget longer than this stops instead (no single wait is longer): the call and every
    // later one fail with "api.budgetSpent", and budgetResumesAt() says when the budget is expected back.
    std::chrono::milliseconds longestBudgetWait{180'000};
    // "Now" for Retry-After dates and when the budget is expected back (the waits themselves are timers).
    Clock clock = systemClock();
};

// A completed HTTP exchange (after retries). Non-2xx statuses are outcomes, not errors: the caller knows what
// a 404 means for its endpoint (e.g. "no sales that day"). Errors are reserved for transport failures.
struct HttpOutcome {
    int status = 0;
    QByteArray body; // empty when the body was written to a file
    QList<AppleError> errors;
    bool ok() const { return status >= 200 && status < 300; }
    QJsonObject json() const;
};

struct PagedData {
    QJsonArray data;
    QJsonArray included;
};

// One page of a JSON:API list document (API-NOTES §3): its `data`, `included` and `links.next`.
struct PageDocument {
    QJsonArray data;
    QJsonArray included;
    QString next; // empty on the last page
};

// Reads one page body; an error naming `what` ("listing your apps") when it is not a JSON object. Pure, so
// tests and the fuzz targets reach the parser without a server.
Result<PageDocument> parsePageDocument(const QByteArray &body, const QString &what);

struct DownloadRequest {
    QUrl url;
    QString filePath;
    qint64 expectedSize = -1; // checked when >= 0
    QString expectedMd5;      // lower-case hex; checked when not empty
};

struct DownloadResult {
    qint64 bytes = 0;
    QString md5;
};

using OutcomeCallback = std::function<void(Result<HttpOutcome>)>;
using PagesCallback = std::function<void(Result<PagedData>)>;
using DownloadCallback = std::function<void(qsizetype index, Result<DownloadResult> result)>;

// The one App Store Connect client (DESIGN.md core/api). The JWT is attached only to requests for the API
// origin; pre-signed segment URLs are fetched without it, and a redirect that would carry the token to
// another origin is refused.
//
// Every call has an asynchronous form (`…Async`): it returns at once and its callback runs exactly once,
// later, in the client's thread (never inside the call), so a UI thread can use the client directly. Call
// them from the thread that created the client. cancel() makes pending calls answer "api.cancelled";
// destroying the client drops them without a callback. The blocking forms (get, getAll, …) are thin
// wrappers that wait for the asynchronous one in a local event loop: for the command line and the sync
// engine, whose plans read top to bottom.
class ApiClient {
public:
    ApiClient(ApiOptions options, std::shared_ptr<auth::TokenProvider> tokens);
    ~ApiClient();
    ApiClient(const ApiClient &) = delete;
    ApiClient &operator=(const ApiClient &) = delete;

    // `path` is "/v1/..." relative to the base URL, or an absolute URL on the API origin (a `links.next`).
    void getAsync(const QString &path, const QUrlQuery &query, OutcomeCallback done);
    void postAsync(const QString &path, const QJsonObject &body, OutcomeCallback done);
    void deleteAsync(const QString &path, OutcomeCallback done);
    // Follows `links.next` until the last page; any non-2xx becomes an Error described for `what`
    // ("listing your apps").
    void getAllAsync(const QString &path, const QUrlQuery &query, const QString &what, PagesCallback done);
    // A gzip report (sales, finance) streamed to `filePath`. 200: the file is complete; other statuses: the
    // file is removed and the outcome carries Apple's errors.
    void getToFileAsync(const QString &path, const QUrlQuery &query, const QString &filePath,
                        OutcomeCallback done);
    // Downloads pre-signed URLs (no Authorization header), `concurrency` at a time, into files; checks size
    // and MD5 and downloads again once when they do not match. `done` runs as each finishes, `finished`
    // once after the last.
    void downloadAllAsync(const QList<DownloadRequest> &requests, int concurrency, DownloadCallback done,
                          std::function<void()> finished);

    // The blocking forms of the calls above.
    Result<HttpOutcome> get(const QString &path, const QUrlQuery &query = {});
    Result<HttpOutcome> post(const QString &path, const QJsonObject &body);
    Result<HttpOutcome> deleteResource(const QString &path);
    Result<PagedData> getAll(const QString &path, const QUrlQuery &query, const QString &what);
    Result<HttpOutcome> getToFile(const QString &path, const QUrlQuery &query, const QString &filePath);
    void downloadAll(const QList<DownloadRequest> &requests, int concurrency, const DownloadCallback &done);

    // Runs `then` from the client's thread's event loop, or never when the client is destroyed first: lets a
    // composite call that fails before its first request still answer asynchronously.
    void later(std::function<void()> then);

    // Thread-safe: aborts what is in flight; every pending call returns an "api.cancelled" error.
    void cancel();
    bool isCancelled() const { return m_cancelled.load(); }

    std::optional<RateLimit> lastRateLimit() const { return m_lastRateLimit; }
    int rateLimitReserve() const { return m_options.rateLimitReserve; }
    // Replaces ApiOptions::onBudgetWait (the sync engine tells its observer).
    void setBudgetWaitHandler(std::function<void(const BudgetWait &)> handler)
    {
        m_options.onBudgetWait = std::move(handler);
    }
    // Set once Apple's hourly budget is spent (see ApiOptions::longestBudgetWait): when to try again.
    std::optional<QDateTime> budgetResumesAt() const { return m_budgetResumesAt; }
    int requestCount() const { return m_requestCount; }

private:
    struct Attempt;
    struct AttemptResult;
    struct InFlight;
    struct Exchange;
    struct Listing;
    struct DownloadBatch;

    QUrl resolve(const QString &path, const QUrlQuery &query) const;
    bool isApiOrigin(const QUrl &url) const;
    // One request through retries, pacing and one token refresh after a 401: pace → send → settle.
    void perform(const QByteArray &method, const QUrl &url, const QByteArray &body, const QString &filePath,
                 OutcomeCallback done);
    void pace(const std::shared_ptr<Exchange> &exchange);
    void send(const std::shared_ptr<Exchange> &exchange);
    void settle(const std::shared_ptr<Exchange> &exchange, const AttemptResult &result);
    void deliver(const std::shared_ptr<Exchange> &exchange, Result<HttpOutcome> outcome);
    // A listing, page by page.
    void requestPage(const std::shared_ptr<Listing> &listing);
    void takePage(const std::shared_ptr<Listing> &listing, const Result<HttpOutcome> &outcome);
    void finishListing(const std::shared_ptr<Listing> &listing, Result<PagedData> result);
    // Segment downloads.
    void startDownload(const std::shared_ptr<DownloadBatch> &batch, qsizetype index, int number);
    void settleDownload(const std::shared_ptr<DownloadBatch> &batch, qsizetype index, int number,
                        const AttemptResult &result);
    void completeDownload(const std::shared_ptr<DownloadBatch> &batch, qsizetype index,
                          Result<DownloadResult> result);
    // Runs `then` in the client's thread after `delay` (at once when cancelled), never inside this call.
    void after(std::chrono::milliseconds delay, std::function<void()> then);

    void startAttempt(const std::shared_ptr<Attempt> &attempt, std::function<void(AttemptResult)> finished);
    void answerLater(std::function<void(AttemptResult)> finished, AttemptResult result);
    std::optional<AttemptResult> authorize(const Attempt &attempt, QNetworkRequest &request);
    void armDeadline(QNetworkReply *reply, const std::shared_ptr<InFlight> &flight);
    void guardRedirects(QNetworkReply *reply, const Attempt &attempt,
                        const std::shared_ptr<InFlight> &flight);
    void streamBody(QNetworkReply *reply, const Attempt &attempt, const std::shared_ptr<InFlight> &flight);
    AttemptResult concludeAttempt(QNetworkReply *reply, const Attempt &attempt, InFlight &flight);
    static std::shared_ptr<Attempt> segmentAttempt(const DownloadRequest &request);
    static Error segmentFailure(const AttemptResult &result);
    static void checkCompleteness(const QNetworkReply *reply, const Attempt &attempt, AttemptResult &result);
    std::optional<std::chrono::milliseconds> retryDelay(const AttemptResult &result, int attemptNumber);
    std::optional<Error> refuseLongWait(const AttemptResult &result, const QUrl &url) const;
    Result<HttpOutcome> outcomeOf(const AttemptResult &result, int attempts) const;
    std::optional<Error> budgetStop();
    Error budgetSpentError() const;
    std::chrono::milliseconds backoff(int attemptNumber);

    ApiOptions m_options;
    std::shared_ptr<auth::TokenProvider> m_tokens;
    std::unique_ptr<ClientContext> m_context; // in the client's thread; cancel() posts to it
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::optional<Error> m_setupError; // e.g. an unusable --ca-file: every call fails with it
    std::optional<QSslConfiguration> m_sslConfiguration; // with --ca-file's CAs; else Qt's default
    std::atomic<bool> m_cancelled{false};
    std::optional<RateLimit> m_lastRateLimit;
    std::optional<QDateTime> m_budgetResumesAt;
    int m_requestCount = 0;
    quint64 m_jitterState = 0x9e3779b97f4a7c15ULL;
};

} // namespace ascsync::api
