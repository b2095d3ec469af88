// The simulator's gatekeeping: every way a JWT can be wrong, roles, scopes, the rate limit.

#include "sandboxharness.h"

#include "sandbox/server/jwtverifier.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ascsync::sandbox;
using namespace ascsync::sandbox::test;

class TestSandboxAuth : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void validTokenIsAccepted();
    void rejectedTokens_data();
    void rejectedTokens();
    void lifetimeAndSkewBoundaries();
    void tokenWithoutIatIsAcceptedAsApple();
    void individualKey();
    void roles_data();
    void roles();
    void scope_data();
    void scope();
    void rateLimitHeaderCountsDown();
    void rateLimitRefusesPastBudgetAndRecovers();
    void brokenKeysFileFailsStart();
    void harnessFlagsNonConformingAnswers();

private:
    QByteArray adminSigned(const QJsonObject &header, const QJsonObject &payload,
                           TokenMinter::SignatureFormat format = TokenMinter::SignatureFormat::RawRS) const;
    QJsonObject adminHeader() const
    {
        return TokenMinter::header(m_harness->server().credentials().admin().keyId);
    }
    QJsonObject adminPayload(qint64 lifetime = 1200) const
    {
        return TokenMinter::teamPayload(m_harness->server().credentials().admin().issuerId, m_harness->now(),
                                        lifetime);
    }

    std::unique_ptr<SandboxHarness> m_harness;
    TrustedTestKey m_salesKey;
    TrustedTestKey m_developerKey;
    TrustedTestKey m_individualKey;
    TrustedTestKey m_financeKey;
    TrustedTestKey m_salesAndFinanceKey;
};

void TestSandboxAuth::initTestCase()
{
    m_harness = std::make_unique<SandboxHarness>();
    m_salesKey = m_harness->addTrustedKey({u"SALES"_s});
    m_developerKey = m_harness->addTrustedKey({u"DEVELOPER"_s});
    m_individualKey = m_harness->addTrustedKey({u"ADMIN"_s}, true);
    m_financeKey = m_harness->addTrustedKey({u"FINANCE"_s});
    m_salesAndFinanceKey = m_harness->addTrustedKey({u"SALES"_s, u"FINANCE"_s});
    QString error;
    QVERIFY2(m_harness->start(&error), qPrintable(error));
}

