#include "apiclient.h"

#include "apilog.h"

#include "ascsync/version.h"
#include "core/common/blockingcall.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace ascsync::api {

namespace {

const QByteArray kUserAgent = QByteArrayLiteral("ascsync/" ASCSYNC_VERSION);
constexpr qint64 kReadBufferSize = 1 << 20; // bounds what Qt buffers per reply while we write to disk

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme() == b.scheme() && a.host().compare(b.host(), Qt::CaseInsensitive) == 0 &&
           a.port(a.scheme() == u"https"_s ? 443 : 80) == b.port(b.scheme() == u"https"_s ? 443 : 80);
}

// What a log line may show of a URL: pre-signed query strings are credentials too.
QString loggable(const QUrl &url)
{
    return url.adjusted(QUrl::RemoveQuery | QUrl::RemoveUserInfo).toString();
}

} // namespace

QJsonObject HttpOutcome::json() const
{
    return QJsonDocument::fromJson(body).object();
}

struct ApiClient::Attempt {
    QByteArray method;
    QUrl url;
    QByteArray body;
    QString filePath; // empty: keep the body in memory
    bool authorize = false;
    qint64 expectedSize = -1;
    QString expectedMd5;
};

struct ApiClient::AttemptResult {
    enum class Kind {
        Http,
        Network,
        Timeout,
        Cancelled,
        RedirectRefused,
        Truncated,
        ChecksumMismatch,
        LocalFile,
        Token,
        TooLarge, // more bytes than announced or allowed: stopped at once, never retried
        Deadline  // the attempt outlived ApiOptions::requestDeadline: not retried either
    };
    Kind kind = Kind::Http;
    int status = 0;
    QByteArray body;
    QByteArray retryAfter;
    QString detail;
    qint64 bytes = 0;
    QString md5;

    static AttemptResult failed(Kind kind, QString detail = {})
    {
        AttemptResult result;
        result.kind = kind;
        result.detail = std::move(detail);
        return result;
    }
};

ApiClient::ApiClient(ApiOptions options, std::shared_ptr<auth::TokenProvider> tokens)
    : m_options(std::move(options))
    , m_tokens(std::move(tokens))
    , m_context(std::make_unique<ClientContext>())
    , m_network(std::make_unique<QNetworkAccessManager>())
{
    m_network->setAutoDeleteReplies(false);
    m_network->setRedirectPolicy(QNetworkRequest::UserVerifiedRedirectPolicy);
    if (!m_options.caFile.isEmpty()) {
        const QList<QSslCertificate> extra = QSslCertificate::fromPath(m_options.caFile, QSsl::Pem);
        if (extra.isEmpty()) {
            // Ignoring it would make a proxy's certificate fail later with a misleading TLS error.
            m_setupError = makeError(
                u"api.caFile"_s,
                u"The CA file %1 (--ca-file) is missing, unreadable or holds no PEM certificate. Fix the "
                u"path (a PEM file with -----BEGIN CERTIFICATE-----) or leave --ca-file out."_s.arg(
                    m_options.caFile));
            return;
        }
        // This client's requests trust the extra CAs; the process-wide default stays as it was, so another
        // client (another destination's, a test's) is not affected.
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.addCaCertificates(extra);
        m_sslConfiguration = ssl;
    }
}

ApiClient::~ApiClient()
{
    // Pending work goes first, while the manager its replies came from still exists; nothing calls back.
    m_context.reset();
    m_network.reset();
}

QUrl ApiClient::resolve(const QString &path, const QUrlQuery &query) const
{
    QUrl url = path.startsWith(u"http://"_s) || path.startsWith(u"https://"_s)
                   ? QUrl(path)
                   : m_options.baseUrl.resolved(QUrl(path));
    if (!query.isEmpty()) {
        QUrlQuery merged(url);
        for (const auto &[key, value] : query.queryItems(QUrl::FullyEncoded)) {
            merged.addQueryItem(key, value);
        }
        url.setQuery(merged);
    }
    return url;
}

bool ApiClient::isApiOrigin(const QUrl &url) const
{
    return sameOrigin(url, m_options.baseUrl);
}

void ApiClient::cancel()
{
    m_cancelled.store(true);
    // Replies belong to the client's thread: abort them there.
    QMetaObject::invokeMethod(
        m_context.get(),
        [this] {
            const auto replies = m_context->findChildren<QNetworkReply *>();
            for (QNetworkReply *reply : replies) {
                reply->abort();
            }
            Q_EMIT m_context->cancelled(); // wakes any waitFor() sleeping on a backoff
        },
        Qt::QueuedConnection);
}

