#include "jwtverifier.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

#include <algorithm>
#include <cmath>
#include <variant>

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

namespace {

using QueryItems = QList<QPair<QString, QString>>;

JwtVerifier::Outcome rejected(const QString &reason)
{
    return {nullptr, ApiError::notAuthorized(), reason};
}

bool isBase64UrlText(QByteArrayView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
               c == '_';
    });
}

std::optional<QByteArray> decodeBase64Url(QByteArrayView text)
{
    if (!isBase64UrlText(text))
        return std::nullopt;
    auto decoded = QByteArray::fromBase64Encoding(
        text.toByteArray(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals |
                                QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    return *decoded;
}

std::optional<QJsonObject> decodeJsonPart(QByteArrayView text)
{
    const auto bytes = decodeBase64Url(text);
    if (!bytes)
        return std::nullopt;
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(*bytes, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

// Query parameters that take part in scope matching: decoded, without limit/cursor/sort, sorted.
QueryItems comparableItems(const QueryItems &items)
{
    QueryItems kept;
    for (const auto &item : items) {
        if (item.first != u"limit"_s && item.first != u"cursor"_s && item.first != u"sort"_s)
            kept.append(item);
    }
    std::sort(kept.begin(), kept.end());
    return kept;
}

QueryItems decodedItems(const QString &query)
{
    return QUrlQuery(query).queryItems(QUrl::FullyDecoded);
}

struct DecodedToken {
    QJsonObject header;
    QJsonObject payload;
    QByteArray signature;
    QByteArray signingInput;
};

// `Authorization: Bearer <jwt>` [apple-doc] holding a compact JWS: three base64url parts without padding,
// JSON header and payload [RFC 7515]. Anything else is a 401 NOT_AUTHORIZED [observed body].
std::variant<DecodedToken, QString> decodeBearerToken(const HttpRequestData &request)
{
    const QByteArray authorization = request.header("authorization").trimmed();
    if (authorization.isEmpty())
        return u"no Authorization header"_s;
    if (!authorization.startsWith("Bearer ") && !authorization.startsWith("bearer "))
        return u"the Authorization header is not a Bearer token"_s;
    const QByteArray token = authorization.mid(7).trimmed();
    const QList<QByteArray> parts = token.split('.');
    if (parts.size() != 3)
        return u"the token does not have three parts"_s;
    const auto header = decodeJsonPart(parts.at(0));
    const auto payload = decodeJsonPart(parts.at(1));
    const auto signature = decodeBase64Url(parts.at(2));
    if (!header || !payload || !signature)
        return u"the token is not three base64url parts with JSON header and payload"_s;
    return DecodedToken{*header, *payload, *signature, parts.at(0) + '.' + parts.at(1)};
}

// "All JWTs for App Store Connect API must be signed with ES256" [apple-doc]; typ, when present, is JWT
// [apple-doc; whether a missing typ is accepted is UNVERIFIED, accepted here].
std::optional<QString> checkAlgorithm(const QJsonObject &header)
{
    if (header.value(u"alg"_s).toString() != u"ES256"_s)
        return u"the token's alg is not ES256"_s;
    if (header.contains(u"typ"_s) && header.value(u"typ"_s).toString() != u"JWT"_s)
        return u"the token's typ is not JWT"_s;
    return std::nullopt;
}

// ES256 signatures are the 64-byte raw R||S, not DER [RFC 7518 §3.4], verified with the key's public key.
std::optional<QString> checkSignature(const DecodedToken &token, const RegisteredKey &key)
{
    if (token.signature.size() != 64)
        return u"the signature is %1 bytes, not the 64-byte raw R||S of ES256 (DER?)"_s.arg(
            token.signature.size());
    if (!key.publicKey.verifyEs256(token.signingInput, token.signature))
        return u"the signature does not verify with key %1"_s.arg(key.keyId);
    return std::nullopt;
}

// Team keys: iss = the key's issuer; individual keys: sub "user" and no iss [apple-doc]. aud is
// "appstoreconnect-v1" [apple-doc].
std::optional<QString> checkIdentity(const QJsonObject &payload, const RegisteredKey &key)
{
    if (key.isIndividual()) {
        if (payload.contains(u"iss"_s) || payload.value(u"sub"_s).toString() != u"user"_s)
            return u"an individual key's token must carry sub \"user\" and no iss"_s;
    } else if (payload.value(u"iss"_s).toString() != key.issuerId) {
        return u"iss does not match the issuer of key %1"_s.arg(key.keyId);
    }
    if (payload.value(u"aud"_s).toString() != u"appstoreconnect-v1"_s)
        return u"aud is not appstoreconnect-v1"_s;
    return std::nullopt;
}

// Time rules, each as App Store Connect applies it (API-NOTES §1):
// - `exp` is required and must be a number: Apple's token guide lists it for every token [apple-doc].
// - `iat` is optional: a popular client never sets it and Apple accepts its tokens [observed]; when
//   present it must be a number and not in the future (within our clock skew) [observed: rorkai PR
//   #2083].
// - lifetime: with `iat`, `exp - iat` must be positive and at most 20 minutes; without it, `exp` must lie
//   at most 20 minutes after the server's clock ("Tokens that expire more than 20 minutes into the future
//   are not valid") [apple-doc; observed for the no-iat case].
// - an expired token (`exp` not after now) is rejected [apple-doc].
std::optional<QString> checkTimes(const QJsonObject &payload, qint64 now)
{
    constexpr qint64 maxLifetime = JwtVerifier::kMaxLifetimeSeconds;
    constexpr qint64 skew = JwtVerifier::kClockSkewSeconds;
    const QJsonValue issuedAtValue = payload.value(u"iat"_s);
    const QJsonValue expiresValue = payload.value(u"exp"_s);
    // Seconds since 1970 as JSON numbers; anything beyond ±2^53 is no time Apple would accept, and converting
    // it to an integer would be undefined.
    const auto isTime = [](const QJsonValue &value) {
        return value.isDouble() && std::abs(value.toDouble()) <= 9007199254740992.0;
    };
    if (!isTime(expiresValue))
        return u"exp is missing or not a number of seconds"_s;
    const bool hasIssuedAt = payload.contains(u"iat"_s);
    if (hasIssuedAt && !isTime(issuedAtValue))
        return u"iat is not a number of seconds"_s;
    const auto expires = qint64(expiresValue.toDouble());
    if (expires <= now)
        return u"the token has expired"_s;
    if (!hasIssuedAt) {
        if (expires - now > maxLifetime + skew)
            return u"the token has no iat and expires %1 s from now, over 20 minutes"_s.arg(expires - now);
        return std::nullopt;
    }
    const auto issuedAt = qint64(issuedAtValue.toDouble());
    if (issuedAt > now + skew)
        return u"iat is in the future"_s;
    if (expires <= issuedAt || expires - issuedAt > maxLifetime)
        return u"the token's lifetime exp - iat is %1 s, over 20 minutes or not positive"_s.arg(expires -
                                                                                                issuedAt);
    return std::nullopt;
}

} // namespace

JwtVerifier::JwtVerifier(const KeyRegistry &registry, ClockSource clock)
    : m_registry(registry)
    , m_clock(std::move(clock))
{}

bool JwtVerifier::scopeAllows(const QString &scope, const HttpRequestData &request)
{
    const qsizetype space = scope.indexOf(u' ');
    if (space <= 0)
        return false;
    const QString method = scope.left(space);
    const QString target = scope.mid(space + 1).trimmed();
    const qsizetype question = target.indexOf(u'?');
    const QString path =
        QUrl::fromPercentEncoding(target.left(question < 0 ? target.size() : question).toUtf8());
    const QString query = question < 0 ? QString() : target.mid(question + 1);
    return method == QString::fromLatin1(request.method) && path == request.path &&
           comparableItems(decodedItems(query)) == comparableItems(decodedItems(request.rawQuery));
}

JwtVerifier::Outcome JwtVerifier::verify(const HttpRequestData &request) const
{
    // Each rule names its source in API-NOTES §1: [apple-doc] Apple's "Generating Tokens for API Requests",
    // [observed] what clients report Apple doing, [RFC] the JWS/JWA standards.
    const auto decoded = decodeBearerToken(request);
    if (const auto *reason = std::get_if<QString>(&decoded))
        return rejected(*reason);
    const DecodedToken &token = std::get<DecodedToken>(decoded);
    if (const auto reason = checkAlgorithm(token.header))
        return rejected(*reason);
    // kid names a known key [apple-doc].
    const QString keyId = token.header.value(u"kid"_s).toString();
    if (keyId.isEmpty())
        return rejected(u"the token has no kid"_s);
    const RegisteredKey *key = m_registry.find(keyId);
    if (!key)
        return rejected(u"unknown key id %1"_s.arg(keyId));
    if (const auto reason = checkSignature(token, *key))
        return rejected(*reason);
    if (const auto reason = checkIdentity(token.payload, *key))
        return rejected(*reason);
    if (const auto reason = checkTimes(token.payload, m_clock().toSecsSinceEpoch()))
        return rejected(*reason);
    // scope: some entry must match the request; query order, limit, cursor and sort are ignored [apple-doc].
    if (token.payload.contains(u"scope"_s)) {
        const QJsonArray scopes = token.payload.value(u"scope"_s).toArray();
        const bool allowed = std::any_of(scopes.begin(), scopes.end(), [&request](const QJsonValue &scope) {
            return scopeAllows(scope.toString(), request);
        });
        if (!allowed)
            return {nullptr, ApiError::forbidden(u"The API key in use does not allow this request"_s),
                    u"no scope entry of the token matches the request"_s};
    }
    return {key, std::nullopt, QString()};
}

} // namespace ascsync::sandbox