void TestSandboxAuth::cleanup()
{
    const QStringList problems = m_harness->takeProblems();
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

QByteArray TestSandboxAuth::adminSigned(const QJsonObject &header, const QJsonObject &payload,
                                        TokenMinter::SignatureFormat format) const
{
    return m_harness->adminMinter().sign(header, payload, format);
}

void TestSandboxAuth::validTokenIsAccepted()
{
    const HttpResult result = m_harness->get(u"/v1/apps"_s);
    QCOMPARE(result.status, 200);
    QCOMPARE(result.data().size(), 3);
}

void TestSandboxAuth::rejectedTokens_data()
{
    QTest::addColumn<QByteArray>("authorization");

    // Built lazily in the test: the keys exist only after initTestCase(). Rows name the defect.
    for (const char *row : {"missing header",
                            "basic scheme",
                            "two parts",
                            "not base64url",
                            "header not json",
                            "padded base64",
                            "alg HS256",
                            "alg none",
                            "no kid",
                            "typ JWS",
                            "DER signature",
                            "other key's signature",
                            "tampered payload",
                            "expired",
                            "lifetime over 20 minutes",
                            "exp before iat",
                            "iat in the future",
                            "wrong aud",
                            "no aud",
                            "unknown kid",
                            "iss mismatch",
                            "no iss",
                            "no iat, exp over 20 minutes away",
                            "no iat, expired",
                            "iat not a number",
                            "no exp",
                            "empty signature",
                            "iat beyond 64 bits",
                            "exp beyond 64 bits"})
        QTest::newRow(row) << QByteArray(row);
}

void TestSandboxAuth::rejectedTokens()
{
    QFETCH(QByteArray, authorization);
    const QByteArray defect = authorization;
    const QDateTime now = m_harness->now();
    const qint64 nowSeconds = now.toSecsSinceEpoch();
    QJsonObject header = adminHeader();
    QJsonObject payload = adminPayload();
    const auto bearer = [](const QByteArray &token) -> QByteArray {
        return QByteArrayLiteral("Bearer ") + token;
    };
    QByteArray value;

    if (defect == "missing header") {
        value = QByteArray();
    } else if (defect == "basic scheme") {
        value = QByteArrayLiteral("Basic ") + QByteArrayLiteral("dXNlcjpwYXNz");
    } else if (defect == "two parts") {
        const QByteArray token = adminSigned(header, payload);
        value = bearer(token.left(token.lastIndexOf('.')));
    } else if (defect == "not base64url") {
        value = bearer(QByteArrayLiteral("a$b.c$d.e$f"));
    } else if (defect == "header not json") {
        const QByteArray token = adminSigned(header, payload);
        value = bearer(base64Url("not json") + token.mid(token.indexOf('.')));
    } else if (defect == "padded base64") {
        const QByteArray token = adminSigned(header, payload);
        value = bearer(token.left(token.indexOf('.')) + "==" + token.mid(token.indexOf('.')));
    } else if (defect == "alg HS256") {
        header[u"alg"_s] = u"HS256"_s;
        value = bearer(adminSigned(header, payload));
    } else if (defect == "alg none") {
        header[u"alg"_s] = u"none"_s;
        value = bearer(adminSigned(header, payload));
    } else if (defect == "no kid") {
        header.remove(u"kid"_s);
        value = bearer(adminSigned(header, payload));
    } else if (defect == "typ JWS") {
        header[u"typ"_s] = u"JWS"_s;
        value = bearer(adminSigned(header, payload));
    } else if (defect == "DER signature") {
        value = bearer(adminSigned(header, payload, TokenMinter::SignatureFormat::Der));
    } else if (defect == "other key's signature") {
        value = bearer(TokenMinter::generate().sign(header, payload));
    } else if (defect == "tampered payload") {
        const QByteArray token = adminSigned(header, payload);
        QJsonObject other = payload;
        other[u"exp"_s] = nowSeconds + 600;
        const QList<QByteArray> parts = token.split('.');
        value = bearer(parts.at(0) + '.' + base64Url(QJsonDocument(other).toJson(QJsonDocument::Compact)) +
                       '.' + parts.at(2));
    } else if (defect == "expired") {
        payload[u"iat"_s] = nowSeconds - 1300;
        payload[u"exp"_s] = nowSeconds - 100;
        value = bearer(adminSigned(header, payload));
    } else if (defect == "lifetime over 20 minutes") {
        payload[u"exp"_s] = nowSeconds + 1201;
        value = bearer(adminSigned(header, payload));
    } else if (defect == "exp before iat") {
        payload[u"iat"_s] = nowSeconds + 30;
        payload[u"exp"_s] = nowSeconds + 10;
        value = bearer(adminSigned(header, payload));
    } else if (defect == "iat in the future") {
        payload[u"iat"_s] = nowSeconds + 300;
        payload[u"exp"_s] = nowSeconds + 900;
        value = bearer(adminSigned(header, payload));
    } else if (defect == "iat beyond 64 bits") {
        // Found by fuzz_jwtverifier (issue 17): qint64(-1e19) is undefined; on x86 it became INT64_MIN, the
        // lifetime exp - iat overflowed to a negative number and the token was accepted.
        payload[u"iat"_s] = -1e19;
        value = bearer(adminSigned(header, payload));
    } else if (defect == "exp beyond 64 bits") {
        payload[u"exp"_s] = 1.73173e19;
        value = bearer(adminSigned(header, payload));
    } else if (defect == "wrong aud") {
        payload[u"aud"_s] = u"appstoreconnect-v2"_s;
        value = bearer(adminSigned(header, payload));
    } else if (defect == "no aud") {
        payload.remove(u"aud"_s);
        value = bearer(adminSigned(header, payload));
    } else if (defect == "unknown kid") {
        header[u"kid"_s] = u"ZZZZZZZZZZ"_s;
        value = bearer(adminSigned(header, payload));
    } else if (defect == "iss mismatch") {
        payload[u"iss"_s] = u"57246542-96fe-1a63-e053-0824d011072a"_s;
        value = bearer(adminSigned(header, payload));
    } else if (defect == "no iss") {
        payload.remove(u"iss"_s);
        value = bearer(adminSigned(header, payload));
    } else if (defect == "no iat, exp over 20 minutes away") {
        // Without iat the 20-minute rule applies to exp against the server's clock (beyond the skew).
        payload.remove(u"iat"_s);
        payload[u"exp"_s] = nowSeconds + 1300;
        value = bearer(adminSigned(header, payload));
    } else if (defect == "no iat, expired") {
        payload.remove(u"iat"_s);
        payload[u"exp"_s] = nowSeconds - 1;
        value = bearer(adminSigned(header, payload));
    } else if (defect == "iat not a number") {
        payload[u"iat"_s] = QString::number(nowSeconds);
        value = bearer(adminSigned(header, payload));
    } else if (defect == "no exp") {
        payload.remove(u"exp"_s);
        value = bearer(adminSigned(header, payload));
    } else if (defect == "empty signature") {
        const QByteArray token = adminSigned(header, payload);
        value = bearer(token.left(token.lastIndexOf('.') + 1));
    } else {
        QFAIL("unknown row");
    }

    QList<QPair<QByteArray, QByteArray>> headers;
    if (!value.isNull())
        headers.append({QByteArrayLiteral("Authorization"), value});
    const HttpResult result =
        m_harness->fetch(QUrl(m_harness->server().apiOrigin() + u"/v1/apps"_s), "GET", headers);
    QCOMPARE(result.status, 401);
    QCOMPARE(result.errorCode(), u"NOT_AUTHORIZED"_s);
    QCOMPARE(result.json().value(u"errors"_s).toArray().at(0).toObject().value(u"title"_s).toString(),
             u"Authentication credentials are missing or invalid."_s);
    QVERIFY(result.data().isEmpty());
}

void TestSandboxAuth::lifetimeAndSkewBoundaries()
{
    const qint64 now = m_harness->now().toSecsSinceEpoch();
    QJsonObject payload = adminPayload();
    payload[u"exp"_s] = now + 1200; // exactly 20 minutes: allowed
    QCOMPARE(m_harness->get(u"/v1/apps"_s, adminSigned(adminHeader(), payload)).status, 200);

    payload[u"iat"_s] = now + 30; // a client clock slightly ahead: tolerated
    payload[u"exp"_s] = now + 600;
    QCOMPARE(m_harness->get(u"/v1/apps"_s, adminSigned(adminHeader(), payload)).status, 200);

    QJsonObject header = adminHeader();
    header.remove(u"typ"_s); // typ is optional
    QCOMPARE(m_harness->get(u"/v1/apps"_s, adminSigned(header, adminPayload())).status, 200);

    // The same token stops working once its exp passes on the server's clock.
    const QByteArray token = adminSigned(adminHeader(), adminPayload(300));
    QCOMPARE(m_harness->get(u"/v1/apps"_s, token).status, 200);
    m_harness->advance(301);
    QCOMPARE(m_harness->get(u"/v1/apps"_s, token).status, 401);
}

void TestSandboxAuth::tokenWithoutIatIsAcceptedAsApple()
{
    // Apple accepts tokens without iat (a widely used client never sets it, API-NOTES §1): then exp may lie
    // at most 20 minutes after the server's clock.
    const qint64 now = m_harness->now().toSecsSinceEpoch();
    QJsonObject payload = adminPayload();
    payload.remove(u"iat"_s);
    payload[u"exp"_s] = now + 1200;
    const QByteArray token = adminSigned(adminHeader(), payload);
    QCOMPARE(m_harness->get(u"/v1/apps"_s, token).status, 200);
    payload[u"exp"_s] = now + 1200 + JwtVerifier::kClockSkewSeconds + 1;
    QCOMPARE(m_harness->get(u"/v1/apps"_s, adminSigned(adminHeader(), payload)).status, 401);
    // It expires like any other token.
    m_harness->advance(1201);
    QCOMPARE(m_harness->get(u"/v1/apps"_s, token).status, 401);
}

void TestSandboxAuth::individualKey()
{
    const QByteArray token = m_harness->tokenFor(m_individualKey);
    QCOMPARE(m_harness->get(u"/v1/apps"_s, token).status, 200);

    // An individual key's token must not carry an issuer.
    QJsonObject payload = TokenMinter::individualPayload(m_harness->now());
    payload.insert(u"iss"_s, u"57246542-96fe-1a63-e053-0824d011072a"_s);
    const HttpResult withIssuer = m_harness->get(
        u"/v1/apps"_s, m_individualKey.minter.sign(TokenMinter::header(m_individualKey.keyId), payload));
    QCOMPARE(withIssuer.status, 401);

    // Individual keys cannot use Sales and Finance endpoints, whatever their role.
    const QString vendor = m_harness->server().world().vendorNumber();
    const HttpResult sales = m_harness->get(
        u"/v1/salesReports?filter[vendorNumber]=%1&filter[reportType]=SALES&filter[reportSubType]=SUMMARY"
        "&filter[frequency]=DAILY&filter[reportDate]=2025-03-10"_s.arg(vendor),
        token);
    QCOMPARE(sales.status, 403);
    QCOMPARE(sales.errorCode(), u"FORBIDDEN_ERROR"_s);
    const HttpResult finance = m_harness->get(
        u"/v1/financeReports?filter[vendorNumber]=%1&filter[reportType]=FINANCIAL&filter[regionCode]=ZZ"
        "&filter[reportDate]=2025-01"_s.arg(vendor),
        token);
    QCOMPARE(finance.status, 403);
}

void TestSandboxAuth::roles_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("allowed");

    const QString vendor = u"{vendor}"_s;
    const QString sales =
        u"/v1/salesReports?filter[vendorNumber]={vendor}&filter[reportType]=SALES"
        "&filter[reportSubType]=SUMMARY&filter[frequency]=DAILY&filter[reportDate]=2025-03-10"_s;
    const QString finance = u"/v1/financeReports?filter[vendorNumber]={vendor}&filter[reportType]=FINANCIAL"
                            "&filter[regionCode]=ZZ&filter[reportDate]=2025-01"_s;
    const QString requests = u"/v1/apps/{app}/analyticsReportRequests"_s;

    QTest::newRow("reader POST request")
        << u"reader"_s << QByteArray("POST") << u"/v1/analyticsReportRequests"_s << false;
    QTest::newRow("reader DELETE request")
        << u"reader"_s << QByteArray("DELETE") << u"/v1/analyticsReportRequests/{request}"_s << false;
    QTest::newRow("sales POST request")
        << u"sales"_s << QByteArray("POST") << u"/v1/analyticsReportRequests"_s << false;
    QTest::newRow("reader reads analytics") << u"reader"_s << QByteArray("GET") << requests << true;
    QTest::newRow("sales reads analytics") << u"sales"_s << QByteArray("GET") << requests << true;
    QTest::newRow("finance reads analytics") << u"finance"_s << QByteArray("GET") << requests << true;
    QTest::newRow("developer reads analytics") << u"developer"_s << QByteArray("GET") << requests << false;
    QTest::newRow("developer lists apps") << u"developer"_s << QByteArray("GET") << u"/v1/apps"_s << true;
    QTest::newRow("sales calls sales") << u"sales"_s << QByteArray("GET") << sales << true;
    QTest::newRow("sales calls finance") << u"sales"_s << QByteArray("GET") << finance << false;
    QTest::newRow("finance calls finance") << u"finance"_s << QByteArray("GET") << finance << true;
    QTest::newRow("finance calls sales") << u"finance"_s << QByteArray("GET") << sales << true;
    QTest::newRow("developer calls sales") << u"developer"_s << QByteArray("GET") << sales << false;
    QTest::newRow("reader calls finance") << u"reader"_s << QByteArray("GET") << finance << true;
    QTest::newRow("sales+finance calls finance")
        << u"sales+finance"_s << QByteArray("GET") << finance << true;
    QTest::newRow("sales+finance POST request")
        << u"sales+finance"_s << QByteArray("POST") << u"/v1/analyticsReportRequests"_s << false;
    QTest::newRow("admin calls finance") << u"admin"_s << QByteArray("GET") << finance << true;
}

