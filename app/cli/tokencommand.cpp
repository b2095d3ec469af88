#include "tokencommand.h"

#include "command.h"

#include "core/auth/credentialids.h"
#include "core/auth/jwt.h"
#include "core/auth/p8key.h"
#include "core/common/secureerase.h"

#include <QFile>

using namespace Qt::StringLiterals;

namespace ascsync::cli {

namespace {

const QString kCommand = u"token"_s;

} // namespace

int runTokenCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Signs an App Store Connect API token (ES256 JWT) on this machine and prints only the token.\n"
        u"Nothing is sent anywhere. Flags override the environment variables named below."_s);
    const QCommandLineOption issuerOption(u"issuer-id"_s,
                                          u"Issuer ID (UUID) of the key's team [ASC_ISSUER_ID]."_s, u"ID"_s);
    const QCommandLineOption keyIdOption(u"key-id"_s, u"Key ID, 10 characters [ASC_KEY_ID]."_s, u"KID"_s);
    const QCommandLineOption keyFileOption(
        u"key-file"_s, u"The AuthKey_<KEYID>.p8 file, or - for standard input [ASC_KEY_FILE]."_s, u"PATH"_s);
    const QCommandLineOption lifetimeOption(
        u"lifetime"_s, u"Token lifetime in seconds, 60 to 1200 (default 1200)."_s, u"SECONDS"_s, u"1200"_s);
    const QCommandLineOption scopeOption(
        u"scope"_s, u"Restrict the token to one request, e.g. 'GET /v1/apps' (repeatable)."_s, u"SCOPE"_s);
    const QCommandLineOption individualOption(
        u"individual"_s, u"The key is an individual key: sign with sub=user instead of an issuer."_s);
    parser.addOptions(
        {issuerOption, keyIdOption, keyFileOption, lifetimeOption, scopeOption, individualOption});
    if (const auto exit = parseOrExit(parser, arguments, kCommand)) {
        return *exit;
    }

    const bool individual = parser.isSet(individualOption);
    const QString issuerId =
        individual ? QString() : flagOrEnvironment(parser, issuerOption.names().first(), "ASC_ISSUER_ID");
    const QString keyId = flagOrEnvironment(parser, keyIdOption.names().first(), "ASC_KEY_ID");
    const QString keyFile = flagOrEnvironment(parser, keyFileOption.names().first(), "ASC_KEY_FILE");
    if (!individual && issuerId.isEmpty()) {
        return fail(kCommand,
                    u"no Issuer ID: pass --issuer-id ID or set ASC_ISSUER_ID (use --individual for an "
                    u"individual key)."_s,
                    kExitUsage);
    }
    if (keyId.isEmpty()) {
        return fail(kCommand, u"no Key ID: pass --key-id KID or set ASC_KEY_ID."_s, kExitUsage);
    }
    if (keyFile.isEmpty()) {
        return fail(kCommand, u"no key file: pass --key-file PATH or set ASC_KEY_FILE."_s, kExitUsage);
    }
    bool lifetimeIsNumber = false;
    const qint64 lifetime = parser.value(lifetimeOption).toLongLong(&lifetimeIsNumber);
    if (!lifetimeIsNumber) {
        return fail(kCommand,
                    u"--lifetime takes a whole number of seconds (60 to 1200), not \"%1\"."_s.arg(
                        parser.value(lifetimeOption)),
                    kExitUsage);
    }

    if (!individual) {
        if (const auto valid = auth::validateIssuerId(issuerId); !valid) {
            return fail(kCommand, valid.errorMessage(), kExitUsage);
        }
    }
    if (const auto valid = auth::validateKeyId(keyId); !valid) {
        return fail(kCommand, valid.errorMessage(), kExitUsage);
    }
    const auto key = loadKeyArgument(keyFile);
    if (!key) {
        return fail(kCommand, key.errorMessage());
    }
    auth::TokenClaims claims;
    claims.issuerId = issuerId;
    claims.keyId = keyId.trimmed();
    claims.lifetime = std::chrono::seconds(lifetime);
    claims.scope = parser.values(scopeOption);
    const auto token = auth::signToken(key.value(), claims, QDateTime::currentDateTimeUtc());
    if (!token) {
        return fail(kCommand, token.errorMessage(), kExitUsage);
    }
    standardOutput() << token->token << Qt::endl;
    standardError() << "ascsync token: valid until " << token->expiresAt.toString(Qt::ISODate) << Qt::endl;
    return kExitOk;
}

} // namespace ascsync::cli
