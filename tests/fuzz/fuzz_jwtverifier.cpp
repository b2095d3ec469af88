// libFuzzer target: the simulator's JWT verifier (sandbox::JwtVerifier) and its scope matching.
//
// Input: one mode byte, then:
// - mode 0: an Authorization header as a client might send it. Nothing unsigned may pass: the verifier
//   must refuse every such token (the fuzzer cannot forge an ES256 signature), always with an error.
// - mode 1: a JWS header and payload (split at the first newline), validly signed with the registered key.
//   When the verifier accepts, the claims must really be what App Store Connect requires (alg, kid, iss,
//   aud, iat/exp and the 20-minute lifetime), checked here independently.
// - mode 2: token claims (lifetime, team or individual key, scope lines) signed by the client's own signer
//   (core's auth::signToken): the decoded token must round-trip and be accepted exactly when its scope
//   allows the request.
// In every mode the diagnostic reason never repeats the token's payload or signature.

#include "fuzzsupport.h"

#include "core/auth/jwt.h"
#include "core/auth/p8key.h"
#include "sandbox/server/jwtverifier.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace ascsync;
using namespace Qt::StringLiterals;

namespace {

const QString kTeamKeyId = u"FUZZTEAM01"_s;
const QString kUserKeyId = u"FUZZUSER01"_s;
const QString kIssuer = u"69a6de70-03db-47e3-e053-5b8c7c11a4d1"_s;
const QDateTime kNow = QDateTime(QDate(2024, 12, 4), QTime(12, 0), Qt::UTC);

struct Fixture {
    sandbox::KeyRegistry registry;
    std::optional<auth::P8Key> teamKey;
    std::optional<auth::P8Key> userKey;
    std::unique_ptr<sandbox::JwtVerifier> verifier;