void TestSandboxAuth::roles()
{
    QFETCH(QString, key);
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(bool, allowed);

    const QString appId = m_harness->server().world().apps().constFirst().id;
    const HttpResult listing = m_harness->get(u"/v1/apps/%1/analyticsReportRequests"_s.arg(appId));
    QCOMPARE(listing.status, 200);
    const QString requestId = listing.data().at(0).toObject().value(u"id"_s).toString();
    path.replace(u"{vendor}"_s, m_harness->server().world().vendorNumber())
        .replace(u"{app}"_s, appId)
        .replace(u"{request}"_s, requestId);

    QByteArray token;
    if (key == u"admin"_s)
        token = m_harness->adminToken();
    else if (key == u"reader"_s)
        token = m_harness->readerToken();
    else if (key == u"sales"_s)
        token = m_harness->tokenFor(m_salesKey);
    else if (key == u"finance"_s)
        token = m_harness->tokenFor(m_financeKey);
    else if (key == u"sales+finance"_s)
        token = m_harness->tokenFor(m_salesAndFinanceKey);
    else
        token = m_harness->tokenFor(m_developerKey);

    // The role check comes before the body is read: an empty POST body is enough to be refused.
    const HttpResult result = m_harness->send(method, path, token);
    if (allowed) {
        QVERIFY2(result.status != 401 && result.status != 403, qPrintable(QString::number(result.status)));
    } else {
        QCOMPARE(result.status, 403);
        QCOMPARE(result.errorCode(), u"FORBIDDEN_ERROR"_s);
    }
}

