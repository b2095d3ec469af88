#include "jwtverifier.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

#include <algorithm>
#include <cmath>

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
    // Each rule below names its source in API-NOTES §1: [apple-doc] Apple's "Generating Tokens for API
    // Requests", [observed] what clients report Apple doing, [RFC] the JWS/JWA standards.
    // `Authorization: Bearer <jwt>` [apple-doc]; anything else is a 401 NOT_AUTHORIZED [observed body].
    const QByteArray authorization = request.header("authorization").trimmed();
    if (authorization.isEmpty())
        return rejected(u"no Authorization header"_s);
    if (!authorization.startsWith("Bearer ") && !authorization.startsWith("bearer "))
        return rejected(u"the Authorization header is not a Bearer token"_s);

    // A compact JWS: three base64url parts without padding, JSON header and payload [RFC 7515].
    const QByteArray token = authorization.mid(7).trimmed();
    const QList<QByteArray> parts = token.split('.');
    if (parts.size() != 3)
        return rejected(u"the token does not have three parts"_s);
    const auto header = decodeJsonPart(parts.at(0));
    const auto payload = decodeJsonPart(parts.at(1));
    const auto signature = decodeBase64Url(parts.at(2));
    if (!header || !payload || !signature)
        return rejected(u"the token is not three base64url parts with JSON header and payload"_s);

    // "All JWTs for App Store Connect API must be signed with ES256" [apple-doc]; typ, when present, is JWT
    // [apple-doc; whether a missing typ is accepted is UNVERIFIED, accepted here]; kid names a known key.
    if (header->value(u"alg"_s).toString() != u"ES256"_s)
        return rejected(u"the token's alg is not ES256"_s);
    if (header->contains(u"typ"_s) && header->value(u"typ"_s).toString() != u"JWT"_s)
        return rejected(u"the token's typ is not JWT"_s);
    const QString keyId = header->value(u"kid"_s).toString();
    if (keyId.isEmpty())
        return rejected(u"the token has no kid"_s);
    const RegisteredKey *key = m_registry.find(keyId);
    if (!key)
        return rejected(u"unknown key id %1"_s.arg(keyId));

    // ES256 signatures are the 64-byte raw R||S, not DER [RFC 7518 §3.4], verified with the key's public key.
    if (signature->size() != 64)
        return rejected(
            u"the signature is %1 bytes, not the 64-byte raw R||S of ES256 (DER?)"_s.arg(signature->size()));
    const QByteArray signingInput = parts.at(0) + '.' + parts.at(1);
    if (!key->publicKey.verifyEs256(signingInput, *signature))
        return rejected(u"the signature does not verify with key %1"_s.arg(keyId));

    // Team keys: iss = the key's issuer; individual keys: sub "user" and no iss [apple-doc]. aud is
    // "appstoreconnect-v1" [apple-doc].
    if (key->isIndividual()) {
        if (payload->contains(u"iss"_s) || payload->value(u"sub"_s).toString() != u"user"_s)
            return rejected(u"an individual key's token must carry sub \"user\" and no iss"_s);
    } else if (payload->value(u"iss"_s).toString() != key->issuerId) {
        return rejected(u"iss does not match the issuer of key %1"_s.arg(keyId));
    }
    if (payload->value(u"aud"_s).toString() != u"appstoreconnect-v1"_s)
        return rejected(u"aud is not appstoreconnect-v1"_s);

    // Time rules, each as App Store Connect applies it (API-NOTES §1):
    // - `exp` is required and must be a number: Apple's token guide lists it for every token [apple-doc].
    // - `iat` is optional: a popular client never sets it and Apple accepts its tokens [observed]; when
    //   present it must be a number and not in the future (within our clock skew) [observed: rorkai PR
    //   #2083].
    // - lifetime: with `iat`, `exp - iat` must be positive and at most 20 minutes; without it, `exp` must lie
    //   at most 20 minutes after the server's clock ("Tokens that expire more than 20 minutes into the future
    //   are not valid") [apple-doc; observed for the no-iat case].
    // - an expired token (`exp` not after now) is rejected [apple-doc].
    const QJsonValue issuedAtValue = payload->value(u"iat"_s);
    const QJsonValue expiresValue = payload->value(u"exp"_s);
    // Seconds since 1970 as JSON numbers; anything beyond ±2^53 is no time Apple would accept, and converting
    // it to an integer would be undefined.
    const auto isTime = [](const QJsonValue &value) {
        return value.isDouble() && std::abs(value.toDouble()) <= 9007199254740992.0;
    };
    if (!isTime(expiresValue))
        return rejected(u"exp is missing or not a number of seconds"_s);
    const bool hasIssuedAt = payload->contains(u"iat"_s);
    if (hasIssuedAt && !isTime(issuedAtValue))
        return rejected(u"iat is not a number of seconds"_s);
    const auto expires = qint64(expiresValue.toDouble());
    const qint64 now = m_clock().toSecsSinceEpoch();
    if (expires <= now)
        return rejected(u"the token has expired"_s);
    if (hasIssuedAt) {
        const auto issuedAt = qint64(issuedAtValue.toDouble());
        if (issuedAt > now + kClockSkewSeconds)
            return rejected(u"iat is in the future"_s);
        if (expires <= issuedAt || expires - issuedAt > kMaxLifetimeSeconds)
            return rejected(u"the token's lifetime exp - iat is %1 s, over 20 minutes or not positive"_s.arg(
                expires - issuedAt));
    } else if (expires - now > kMaxLifetimeSeconds + kClockSkewSeconds) {
        return rejected(
            u"the token has no iat and expires %1 s from now, over 20 minutes"_s.arg(expires - now));
    }

    // scope: some entry must match the request; query order, limit, cursor and sort are ignored [apple-doc].
    if (payload->contains(u"scope"_s)) {
        const QJsonArray scopes = payload->value(u"scope"_s).toArray();
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