std::chrono::milliseconds ApiClient::backoff(int attemptNumber)
{
    // "Full jitter": a random wait in [base, min(cap, base * 2^n)], so parallel clients do not retry in
    // lockstep.
    const qint64 base = m_options.backoffBase.count();
    const qint64 ceiling =
        std::min<qint64>(m_options.backoffCap.count(), base << std::min(attemptNumber, 16));
    m_jitterState ^= m_jitterState << 13;
    m_jitterState ^= m_jitterState >> 7;
    m_jitterState ^= m_jitterState << 17;
    const qint64 span = std::max<qint64>(ceiling - base, 1);
    return std::chrono::milliseconds(base + static_cast<qint64>(m_jitterState % static_cast<quint64>(span)));
}

void ApiClient::after(std::chrono::milliseconds delay, std::function<void()> then)
{
    if (delay.count() <= 0 || m_cancelled.load()) {
        later(std::move(then));
        return;
    }
    // A child of the context: destroying the client drops the wait with it.
    auto *timer = new QTimer(m_context.get());
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, m_context.get(), [timer, then = std::move(then)] {
        timer->deleteLater();
        then();
    });
    QObject::connect(m_context.get(), &ClientContext::cancelled, timer, [timer] { timer->start(0); });
    timer->start(delay);
}

void ApiClient::later(std::function<void()> then)
{
    QMetaObject::invokeMethod(m_context.get(), std::move(then), Qt::QueuedConnection);
}

std::optional<Error> ApiClient::budgetStop()
{
    if (!m_budgetResumesAt && m_lastRateLimit && m_lastRateLimit->hourLimit > 0 &&
        m_lastRateLimit->remaining <= 0) {
        // Apple counts a rolling hour and does not say when requests free up: all of them are back within
        // the hour, so that is when to try again rather than waiting here.
        m_budgetResumesAt = m_options.clock().addSecs(3600);
    }
    if (!m_budgetResumesAt) {
        return std::nullopt;
    }
    return budgetSpentError();
}

Error ApiClient::budgetSpentError() const
{
    return Error{u"api.budgetSpent"_s,
                 u"Apple's hourly request budget is spent; the next sync resumes after %1. What was loaded "
                 u"stays loaded and the next sync continues from there."_s.arg(
                     m_budgetResumesAt.value_or(m_options.clock()).toLocalTime().toString(u"HH:mm"_s))};
}

std::optional<std::chrono::milliseconds> ApiClient::retryDelay(const AttemptResult &result, int attemptNumber)
{
    using Kind = AttemptResult::Kind;
    if (m_cancelled.load()) {
        return std::nullopt;
    }
    switch (result.kind) {
    case Kind::Network:
    case Kind::Timeout:
        return attemptNumber < m_options.maxAttempts ? std::optional(backoff(attemptNumber)) : std::nullopt;
    case Kind::Truncated:
    case Kind::ChecksumMismatch:
        return attemptNumber < m_options.integrityAttempts ? std::optional(backoff(0)) : std::nullopt;
    case Kind::Http:
        break;
    case Kind::Cancelled:
    case Kind::RedirectRefused:
    case Kind::LocalFile:
    case Kind::Token:
    case Kind::TooLarge:
    case Kind::Deadline:
        return std::nullopt;
    }
    if (result.status != 429 && result.status < 500) {
        return std::nullopt;
    }
    if (attemptNumber >= m_options.maxAttempts) {
        return std::nullopt;
    }
    if (result.status == 429) {
        if (const auto retryAfter =
                parseRetryAfter(result.retryAfter, m_options.clock().toSecsSinceEpoch())) {
            // Honoured as asked; refuseLongWait() stops before a wait longer than kMaxSingleWait.
            return *retryAfter;
        }
    }
    return backoff(attemptNumber);
}

