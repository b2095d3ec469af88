// ES256 JWTs as App Store Connect wants them: header, claims, lifetime rules and the raw 64-byte signature.
#include "core/auth/jwt.h"
#include "tests/testkit/testkeys.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ascsync::auth;

namespace {

const QString kIssuer = u"57246542-96fe-1a63-e053-0824d011072a"_s;
const QString kKeyId = u"2X9R4HXF34"_s;

QJsonObject decodePart(const QString &part)
{
    const QByteArray json = QByteArray::fromBase64(
        part.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    return QJsonDocument::fromJson(json).object();
}

TokenClaims claimsFor(const QString &issuer, const QString &keyId,
                      std::chrono::seconds lifetime = kMaxTokenLifetime, const QStringList &scope = {})
{
    TokenClaims claims;
    claims.issuerId = issuer;
    claims.keyId = keyId;
    claims.lifetime = lifetime;
    claims.scope = scope;
    return claims;
}

} // namespace

class TestJwt : public QObject {
    Q_OBJECT

private:
    testkeys::KeyPtr m_raw = testkeys::generateEc("P-256");
    P8Key m_key = P8Key::fromPem(testkeys::appleStylePem(m_raw.get())).value();
    const QDateTime m_now = QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC);

    SignedToken sign(TokenClaims claims)
    {
        auto token = signToken(m_key, claims, m_now);
        if (!token) {
            qFatal("%s", qPrintable(token.errorMessage()));
        }
        return token.value();
    }

private Q_SLOTS:
    void headerAndClaims()
    {
        const SignedToken token = sign(claimsFor(kIssuer, kKeyId));
        const QStringList parts = token.token.split(u'.');
        QCOMPARE(parts.size(), 3);
        for (const QString &part : parts) {
            QVERIFY2(!part.contains(u'=') && !part.contains(u'+') && !part.contains(u'/'), "not base64url");
        }
        const QJsonObject header = decodePart(parts[0]);
        QCOMPARE(header, (QJsonObject{{u"alg"_s, u"ES256"_s}, {u"kid"_s, kKeyId}, {u"typ"_s, u"JWT"_s}}));
        const QJsonObject payload = decodePart(parts[1]);
        QCOMPARE(payload.value(u"iss"_s).toString(), kIssuer);
        QCOMPARE(payload.value(u"aud"_s).toString(), u"appstoreconnect-v1"_s);
        QVERIFY(!payload.contains(u"scope"_s));
        QVERIFY(!payload.contains(u"sub"_s));
        const qint64 iat = payload.value(u"iat"_s).toInteger();
        const qint64 exp = payload.value(u"exp"_s).toInteger();
        QVERIFY2(iat <= m_now.toSecsSinceEpoch(), "iat must never be in the future");
        QCOMPARE(m_now.toSecsSinceEpoch() - iat, kIssuedAtBackdate.count());
        QCOMPARE(exp - iat, 1200);
        QVERIFY2(exp - m_now.toSecsSinceEpoch() <= 1200, "must not expire more than 20 minutes from now");
        QCOMPARE(token.issuedAt.toSecsSinceEpoch(), iat);
        QCOMPARE(token.expiresAt.toSecsSinceEpoch(), exp);
    }

    void signatureIsRaw64BytesAndVerifies()
    {
        const SignedToken token = sign(claimsFor(kIssuer, kKeyId));
        const QStringList parts = token.token.split(u'.');
        const QByteArray signature = QByteArray::fromBase64(
            parts[2].toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
        QCOMPARE(signature.size(), 64);
        QVERIFY(testkeys::verifyRawEs256(m_raw.get(), (parts[0] + u'.' + parts[1]).toLatin1(), signature));
    }

    void leadingZeroHalvesKeepTheirLength()
    {
        // Among many signatures some R or S values have leading zero bytes; they must still be padded to 32.
        int halvesWithLeadingZero = 0;
        for (int i = 0; i < 1500; ++i) {
            const QByteArray message = "message " + QByteArray::number(i);
            const auto signature = m_key.signEs256(message);
            QVERIFY(signature.ok());
            QCOMPARE(signature->size(), 64);
            halvesWithLeadingZero += (signature->at(0) == 0) + (signature->at(32) == 0);
            QVERIFY(testkeys::verifyRawEs256(m_raw.get(), message, signature.value()));
        }
        QVERIFY2(halvesWithLeadingZero > 0, "the sample never exercised a leading zero byte");
    }

    void individualKeyUsesSubject()
    {
        const SignedToken token = sign(claimsFor(QString(), kKeyId));
        const QJsonObject payload = decodePart(token.token.split(u'.')[1]);
        QCOMPARE(payload.value(u"sub"_s).toString(), u"user"_s);
        QVERIFY(!payload.contains(u"iss"_s));
    }

    void scopeIsAnArrayOfStrings()
    {
        const QStringList scope{u"GET /v1/apps?filter[platform]=IOS"_s, u"GET /v1/salesReports"_s};
        const SignedToken token = sign(claimsFor(kIssuer, kKeyId, kMaxTokenLifetime, scope));
        const QJsonObject payload = decodePart(token.token.split(u'.')[1]);
        QCOMPARE(payload.value(u"scope"_s).toArray(), QJsonArray::fromStringList(scope));
    }

    void refusesMalformedScope()
    {
        const auto token =
            signToken(m_key, claimsFor(kIssuer, kKeyId, kMaxTokenLifetime, {u"apps please"_s}), m_now);
        QVERIFY(!token.ok());
        QCOMPARE(token.error().code, u"token.badScope"_s);
    }

    void lifetimeBounds_data()
    {
        QTest::addColumn<int>("seconds");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("zero") << 0 << false;
        QTest::newRow("negative") << -5 << false;
        QTest::newRow("below minimum") << 59 << false;
        QTest::newRow("minimum") << 60 << true;
        QTest::newRow("ten minutes") << 600 << true;
        QTest::newRow("twenty minutes") << 1200 << true;
        QTest::newRow("one second too long") << 1201 << false;
        QTest::newRow("an hour") << 3600 << false;
    }

    void lifetimeBounds()
    {
        QFETCH(int, seconds);
        QFETCH(bool, accepted);
        const auto token = signToken(m_key, claimsFor(kIssuer, kKeyId, std::chrono::seconds(seconds)), m_now);
        QCOMPARE(token.ok(), accepted);
        if (accepted) {
            QCOMPARE(token->issuedAt.secsTo(token->expiresAt), seconds);
        } else {
            QCOMPARE(token.error().code, u"token.badLifetime"_s);
            QVERIFY(token.errorMessage().contains(u"1200"_s));
        }
    }

    void refusesBadIds()
    {
        QCOMPARE(signToken(m_key, claimsFor(u"57246542-96fe"_s, kKeyId), m_now).error().code,
                 u"issuerId.length"_s);
        QCOMPARE(signToken(m_key, claimsFor(kIssuer, u"short"_s), m_now).error().code, u"keyId.length"_s);
    }
};

QTEST_GUILESS_MAIN(TestJwt)
#include "tst_jwt.moc"