    Fixture()
    {
        QString error;
        const sandbox::EcKey team = sandbox::EcKey::generate(&error);
        const sandbox::EcKey user = sandbox::EcKey::generate(&error);
        FUZZ_CHECK(!team.isNull() && !user.isNull());
        registry.add({kTeamKeyId, kIssuer, {u"ADMIN"_s}, team});
        registry.add({kUserKeyId, QString(), {u"SALES"_s}, user});
        teamKey = auth::P8Key::fromPem(team.applePkcs8Pem()).value();
        userKey = auth::P8Key::fromPem(user.applePkcs8Pem()).value();
        verifier = std::make_unique<sandbox::JwtVerifier>(registry, [] { return kNow; });
    }
};

Fixture &fixture()
{
    static Fixture instance;
    return instance;
}

sandbox::HttpRequestData appsRequest(const QByteArray &authorization)
{
    sandbox::HttpRequestData request;
    request.method = "GET";
    request.path = u"/v1/apps"_s;
    request.rawQuery = u"filter%5Bplatform%5D=IOS&limit=50"_s;
    request.query = QUrlQuery(request.rawQuery);
    request.headers = {{"Authorization", authorization}};
    return request;
}

void checkReasonHidesToken(const sandbox::JwtVerifier::Outcome &outcome, const QByteArray &token)
{
    const QList<QByteArray> parts = token.split('.');
    for (qsizetype i = 1; i < parts.size(); ++i) {
        if (parts.at(i).size() >= 16) {
            FUZZ_CHECK(!outcome.reason.contains(QString::fromLatin1(parts.at(i))));
        }
    }
}

void unsignedToken(const QByteArray &authorization)
{
    const auto outcome = fixture().verifier->verify(appsRequest(authorization));
    FUZZ_CHECK(outcome.key == nullptr && outcome.error.has_value() && !outcome.reason.isEmpty());
    checkReasonHidesToken(outcome, authorization);
}

// What App Store Connect requires of an accepted token, written out again without the verifier's code.
void checkAcceptedClaims(const QJsonObject &header, const QJsonObject &payload, const QString &keyId)
{
    FUZZ_CHECK(header.value(u"alg"_s).toString() == u"ES256"_s);
    FUZZ_CHECK(header.value(u"kid"_s).toString() == keyId);
    FUZZ_CHECK(payload.value(u"aud"_s).toString() == u"appstoreconnect-v1"_s);
    if (keyId == kTeamKeyId) {
        FUZZ_CHECK(payload.value(u"iss"_s).toString() == kIssuer);
    } else {
        FUZZ_CHECK(!payload.contains(u"iss"_s) && payload.value(u"sub"_s).toString() == u"user"_s);
    }
    const double expires = payload.value(u"exp"_s).toDouble();
    const double now = double(kNow.toSecsSinceEpoch());
    FUZZ_CHECK(expires > now - 1);
    // `iat` is optional (API-NOTES §1): without it, the 20 minutes count from the server's clock.
    if (!payload.contains(u"iat"_s)) {
        FUZZ_CHECK(expires - now <=
                   sandbox::JwtVerifier::kMaxLifetimeSeconds + sandbox::JwtVerifier::kClockSkewSeconds + 1);
        return;
    }
    const double issuedAt = payload.value(u"iat"_s).toDouble();
    FUZZ_CHECK(issuedAt <= now + sandbox::JwtVerifier::kClockSkewSeconds + 1);
    FUZZ_CHECK(expires - issuedAt <= sandbox::JwtVerifier::kMaxLifetimeSeconds + 1);
}

void signedParts(const QByteArray &input)
{
    const qsizetype newline = input.indexOf('\n');
    const QByteArray headerJson = newline < 0 ? input : input.left(newline);
    const QByteArray payloadJson = newline < 0 ? QByteArray() : input.mid(newline + 1);
    const QByteArray signingInput =
        auth::base64UrlEncode(headerJson) + '.' + auth::base64UrlEncode(payloadJson);
    const QJsonObject header = QJsonDocument::fromJson(headerJson).object();
    const QString keyId = header.value(u"kid"_s).toString();
    const auth::P8Key &key = keyId == kUserKeyId ? *fixture().userKey : *fixture().teamKey;
    const auto signature = key.signEs256(signingInput);
    FUZZ_CHECK(signature);
    const QByteArray token = signingInput + '.' + auth::base64UrlEncode(*signature);
    const auto outcome = fixture().verifier->verify(appsRequest("Bearer " + token));
    checkReasonHidesToken(outcome, token);
    if (outcome.key) {
        FUZZ_CHECK(!outcome.error && outcome.key->keyId == keyId);
        checkAcceptedClaims(header, QJsonDocument::fromJson(payloadJson).object(), keyId);
    } else {
        FUZZ_CHECK(outcome.error && !outcome.reason.isEmpty());
    }
}

void roundTrip(const uint8_t *data, size_t size)
{
    if (size < 2) {
        return;
    }
    const bool individual = data[0] & 1;
    auth::TokenClaims claims;
    claims.keyId = individual ? kUserKeyId : kTeamKeyId;
    claims.issuerId = individual ? QString() : kIssuer;
    claims.lifetime = std::chrono::seconds(60 + (data[1] % 8) * 160); // 60 s .. 1180 s, all allowed
    const QString scopeText = QString::fromUtf8(ascsync::fuzz::bytesOf(data + 2, size - 2));
    claims.scope = scopeText.split(u'\n', Qt::SkipEmptyParts);
    if (data[0] & 2) {
        claims.scope.append(u"GET /v1/apps?filter[platform]=IOS"_s);
    }
    const auth::P8Key &key = individual ? *fixture().userKey : *fixture().teamKey;
    const auto token = auth::signToken(key, claims, kNow);
    if (!token) {
        // The signer refuses scope entries that are not "<METHOD> /v1/…" rather than sign them.
        FUZZ_CHECK(token.error().code == u"token.badScope"_s);
        return;
    }
    const auto request = appsRequest("Bearer " + token->token.toLatin1());
    const auto outcome = fixture().verifier->verify(request);
    checkReasonHidesToken(outcome, token->token.toLatin1());
    const bool scopeAllows = claims.scope.isEmpty() ||
                             std::any_of(claims.scope.begin(), claims.scope.end(), [&](const QString &scope) {
                                 return sandbox::JwtVerifier::scopeAllows(scope, request);
                             });
    FUZZ_CHECK((outcome.key != nullptr) == scopeAllows);
    if (data[0] & 2) {
        FUZZ_CHECK(outcome.key != nullptr);
    }
    if (outcome.key) {
        FUZZ_CHECK(outcome.key->keyId == claims.keyId);
    }
}

} // namespace

ASCSYNC_FUZZ_QUIET_QT()

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) {
        return 0;
    }
    switch (data[0] % 3) {
    case 0:
        unsignedToken(ascsync::fuzz::bytesOf(data + 1, size - 1));
        break;
    case 1:
        signedParts(ascsync::fuzz::bytesOf(data + 1, size - 1));
        break;
    default:
        roundTrip(data + 1, size - 1);
        break;
    }
    return 0;
}
