#include "sandboxharness.h"

#include "ascsync/testpaths.h"

#include <QCryptographicHash>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QTimeZone>
#include <QTimer>
#include <QUuid>

#include <zlib.h>

using namespace Qt::StringLiterals;

namespace ascsync::sandbox::test {

namespace {

QString specPath()
{
    const QByteArray shared = qgetenv("ASCSYNC_SHARED_DIR");
    const QString sharedDir =
        shared.isEmpty() ? QStringLiteral(ASCSYNC_SOURCE_DIR "/../shared") : QString::fromLocal8Bit(shared);
    return sharedDir + u"/reference/app-store-connect-openapi.json"_s;
}

// Statuses Apple sends although its OpenAPI document does not declare them for the operation
// (404/410 of sales reports, 405, a 500, 404 for an unknown app in a POST): still ErrorResponse documents.
bool undeclaredButObserved(int status)
{
    return status == 404 || status == 405 || status == 410 || status == 500;
}

} // namespace

QByteArray HttpResult::header(QByteArrayView name) const
{
    return headerValue(headers, name);
}

QJsonObject HttpResult::json() const
{
    return QJsonDocument::fromJson(body).object();
}

QString HttpResult::errorCode() const
{
    return json().value(u"errors"_s).toArray().at(0).toObject().value(u"code"_s).toString();
}

QString HttpResult::errorDetail() const
{
    return json().value(u"errors"_s).toArray().at(0).toObject().value(u"detail"_s).toString();
}

SandboxOptions SandboxHarness::defaultOptions()
{
    SandboxOptions options;
    options.seed = 7;
    options.apps = 3;
    options.historyStart = QDate(2025, 1, 1);
    options.today = QDate(2025, 3, 14);
    options.reportDelaySeconds = 60;
    options.urlTtlSeconds = 300;
    options.slowMs = 50;
    options.urlSecret = QByteArrayLiteral("a fixed secret so that URLs compare across runs");
    return options;
}

QDateTime SandboxHarness::defaultStartTime()
{
    return QDateTime(QDate(2025, 3, 14), QTime(12, 0), QTimeZone::utc());
}

SandboxHarness::SandboxHarness(SandboxOptions options)
    : m_options(std::move(options))
    , m_now(defaultStartTime())
{
    if (m_options.stateDir.isEmpty())
        m_options.stateDir = m_scratch.path() + u"/state"_s;
    m_network.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

SandboxHarness::~SandboxHarness() = default;

TrustedTestKey SandboxHarness::addTrustedKey(const QStringList &roles, bool individual)
{
    TrustedTestKey key;
    key.minter = TokenMinter::generate();
    key.keyId = u"T%1"_s.arg(qlonglong(m_trustedKeys.size()), 9, 10, QLatin1Char('0'));
    key.issuerId = individual ? QString() : QUuid::createUuid().toString(QUuid::WithoutBraces);
    QJsonObject entry{{u"keyId"_s, key.keyId},
                      {u"publicKeyPem"_s, QString::fromLatin1(key.minter.publicKeyPem())}};
    // Both spellings of the --keys file: "role" for one role, "roles" for several.
    if (roles.size() == 1)
        entry.insert(u"role"_s, roles.constFirst());
    else
        entry.insert(u"roles"_s, QJsonArray::fromStringList(roles));
    if (!individual)
        entry.insert(u"issuerId"_s, key.issuerId);
    m_trustedKeys.append(entry);
    return key;
}

bool SandboxHarness::start(QString *error)
{
    if (!m_trustedKeys.isEmpty()) {
        m_options.keysFile = m_scratch.path() + u"/keys.json"_s;
        QFile file(m_options.keysFile);
        if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(m_trustedKeys).toJson()) < 0) {
            *error = file.errorString();
            return false;
        }
    }
    m_server = std::make_unique<SandboxServer>(m_options, [this] { return m_now; });
    return m_server->start(error);
}

TokenMinter SandboxHarness::adminMinter() const
{
    return TokenMinter::fromP8File(m_server->credentials().adminKeyFile());
}

TokenMinter SandboxHarness::readerMinter() const
{
    return TokenMinter::fromP8File(m_server->credentials().readerKeyFile());
}

QByteArray SandboxHarness::adminToken(const QStringList &scope) const
{
    const RegisteredKey &admin = m_server->credentials().admin();
    return adminMinter().sign(TokenMinter::header(admin.keyId),
                              TokenMinter::teamPayload(admin.issuerId, m_now, 1200, scope));
}

QByteArray SandboxHarness::readerToken() const
{
    const RegisteredKey &reader = m_server->credentials().reader();
    return readerMinter().sign(TokenMinter::header(reader.keyId),
                               TokenMinter::teamPayload(reader.issuerId, m_now));
}

QByteArray SandboxHarness::tokenFor(const TrustedTestKey &key) const
{
    return key.minter.sign(TokenMinter::header(key.keyId),
                           key.issuerId.isEmpty() ? TokenMinter::individualPayload(m_now)
                                                  : TokenMinter::teamPayload(key.issuerId, m_now));
}

