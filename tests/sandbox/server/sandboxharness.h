#pragma once

#include "tokenminter.h"

#include "sandbox/server/httpexchange.h"
#include "sandbox/server/sandboxoptions.h"
#include "sandbox/server/sandboxserver.h"
#include "tests/support/openapivalidator.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace ascsync::sandbox::test {

// One HTTP exchange as the client saw it.
struct HttpResult {
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    int status = 0; // 0 when no response arrived
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;

    QByteArray header(QByteArrayView name) const;
    QJsonObject json() const;
    QJsonArray data() const { return json().value(QLatin1StringView("data")).toArray(); }
    // errors[0].code / .detail of an error document
    QString errorCode() const;
    QString errorDetail() const;
};

// A key registered through --keys, with the minter that signs its tokens.
struct TrustedTestKey {
    QString keyId;
    QString issuerId; // empty: an individual key
    TokenMinter minter;
};

// Runs a real SandboxServer in-process on loopback ports with a clock the test steps, and talks to it over
// HTTP with QNetworkAccessManager. Every JSON document the API sends is validated against Apple's OpenAPI
// document and every API response must carry a well-formed X-Rate-Limit header; problems are collected for
// takeProblems(), which the suites check after each test function.
class SandboxHarness {
public:
    static SandboxOptions defaultOptions();
    static QDateTime defaultStartTime();

    explicit SandboxHarness(SandboxOptions options = defaultOptions());
    ~SandboxHarness();

    // Registers a further key (written to the --keys file); call before start().
    TrustedTestKey addTrustedKey(const QStringList &roles, bool individual = false);
    bool start(QString *error);

    SandboxServer &server() { return *m_server; }
    const SandboxOptions &options() const { return m_options; }
    QString stateDir() const { return m_options.stateDir; }
    QDateTime now() const { return m_now; }
    void advance(qint64 seconds) { m_now = m_now.addSecs(seconds); }

    TokenMinter adminMinter() const;
    TokenMinter readerMinter() const;
    QByteArray adminToken(const QStringList &scope = {}) const;
    QByteArray readerToken() const;
    QByteArray tokenFor(const TrustedTestKey &key) const;

    // API requests: `pathAndQuery` is appended to the API origin.
    HttpResult get(const QString &pathAndQuery, const QByteArray &token);
    HttpResult get(const QString &pathAndQuery) { return get(pathAndQuery, adminToken()); }
    HttpResult send(const QByteArray &method, const QString &pathAndQuery, const QByteArray &token,
                    const QByteArray &body = {});
    // Any absolute URL (links.next, a segment URL); API-origin answers are validated like the others.
    HttpResult fetch(const QUrl &url, const QByteArray &method = "GET",
                     const QList<QPair<QByteArray, QByteArray>> &headers = {}, const QByteArray &body = {});

    QStringList takeProblems();

    static const testsupport::OpenApiValidator &validator();
    // Problems of one API answer: schema violations, a missing X-Rate-Limit, a malformed errors[] entry.
    static QStringList checkApiAnswer(const QByteArray &method, const QString &path,
                                      const HttpResult &result);

private:
    SandboxOptions m_options;
    QDateTime m_now;
    QTemporaryDir m_scratch;
    QJsonArray m_trustedKeys;
    std::unique_ptr<SandboxServer> m_server;
    QNetworkAccessManager m_network;
    QStringList m_problems;
};

// The body of a gzip file, inflated (empty on error).
QByteArray gunzip(const QByteArray &gzip);
QByteArray md5Hex(const QByteArray &bytes);

} // namespace ascsync::sandbox::test