std::optional<Error> ApiClient::refuseLongWait(const AttemptResult &result, const QUrl &url) const
{
    std::optional<std::chrono::milliseconds> wait;
    QString reason;
    if (result.kind == AttemptResult::Kind::Http && result.status == 429) {
        wait = parseRetryAfter(result.retryAfter, m_options.clock().toSecsSinceEpoch());
        reason = u"its Retry-After header"_s;
    } else if (m_lastRateLimit) {
        wait = pacingDelay(*m_lastRateLimit, m_options.rateLimitReserve);
        reason =
            u"its X-Rate-Limit header (%1 of %2 requests left this hour)"_s.arg(m_lastRateLimit->remaining)
                .arg(m_lastRateLimit->hourLimit);
    }
    if (!wait || *wait <= kMaxSingleWait) {
        return std::nullopt;
    }
    return makeError(
        u"api.rateLimited"_s,
        u"%1 asks ascsync to wait %2 minutes before the next request (%3); ascsync waits at most "
        u"%4 minutes at a time, so it stops here instead of holding the sync. Run it again "
        u"later: it resumes where it stopped."_s.arg(url.host())
            .arg((wait->count() + 59'999) / 60'000)
            .arg(reason)
            .arg(kMaxSingleWait.count() / 60'000));
}

// What one attempt gathers while its reply streams in, shared by the reply's handlers.
struct ApiClient::InFlight {
    AttemptResult result; // kind stays Http unless a handler stopped the transfer
    QFile file;           // open when the attempt writes its body to a file
    QCryptographicHash md5{QCryptographicHash::Md5};
};

std::optional<ApiClient::AttemptResult> ApiClient::authorize(const Attempt &attempt, QNetworkRequest &request)
{
    using Kind = AttemptResult::Kind;
    if (!attempt.authorize)
        return std::nullopt;
    // The invariant: the token goes to the API origin only.
    if (!isApiOrigin(attempt.url) || !m_tokens) {
        return AttemptResult::failed(
            Kind::RedirectRefused,
            u"refused to send the API token to %1, which is not the API host"_s.arg(loggable(attempt.url)));
    }
    const auto token = m_tokens->token();
    if (!token)
        return AttemptResult::failed(Kind::Token, token.errorMessage());
    request.setRawHeader("Authorization", "Bearer " + token->token.toLatin1());
    return std::nullopt;
}

void ApiClient::startAttempt(const std::shared_ptr<Attempt> &attempt,
                             std::function<void(AttemptResult)> finished)
{
    using Kind = AttemptResult::Kind;
    if (m_cancelled.load()) {
        answerLater(std::move(finished), AttemptResult::failed(Kind::Cancelled));
        return;
    }
    QNetworkRequest request(attempt->url);
    request.setRawHeader("User-Agent", kUserAgent);
    request.setTransferTimeout(static_cast<int>(m_options.transferTimeout.count()));
    if (m_sslConfiguration)
        request.setSslConfiguration(*m_sslConfiguration);
    if (auto refused = authorize(*attempt, request)) {
        answerLater(std::move(finished), *refused);
        return;
    }
    if (!attempt->body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);

    auto flight = std::make_shared<InFlight>();
    if (!attempt->filePath.isEmpty()) {
        flight->file.setFileName(attempt->filePath);
        if (!flight->file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            answerLater(std::move(finished),
                        AttemptResult::failed(
                            Kind::LocalFile,
                            u"cannot write %1: %2"_s.arg(attempt->filePath, flight->file.errorString())));
            return;
        }
    }
    ++m_requestCount;
    QNetworkReply *reply = m_network->sendCustomRequest(request, attempt->method, attempt->body);
    reply->setParent(m_context.get());
    reply->setReadBufferSize(kReadBufferSize);
    armDeadline(reply, flight);
    guardRedirects(reply, *attempt, flight);
    streamBody(reply, *attempt, flight);
    QObject::connect(reply, &QNetworkReply::finished, m_context.get(),
                     [this, reply, flight, attempt, finished = std::move(finished)] {
                         reply->deleteLater();
                         if (reply->bytesAvailable() > 0)
                             Q_EMIT reply->readyRead();
                         flight->file.close();
                         const AttemptResult result = concludeAttempt(reply, *attempt, *flight);
                         qCDebug(lcApi).noquote() << attempt->method << loggable(attempt->url) << "->"
                                                  << result.status << static_cast<int>(result.kind);
                         answerLater(finished, result);
                     });
}

// Every attempt answers from the event loop: never inside startAttempt (callers chain attempts without
// recursing) and never under a reply's signal (what follows may end in a callback that destroys the client,
// and the reply with it).
void ApiClient::answerLater(std::function<void(AttemptResult)> finished, AttemptResult result)
{
    later([finished = std::move(finished), result = std::move(result)] { finished(result); });
}

void ApiClient::armDeadline(QNetworkReply *reply, const std::shared_ptr<InFlight> &flight)
{
    // The transfer timeout only notices silence; this bounds the whole attempt.
    auto *deadline = new QTimer(reply);
    deadline->setSingleShot(true);
    QObject::connect(deadline, &QTimer::timeout, reply, [this, reply, flight] {
        flight->result.kind = AttemptResult::Kind::Deadline;
        flight->result.detail =
            u"no complete answer within %1 seconds"_s.arg(m_options.requestDeadline.count() / 1000.0);
        reply->abort();
    });
    deadline->start(m_options.requestDeadline);
}

void ApiClient::guardRedirects(QNetworkReply *reply, const Attempt &attempt,
                               const std::shared_ptr<InFlight> &flight)
{
    const bool authorized = attempt.authorize;
    const QUrl origin = attempt.url;
    QObject::connect(
        reply, &QNetworkReply::redirected, reply, [this, reply, flight, authorized, origin](const QUrl &to) {
            if (authorized && !isApiOrigin(to)) {
                flight->result.kind = AttemptResult::Kind::RedirectRefused;
                flight->result.detail =
                    u"refused a redirect from %1 to another host (%2): it would carry the API token there"_s
                        .arg(loggable(origin), loggable(to));
                reply->abort();
                return;
            }
            Q_EMIT reply->redirectAllowed();
        });
}

void ApiClient::streamBody(QNetworkReply *reply, const Attempt &attempt,
                           const std::shared_ptr<InFlight> &flight)
{
    using Kind = AttemptResult::Kind;
    const qint64 fileLimit = attempt.expectedSize >= 0 ? attempt.expectedSize : m_options.maxDownloadBytes;
    const qint64 memoryLimit = m_options.maxResponseBytes;
    QObject::connect(reply, &QNetworkReply::readyRead, reply, [reply, flight, fileLimit, memoryLimit] {
        AttemptResult &state = flight->result;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray chunk = reply->readAll();
        const bool toFile = flight->file.isOpen() && status >= 200 && status < 300;
        const qint64 limit = toFile ? fileLimit : memoryLimit;
        if ((toFile ? state.bytes : state.body.size()) + chunk.size() > limit) {
            // Stop at once: neither the disk nor memory takes more than was announced or allowed.
            state.kind = Kind::TooLarge;
            state.detail = u"more than %1 bytes"_s.arg(limit);
            reply->abort();
            return;
        }
        if (!toFile) {
            state.body += chunk;
            return;
        }
        if (flight->file.write(chunk) != chunk.size()) {
            state.kind = Kind::LocalFile;
            state.detail = u"cannot write %1: %2"_s.arg(flight->file.fileName(), flight->file.errorString());
            reply->abort();
            return;
        }
        flight->md5.addData(chunk);
        state.bytes += chunk.size();
    });
}

ApiClient::AttemptResult ApiClient::concludeAttempt(QNetworkReply *reply, const Attempt &attempt,
                                                    InFlight &flight)
{
    using Kind = AttemptResult::Kind;
    AttemptResult result = flight.result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.retryAfter = reply->rawHeader("Retry-After");
    if (const auto limit = parseRateLimit(reply->rawHeader("X-Rate-Limit")))
        m_lastRateLimit = limit;
    const QNetworkReply::NetworkError error = reply->error();
    if (result.kind != Kind::Http) {
        // set while streaming: a refused redirect, a local write failure, too many bytes, the deadline
    } else if (error == QNetworkReply::OperationCanceledError) {
        result.kind = m_cancelled.load() ? Kind::Cancelled : Kind::Timeout;
        result.detail = m_cancelled.load()
                            ? u"cancelled"_s
                            : u"no data for %1 seconds"_s.arg(m_options.transferTimeout.count() / 1000);
    } else if (result.status == 0 ||
               (error != QNetworkReply::NoError && error < QNetworkReply::ContentAccessDenied)) {
        // No HTTP status, or a transport error after the headers (connection reset, body cut short).
        result.kind = result.status >= 200 && result.status < 300 ? Kind::Truncated : Kind::Network;
        result.detail = reply->errorString();
    } else if (result.status >= 200 && result.status < 300) {
        result.md5 = QString::fromLatin1(flight.md5.result().toHex());
        checkCompleteness(reply, attempt, result);
    }
    return result;
}

void ApiClient::checkCompleteness(const QNetworkReply *reply, const Attempt &attempt, AttemptResult &result)
{
    using Kind = AttemptResult::Kind;
    const QVariant announced = reply->header(QNetworkRequest::ContentLengthHeader);
    const qint64 received = attempt.filePath.isEmpty() ? result.body.size() : result.bytes;
    if (announced.isValid() && received != announced.toLongLong()) {
        result.kind = Kind::Truncated;
        result.detail = u"received %1 of %2 bytes"_s.arg(received).arg(announced.toLongLong());
    } else if (attempt.expectedSize >= 0 && received != attempt.expectedSize) {
        result.kind = Kind::Truncated;
        result.detail = u"received %1 bytes, the listing said %2"_s.arg(received).arg(attempt.expectedSize);
    } else if (!attempt.expectedMd5.isEmpty() && result.md5 != attempt.expectedMd5.toLower()) {
        result.kind = Kind::ChecksumMismatch;
        result.detail = u"MD5 %1, the listing said %2"_s.arg(result.md5, attempt.expectedMd5);
    }
}

// One request while it goes through its attempts.
struct ApiClient::Exchange {
    std::shared_ptr<Attempt> attempt;
    int number = 1; // of the attempt under way
    bool refreshedAfter401 = false;
    OutcomeCallback done;
};

void ApiClient::perform(const QByteArray &method, const QUrl &url, const QByteArray &body,
                        const QString &filePath, OutcomeCallback done)
{
    auto exchange = std::make_shared<Exchange>();
    exchange->done = std::move(done);
    if (m_setupError) {
        deliver(exchange, *m_setupError);
        return;
    }
    exchange->attempt = std::make_shared<Attempt>();
    exchange->attempt->method = method;
    exchange->attempt->url = url;
    exchange->attempt->body = body;
    exchange->attempt->filePath = filePath;
    exchange->attempt->authorize = true;
    pace(exchange);
}

// Before every attempt: stop when the budget is spent, else wait as long as the budget asks.
void ApiClient::pace(const std::shared_ptr<Exchange> &exchange)
{
    if (auto stop = budgetStop()) {
        deliver(exchange, *stop);
        return;
    }
    std::chrono::milliseconds wait{0};
    if (m_lastRateLimit) {
        // A wait longer than a person should watch is a stop, with when the budget is back (no single
        // wait is longer than longestBudgetWait, itself below kMaxSingleWait).
        wait = pacingDelay(*m_lastRateLimit, m_options.rateLimitReserve);
        if (wait > m_options.longestBudgetWait) {
            m_budgetResumesAt = m_options.clock().addMSecs(wait.count());
            deliver(exchange, budgetSpentError());
            return;
        }
        if (wait.count() > 0 && m_options.onBudgetWait) {
            m_options.onBudgetWait({wait, *m_lastRateLimit, false});
        }
    }
    after(wait, [this, exchange] { send(exchange); });
}

void ApiClient::send(const std::shared_ptr<Exchange> &exchange)
{
    startAttempt(exchange->attempt, [this, exchange](AttemptResult result) { settle(exchange, result); });
}

// After an attempt: one token refresh after a 401, a retry when it is worth one, else the outcome.
void ApiClient::settle(const std::shared_ptr<Exchange> &exchange, const AttemptResult &result)
{
    using Kind = AttemptResult::Kind;
    const Attempt &attempt = *exchange->attempt;
    if (result.kind == Kind::Http && result.status == 401 && !exchange->refreshedAfter401 && m_tokens) {
        // One fresh token: the cached one may have been signed before a clock correction.
        exchange->refreshedAfter401 = true;
        m_tokens->invalidate();
        pace(exchange);
        return;
    }
    if (const auto delay = retryDelay(result, exchange->number)) {
        if (result.kind == Kind::Http && result.status == 429) {
            if (*delay > m_options.longestBudgetWait) {
                m_budgetResumesAt = m_options.clock().addMSecs(delay->count());
                deliver(exchange, budgetSpentError());
                return;
            }
            if (m_options.onBudgetWait) {
                m_options.onBudgetWait({*delay, m_lastRateLimit.value_or(RateLimit{}), true});
            }
        }
        if (auto refused = refuseLongWait(result, attempt.url)) {
            deliver(exchange, *refused);
            return;
        }
        qCInfo(lcApi).noquote() << "retrying" << attempt.method << loggable(attempt.url) << "after"
                                << delay->count() << "ms:"
                                << (result.kind == Kind::Http ? u"HTTP %1"_s.arg(result.status)
                                                              : result.detail);
        ++exchange->number;
        after(*delay, [this, exchange] { pace(exchange); });
        return;
    }
    deliver(exchange, outcomeOf(result, exchange->number));
}

void ApiClient::deliver(const std::shared_ptr<Exchange> &exchange, Result<HttpOutcome> outcome)
{
    // A file download that did not end in a 2xx leaves no file behind, whatever stopped it.
    if (exchange->attempt && !exchange->attempt->filePath.isEmpty() && (!outcome || !outcome->ok())) {
        QFile::remove(exchange->attempt->filePath);
    }
    later([exchange, outcome = std::move(outcome)]() mutable { exchange->done(std::move(outcome)); });
}

Result<HttpOutcome> ApiClient::outcomeOf(const AttemptResult &result, int attempts) const
{
    using Kind = AttemptResult::Kind;
    switch (result.kind) {
    case Kind::Http:
        return HttpOutcome{result.status, result.body, parseAppleErrors(result.body)};
    case Kind::Cancelled:
        return makeError(u"api.cancelled"_s, u"Cancelled."_s);
    case Kind::Timeout:
        return makeError(
            u"api.timeout"_s,
            u"App Store Connect (%1) stopped answering (%2) after %3 attempts. Check your network "
            u"connection and run the sync again; it resumes where it stopped."_s
                .arg(m_options.baseUrl.host(), result.detail)
                .arg(attempts));
    case Kind::Deadline:
        return makeError(
            u"api.deadline"_s,
            u"App Store Connect (%1) sent its answer too slowly (%2), so ascsync gave up on it "
            u"rather than hold the sync. Check your network connection and run the sync again; it "
            u"resumes where it stopped."_s.arg(m_options.baseUrl.host(), result.detail));
    case Kind::TooLarge:
        return makeError(
            u"api.tooLarge"_s,
            u"App Store Connect (%1) sent a larger answer than ascsync accepts (%2), so it stopped "
            u"reading it. This is not a normal answer: check --api-base-url and try again "
            u"later."_s.arg(m_options.baseUrl.host(), result.detail));
    case Kind::Token:
        return makeError(u"api.token"_s, result.detail);
    case Kind::RedirectRefused:
        return makeError(u"api.redirectRefused"_s, result.detail.left(1).toUpper() + result.detail.mid(1) +
                                                       u". Check --api-base-url."_s);
    case Kind::LocalFile:
        return makeError(u"api.localFile"_s, u"Could not save a download: %1. Free some disk space or check "
                                             u"the temporary folder's permissions."_s.arg(result.detail));
    case Kind::Network:
    case Kind::Truncated:
    case Kind::ChecksumMismatch:
        break;
    }
    return makeError(u"api.network"_s,
                     u"Could not reach App Store Connect at %1 (%2) after %3 attempts. Check your network "
                     u"connection (and --api-base-url / --ca-file if you use a proxy), then run the sync "
                     u"again; it resumes where it stopped."_s.arg(m_options.baseUrl.host(), result.detail)
                         .arg(attempts));
}

void ApiClient::getAsync(const QString &path, const QUrlQuery &query, OutcomeCallback done)
{
    perform("GET", resolve(path, query), {}, {}, std::move(done));
}

void ApiClient::postAsync(const QString &path, const QJsonObject &body, OutcomeCallback done)
{
    perform("POST", resolve(path, {}), QJsonDocument(body).toJson(QJsonDocument::Compact), {},
            std::move(done));
}

void ApiClient::deleteAsync(const QString &path, OutcomeCallback done)
{
    perform("DELETE", resolve(path, {}), {}, {}, std::move(done));
}

void ApiClient::getToFileAsync(const QString &path, const QUrlQuery &query, const QString &filePath,
                               OutcomeCallback done)
{
    perform("GET", resolve(path, query), {}, filePath, std::move(done));
}

Result<HttpOutcome> ApiClient::get(const QString &path, const QUrlQuery &query)
{
    return blockingCall<Result<HttpOutcome>>(
        [&](OutcomeCallback done) { getAsync(path, query, std::move(done)); });
}

Result<HttpOutcome> ApiClient::post(const QString &path, const QJsonObject &body)
{
    return blockingCall<Result<HttpOutcome>>(
        [&](OutcomeCallback done) { postAsync(path, body, std::move(done)); });
}

Result<HttpOutcome> ApiClient::deleteResource(const QString &path)
{
    return blockingCall<Result<HttpOutcome>>(
        [&](OutcomeCallback done) { deleteAsync(path, std::move(done)); });
}

Result<HttpOutcome> ApiClient::getToFile(const QString &path, const QUrlQuery &query, const QString &filePath)
{
    return blockingCall<Result<HttpOutcome>>(
        [&](OutcomeCallback done) { getToFileAsync(path, query, filePath, std::move(done)); });
}

Result<PagedData> ApiClient::getAll(const QString &path, const QUrlQuery &query, const QString &what)
{
    return blockingCall<Result<PagedData>>(
        [&](PagesCallback done) { getAllAsync(path, query, what, std::move(done)); });
}

void ApiClient::downloadAll(const QList<DownloadRequest> &requests, int concurrency,
                            const DownloadCallback &done)
{
    blockingCall<bool>([&](const std::function<void(bool)> &ended) {
        downloadAllAsync(requests, concurrency, done, [ended] { ended(true); });
    });
}

// A listing while its pages come in.
struct ApiClient::Listing {
    PagedData all;
    QUrl next;
    QSet<QUrl> seen;
    QString what;
    PagesCallback done;
};

void ApiClient::getAllAsync(const QString &path, const QUrlQuery &query, const QString &what,
                            PagesCallback done)
{
    auto listing = std::make_shared<Listing>();
    listing->next = resolve(path, query);
    listing->what = what;
    listing->done = std::move(done);
    requestPage(listing);
}

void ApiClient::requestPage(const std::shared_ptr<Listing> &listing)
{
    const QUrl next = listing->next;
    if (listing->seen.size() >= m_options.maxPages) {
        finishListing(listing, makeError(u"api.tooManyPages"_s,
                                         u"App Store Connect kept sending further pages while %1 (more than "
                                         u"%2); ascsync stops there instead of reading forever. Try again "
                                         u"later; if it persists, check --api-base-url."_s.arg(listing->what)
                                             .arg(m_options.maxPages)));
        return;
    }
    if (listing->seen.contains(next)) {
        finishListing(listing, makeError(u"api.pagingLoop"_s,
                                         u"App Store Connect sent the same page twice while %1; stopping "
                                         u"instead of looping. Try again later."_s.arg(listing->what)));
        return;
    }
    listing->seen.insert(next);
    if (!isApiOrigin(next)) {
        finishListing(listing,
                      makeError(u"api.redirectRefused"_s,
                                u"A page link while %1 points to another host (%2); ascsync "
                                u"does not send the API token there."_s.arg(listing->what, loggable(next))));
        return;
    }
    perform("GET", next, {}, {},
            [this, listing](Result<HttpOutcome> outcome) { takePage(listing, outcome); });
}

void ApiClient::takePage(const std::shared_ptr<Listing> &listing, const Result<HttpOutcome> &outcome)
{
    if (!outcome) {
        finishListing(listing, outcome.error());
        return;
    }
    if (!outcome->ok()) {
        finishListing(listing,
                      makeError(u"api.http%1"_s.arg(outcome->status),
                                describeHttpFailure(outcome->status, outcome->errors, listing->what)));
        return;
    }
    auto page = parsePageDocument(outcome->body, listing->what);
    if (!page) {
        finishListing(listing, page.error());
        return;
    }
    for (const QJsonValue &item : std::as_const(page->data)) {
        listing->all.data.append(item);
    }
    for (const QJsonValue &item : std::as_const(page->included)) {
        listing->all.included.append(item);
    }
    listing->next = QUrl(page->next);
    if (!listing->next.isValid() || listing->next.isEmpty()) {
        finishListing(listing, std::move(listing->all));
        return;
    }
    requestPage(listing);
}

void ApiClient::finishListing(const std::shared_ptr<Listing> &listing, Result<PagedData> result)
{
    later([listing, result = std::move(result)]() mutable { listing->done(std::move(result)); });
}

Result<PageDocument> parsePageDocument(const QByteArray &body, const QString &what)
{
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        return makeError(u"api.badResponse"_s,
                         u"App Store Connect sent an unreadable answer while %1 (%2). Try "
                         u"again later."_s.arg(what, parseError.errorString()));
    }
    const QJsonObject object = document.object();
    return PageDocument{object.value(u"data"_s).toArray(), object.value(u"included"_s).toArray(),
                        object.value(u"links"_s).toObject().value(u"next"_s).toString()};
}

std::shared_ptr<ApiClient::Attempt> ApiClient::segmentAttempt(const DownloadRequest &request)
{
    auto attempt = std::make_shared<Attempt>();
    attempt->method = "GET";
    attempt->url = request.url;
    attempt->filePath = request.filePath;
    attempt->expectedSize = request.expectedSize;
    attempt->expectedMd5 = request.expectedMd5;
    attempt->authorize = false; // pre-signed: the URL is the credential, the JWT must not travel
    return attempt;
}

// A segment download that failed for good (retries spent or not worth it), in words that say what happens
// next.
Error ApiClient::segmentFailure(const AttemptResult &result)
{
    using Kind = AttemptResult::Kind;
    switch (result.kind) {
    case Kind::Http:
        if (result.status == 403) {
            return makeError(
                u"api.segmentExpired"_s,
                u"The download link of a report segment was refused (HTTP 403): pre-signed links "
                u"expire quickly. The next sync lists it again."_s);
        }
        return makeError(u"api.http%1"_s.arg(result.status),
                         describeHttpFailure(result.status, {}, u"downloading a report segment"_s));
    case Kind::Truncated:
        return makeError(u"api.truncated"_s,
                         u"A report segment arrived incomplete twice (%1); this instance is "
                         u"skipped and retried on the next sync."_s.arg(result.detail));
    case Kind::ChecksumMismatch:
        return makeError(u"api.checksum"_s,
                         u"A report segment failed its checksum twice (%1); this instance is "
                         u"skipped and retried on the next sync."_s.arg(result.detail));
    case Kind::Cancelled:
        return makeError(u"api.cancelled"_s, u"Cancelled."_s);
    case Kind::TooLarge:
        return makeError(
            u"api.tooLarge"_s,
            u"A report segment was larger than its listing announced (%1), so the download was "
            u"stopped; this instance is skipped and retried on the next sync."_s.arg(result.detail));
    case Kind::Deadline:
        return makeError(u"api.deadline"_s,
                         u"A report segment arrived too slowly (%1), so the download was "
                         u"stopped; this instance is retried on the next sync."_s.arg(result.detail));
    default:
        return makeError(u"api.network"_s,
                         u"A report segment could not be downloaded (%1). Run the sync again; "
                         u"it resumes where it stopped."_s.arg(result.detail));
    }
}

// Segment downloads while they run, `concurrency` at a time.
struct ApiClient::DownloadBatch {
    QList<DownloadRequest> requests;
    qsizetype next = 0;      // the first request not started yet
    qsizetype remaining = 0; // not finished yet
    DownloadCallback done;
    std::function<void()> finished;
};

void ApiClient::downloadAllAsync(const QList<DownloadRequest> &requests, int concurrency,
                                 DownloadCallback done, std::function<void()> finished)
{
    auto batch = std::make_shared<DownloadBatch>();
    batch->requests = requests;
    batch->remaining = requests.size();
    batch->done = std::move(done);
    batch->finished = std::move(finished);
    later([this, batch, concurrency] {
        if (batch->remaining == 0) {
            batch->finished();
            return;
        }
        if (m_setupError) {
            for (qsizetype index = 0; index < batch->requests.size(); ++index) {
                batch->done(index, *m_setupError);
            }
            batch->finished();
            return;
        }
        const qsizetype initial = std::min<qsizetype>(std::max(concurrency, 1), batch->requests.size());
        while (batch->next < initial) {
            startDownload(batch, batch->next++, 1);
        }
    });
}

void ApiClient::startDownload(const std::shared_ptr<DownloadBatch> &batch, qsizetype index, int number)
{
    startAttempt(segmentAttempt(batch->requests[index]), [this, batch, index, number](AttemptResult result) {
        settleDownload(batch, index, number, result);
    });
}

void ApiClient::settleDownload(const std::shared_ptr<DownloadBatch> &batch, qsizetype index, int number,
                               const AttemptResult &result)
{
    using Kind = AttemptResult::Kind;
    const DownloadRequest &request = batch->requests[index];
    if (result.kind == Kind::Http && result.status >= 200 && result.status < 300) {
        completeDownload(batch, index, DownloadResult{result.bytes, result.md5});
        return;
    }
    if (const auto delay = retryDelay(result, number)) {
        if (auto refused = refuseLongWait(result, request.url)) {
            completeDownload(batch, index, *refused);
            return;
        }
        after(*delay, [this, batch, index, number] { startDownload(batch, index, number + 1); });
        return;
    }
    completeDownload(batch, index, segmentFailure(result));
}

void ApiClient::completeDownload(const std::shared_ptr<DownloadBatch> &batch, qsizetype index,
                                 Result<DownloadResult> result)
{
    if (!result) {
        QFile::remove(batch->requests[index].filePath); // as deliver(): a failed download leaves no file
    }
    const QPointer<ClientContext> alive(m_context.get());
    batch->done(index, std::move(result));
    if (!alive) {
        return; // the callback destroyed the client, and its batch with it
    }
    if (--batch->remaining == 0) {
        batch->finished();
    } else if (batch->next < batch->requests.size()) {
        startDownload(batch, batch->next++, 1);
    }
}

} // namespace ascsync::api