HttpResult SandboxHarness::get(const QString &pathAndQuery, const QByteArray &token)
{
    return send("GET", pathAndQuery, token);
}

HttpResult SandboxHarness::send(const QByteArray &method, const QString &pathAndQuery,
                                const QByteArray &token, const QByteArray &body)
{
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!token.isNull())
        headers.append({QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ") + token});
    if (!body.isEmpty())
        headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    return fetch(QUrl(m_server->apiOrigin() + pathAndQuery), method, headers, body);
}

HttpResult SandboxHarness::fetch(const QUrl &url, const QByteArray &method,
                                 const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &body)
{
    QNetworkRequest request(url);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);

    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    // A guard against a hung test, not a timing assertion.
    QTimer::singleShot(60000, &loop, [&loop, reply] {
        reply->abort();
        loop.quit();
    });
    if (!reply->isFinished())
        loop.exec();

    HttpResult result;
    result.error = reply->error();
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.headers = reply->rawHeaderPairs();
    reply->deleteLater();

    if (url.port() == QUrl(m_server->apiOrigin()).port()) {
        const QStringList problems = checkApiAnswer(method, url.path(), result);
        for (const QString &problem : problems)
            m_problems.append(u"%1 %2 -> %3: %4"_s.arg(QString::fromLatin1(method), url.toString())
                                  .arg(result.status)
                                  .arg(problem));
    }
    return result;
}

QStringList SandboxHarness::takeProblems()
{
    return std::exchange(m_problems, {});
}

const testsupport::OpenApiValidator &SandboxHarness::validator()
{
    static const testsupport::OpenApiValidator instance(specPath());
    return instance;
}

QStringList SandboxHarness::checkApiAnswer(const QByteArray &method, const QString &path,
                                           const HttpResult &result)
{
    if (result.status == 0)
        return {}; // no answer (reset, truncated): nothing to validate
    QStringList problems;
    static const QRegularExpression rateLimit(u"^user-hour-lim:\\d+;user-hour-rem:\\d+;$"_s);
    if (!rateLimit.match(QString::fromLatin1(result.header("X-Rate-Limit"))).hasMatch())
        problems.append(u"no well-formed X-Rate-Limit header"_s);

    const testsupport::OpenApiValidator &spec = validator();
    if (!spec.isLoaded())
        return problems << u"OpenAPI document not loaded: "_s + spec.loadError();
    const QString methodName = QString::fromLatin1(method);
    const QString pathTemplate = spec.matchPathTemplate(methodName, path);
    const QByteArray contentType = result.header("Content-Type");
    const QString errorSchema = u"#/components/schemas/ErrorResponse"_s;

    if (contentType == "application/json") {
        QJsonParseError parseError{};
        const QJsonDocument document = QJsonDocument::fromJson(result.body, &parseError);
        if (parseError.error != QJsonParseError::NoError)
            return problems << u"body is not JSON: "_s + parseError.errorString();
        QStringList errors = pathTemplate.isEmpty()
                                 ? spec.validate(document.object(), errorSchema)
                                 : spec.validateResponse(methodName, pathTemplate, result.status, document);
        if (!errors.isEmpty() && !pathTemplate.isEmpty() && undeclaredButObserved(result.status))
            errors = spec.validate(document.object(), errorSchema);
        if (pathTemplate.isEmpty() && result.status < 400)
            errors.append(u"success on a path the OpenAPI document does not declare"_s);
        problems.append(errors);
        if (result.status >= 400) {
            const QJsonArray entries = document.object().value(u"errors"_s).toArray();
            if (entries.isEmpty())
                problems.append(u"error answer without errors[]"_s);
            for (const QJsonValue &entry : entries) {
                if (entry[u"status"_s].toString() != QString::number(result.status))
                    problems.append(u"errors[].status does not repeat the HTTP status as a string"_s);
                if (entry[u"detail"_s].toString().isEmpty())
                    problems.append(u"errors[] entry without detail"_s);
            }
        }
    } else if (result.status == 204 || (result.status == 200 && contentType == "application/a-gzip")) {
        problems.append(spec.validateResponse(methodName, pathTemplate, result.status, QJsonDocument()));
    } else {
        problems.append(u"unexpected Content-Type \"%1\""_s.arg(QString::fromLatin1(contentType)));
    }
    return problems;
}

QByteArray gunzip(const QByteArray &gzip)
{
    z_stream stream{};
    if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK)
        return {};
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(gzip.constData()));
    stream.avail_in = uInt(gzip.size());
    QByteArray output;
    char buffer[65536];
    int status = Z_OK;
    while (status == Z_OK) {
        stream.next_out = reinterpret_cast<Bytef *>(buffer);
        stream.avail_out = sizeof buffer;
        status = inflate(&stream, Z_NO_FLUSH);
        output.append(buffer, qsizetype(sizeof buffer - stream.avail_out));
    }
    inflateEnd(&stream);
    return status == Z_STREAM_END ? output : QByteArray();
}

QByteArray md5Hex(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Md5).toHex();
}

} // namespace ascsync::sandbox::test
