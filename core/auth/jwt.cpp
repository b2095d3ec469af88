#include "jwt.h"

#include "credentialids.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace ascsync::auth {

namespace {

const QString kAudience = u"appstoreconnect-v1"_s;

Status checkScope(const QStringList &scope)
{
    // Apple's form: "<METHOD> <path>[?<query>]", e.g. "GET /v1/apps?filter[platform]=IOS".
    static const QRegularExpression entry(u"^(GET|POST|PATCH|PUT|DELETE) /v1/\\S*$"_s);
    for (const QString &item : scope) {
        if (!entry.match(item).hasMatch()) {
            return makeError(
                u"token.badScope"_s,
                u"The token scope \"%1\" is not of the form \"GET /v1/apps\" (an HTTP method, one "
                u"space, then the API path starting with /v1/ and an optional query)."_s.arg(item));
        }
    }
    return {};
}

QByteArray compactJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

QByteArray base64UrlEncode(QByteArrayView bytes)
{
    return QByteArray::fromRawData(bytes.data(), bytes.size())
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

Result<SignedToken> signToken(const P8Key &key, const TokenClaims &claims, const QDateTime &now)
{
    if (claims.lifetime < kMinTokenLifetime || claims.lifetime > kMaxTokenLifetime) {
        return makeError(
            u"token.badLifetime"_s,
            u"A token lifetime of %1 seconds is not allowed: App Store Connect accepts at most %2 "
            u"seconds (20 minutes), and ascsync needs at least %3."_s.arg(claims.lifetime.count())
                .arg(kMaxTokenLifetime.count())
                .arg(kMinTokenLifetime.count()));
    }
    const auto keyId = validateKeyId(claims.keyId);
    if (!keyId) {
        return keyId.error();
    }
    QJsonObject payload;
    if (claims.issuerId.isEmpty()) {
        payload.insert(u"sub"_s, u"user"_s); // an individual key names no issuer
    } else {
        const auto issuerId = validateIssuerId(claims.issuerId);
        if (!issuerId) {
            return issuerId.error();
        }
        payload.insert(u"iss"_s, issuerId.value());
    }
    if (const Status scope = checkScope(claims.scope); !scope) {
        return scope.error();
    }

    const qint64 issuedAt = now.toSecsSinceEpoch() - kIssuedAtBackdate.count();
    const qint64 expiresAt = issuedAt + claims.lifetime.count();
    payload.insert(u"iat"_s, issuedAt);
    payload.insert(u"exp"_s, expiresAt);
    payload.insert(u"aud"_s, kAudience);
    if (!claims.scope.isEmpty()) {
        payload.insert(u"scope"_s, QJsonArray::fromStringList(claims.scope));
    }
    const QJsonObject header{{u"alg"_s, u"ES256"_s}, {u"kid"_s, keyId.value()}, {u"typ"_s, u"JWT"_s}};

    const QByteArray signingInput =
        base64UrlEncode(compactJson(header)) + '.' + base64UrlEncode(compactJson(payload));
    const auto signature = key.signEs256(signingInput);
    if (!signature) {
        return signature.error();
    }
    SignedToken token;
    token.token = QString::fromLatin1(signingInput + '.' + base64UrlEncode(signature.value()));
    token.issuedAt = QDateTime::fromSecsSinceEpoch(issuedAt, Qt::UTC);
    token.expiresAt = QDateTime::fromSecsSinceEpoch(expiresAt, Qt::UTC);
    return token;
}

} // namespace ascsync::auth