void TestSandboxAuth::scope_data()
{
    QTest::addColumn<QString>("scope");
    QTest::addColumn<QString>("request");
    QTest::addColumn<int>("status");

    QTest::newRow("exact") << u"GET /v1/apps?filter[bundleId]=x"_s << u"/v1/apps?filter[bundleId]=x"_s << 200;
    QTest::newRow("limit, cursor, sort ignored")
        << u"GET /v1/apps?filter[bundleId]=x"_s << u"/v1/apps?limit=5&sort=name&filter[bundleId]=x"_s << 200;
    QTest::newRow("order of parameters ignored") << u"GET /v1/apps?fields[apps]=name&filter[bundleId]=x"_s
                                                 << u"/v1/apps?filter[bundleId]=x&fields[apps]=name"_s << 200;
    QTest::newRow("other query value")
        << u"GET /v1/apps?filter[bundleId]=x"_s << u"/v1/apps?filter[bundleId]=y"_s << 403;
    QTest::newRow("extra parameter") << u"GET /v1/apps"_s << u"/v1/apps?filter[bundleId]=y"_s << 403;
    QTest::newRow("other path") << u"GET /v1/apps"_s << u"/v1/apps/123"_s << 403;
    QTest::newRow("other method") << u"POST /v1/apps"_s << u"/v1/apps"_s << 403;
}

void TestSandboxAuth::scope()
{
    QFETCH(QString, scope);
    QFETCH(QString, request);
    QFETCH(int, status);
    const HttpResult result = m_harness->get(request, m_harness->adminToken({scope}));
    QCOMPARE(result.status, status);
    if (status == 403)
        QCOMPARE(result.errorCode(), u"FORBIDDEN_ERROR"_s);

    // Any entry of the scope list may match (the request itself may still fail, e.g. 404 for app 123).
    const QString matchingScope = u"GET "_s + request;
    const int allowed =
        m_harness->get(request, m_harness->adminToken({u"GET /v1/nothing"_s, matchingScope})).status;
    QVERIFY2(allowed == 200 || allowed == 404, qPrintable(QString::number(allowed)));
}

void TestSandboxAuth::rateLimitHeaderCountsDown()
{
    const auto remaining = [](const HttpResult &result) {
        const QByteArray value = result.header("X-Rate-Limit");
        return value.mid(value.indexOf("rem:") + 4).chopped(1).toInt();
    };
    const HttpResult first = m_harness->get(u"/v1/apps"_s, m_harness->tokenFor(m_salesKey));
    const HttpResult second = m_harness->get(u"/v1/apps"_s, m_harness->tokenFor(m_salesKey));
    QVERIFY(first.header("X-Rate-Limit").startsWith("user-hour-lim:3600;"));
    QCOMPARE(remaining(second), remaining(first) - 1);
    // An error answer carries the header too (the harness checks every answer; this one explicitly).
    QVERIFY(!m_harness->get(u"/v1/apps/0"_s).header("X-Rate-Limit").isEmpty());
}

void TestSandboxAuth::rateLimitRefusesPastBudgetAndRecovers()
{
    SandboxOptions options = SandboxHarness::defaultOptions();
    options.rateLimit = 3;
    SandboxHarness limited(options);
    QString error;
    QVERIFY2(limited.start(&error), qPrintable(error));

    for (int i = 0; i < 3; ++i) {
        const HttpResult result = limited.get(u"/v1/apps"_s);
        QCOMPARE(result.status, 200);
        QCOMPARE(result.header("X-Rate-Limit"), u"user-hour-lim:3;user-hour-rem:%1;"_s.arg(2 - i).toLatin1());
        limited.advance(60);
    }
    const HttpResult refused = limited.get(u"/v1/apps"_s);
    QCOMPARE(refused.status, 429);
    QCOMPARE(refused.errorCode(), u"RATE_LIMIT_EXCEEDED"_s);
    QCOMPARE(refused.json().value(u"errors"_s).toArray().at(0).toObject().value(u"title"_s).toString(),
             u"The request rate limit has been reached."_s);
    QCOMPARE(refused.header("X-Rate-Limit"), QByteArray("user-hour-lim:3;user-hour-rem:0;"));
    // The budget is per key: the reader key is untouched.
    QCOMPARE(limited.get(u"/v1/apps"_s, limited.readerToken()).status, 200);
    // A rolling hour: once the first request is an hour old, one more is allowed.
    limited.advance(3600 - 3 * 60 + 1);
    QCOMPARE(limited.get(u"/v1/apps"_s).status, 200);
    QCOMPARE(limited.get(u"/v1/apps"_s).status, 429);
    const QStringList problems = limited.takeProblems();
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

void TestSandboxAuth::brokenKeysFileFailsStart()
{
    QTemporaryDir scratch;
    const QString path = scratch.filePath(u"keys.json"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"([{"keyId": "ABC", "issuerId": "x", "role": "ADMIN", "publicKeyPem": "not a key"}])");
    file.close();
    SandboxOptions options = SandboxHarness::defaultOptions();
    options.keysFile = path;
    SandboxHarness harness(options);
    QString error;
    QVERIFY(!harness.start(&error));
    QVERIFY2(error.contains(u"ABC"_s), qPrintable(error));
}

// The checks every suite relies on must themselves be able to fail.
void TestSandboxAuth::harnessFlagsNonConformingAnswers()
{
    HttpResult result;
    result.status = 200;
    result.headers = {{"Content-Type", "application/json"},
                      {"X-Rate-Limit", "user-hour-lim:10;user-hour-rem:9;"}};
    result.body = R"({"data":[{"type":"apps","id":1}],"links":{"self":"x"}})"; // id must be a string
    QVERIFY(!SandboxHarness::checkApiAnswer("GET", u"/v1/apps"_s, result).isEmpty());

    result.body = R"({"data":[{"type":"apps","id":"1"}],"links":{"self":"x"}})";
    QVERIFY(SandboxHarness::checkApiAnswer("GET", u"/v1/apps"_s, result).isEmpty());
    result.headers.removeLast(); // no X-Rate-Limit
    QVERIFY(!SandboxHarness::checkApiAnswer("GET", u"/v1/apps"_s, result).isEmpty());

    HttpResult error;
    error.status = 404;
    error.headers = {{"Content-Type", "application/json"},
                     {"X-Rate-Limit", "user-hour-lim:10;user-hour-rem:9;"}};
    error.body = R"({"errors":[{"status":404,"code":"NOT_FOUND","title":"t","detail":"d"}]})"; // status must
                                                                                               // be a string
    QVERIFY(!SandboxHarness::checkApiAnswer("GET", u"/v1/apps/1"_s, error).isEmpty());
    error.body = R"({"errors":[{"status":"404","code":"NOT_FOUND","title":"t"}]})"; // no detail
    QVERIFY(!SandboxHarness::checkApiAnswer("GET", u"/v1/apps/1"_s, error).isEmpty());
    error.body = R"({"errors":[{"status":"404","code":"NOT_FOUND","title":"t","detail":"d"}]})";
    QVERIFY(SandboxHarness::checkApiAnswer("GET", u"/v1/apps/1"_s, error).isEmpty());
}

QTEST_GUILESS_MAIN(TestSandboxAuth)
#include "tst_sandboxauth.moc"
