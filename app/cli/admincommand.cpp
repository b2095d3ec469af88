#include "admincommand.h"

#include "admin/adminplan.h"
#include "admin/adminsender.h"
#include "admin/curlscript.h"
#include "admin/requestcollector.h"
#include "appscommand.h"
#include "auth/credentialids.h"
#include "clicontext.h"
#include "command.h"
#include "common/privatefile.h"
#include "common/processhardening.h"

#include <QFile>

using namespace Qt::StringLiterals;

namespace ascsync::cli {

namespace {

const QString kCommand = u"admin-commands"_s;

// The script's token may make exactly the calls in the script (Apple's `scope` claim), nothing else.
Result<auth::SignedToken> scriptToken(const auth::P8Key &key, auth::TokenClaims claims,
                                      const QList<admin::AdminAction> &actions)
{
    claims.scope = admin::tokenScope(actions);
    if (claims.scope.isEmpty()) {
        return auth::SignedToken{}; // nothing to send: the script holds no token
    }
    return auth::TokenProvider(key, claims).token();
}

} // namespace

int runAdminCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Enables analytics reports for apps that lack report requests. Apple needs one ONGOING and one "
        u"ONE_TIME_SNAPSHOT request per app, created with an Admin key.\n"
        u"The Admin key is read into memory only, used to sign a token of at most 20 minutes on this "
        u"computer, "
        u"and wiped: it is never stored, logged or sent. Without --send, only curl commands are printed; run "
        u"them yourself (e.g. `ascsync admin-commands ... | sh`)."_s);
    CommonOptions options;
    options.addConnectionOptions(parser);
    const QCommandLineOption adminIssuer(u"admin-issuer-id"_s, u"Issuer ID of the Admin key."_s, u"ID"_s);
    const QCommandLineOption adminKeyId(u"admin-key-id"_s, u"Key ID of the Admin key."_s, u"KID"_s);
    const QCommandLineOption adminKeyFile(
        u"admin-key-file"_s, u"The Admin AuthKey_<KID>.p8, or - for standard input."_s, u"PATH"_s);
    const QCommandLineOption apps(u"apps"_s, u"Only these comma-separated app IDs (default: every app)."_s,
                                  u"IDS"_s);
    const QCommandLineOption send(u"send"_s, u"Send the requests now instead of printing curl commands."_s);
    const QCommandLineOption output(
        u"output"_s,
        u"Write the curl script to FILE (created with mode 0600: it holds a token) instead of "_s
        u"standard output."_s,
        u"FILE"_s);
    parser.addOptions({adminIssuer, adminKeyId, adminKeyFile, apps, send, output});
    if (const auto exit = parseOrExit(parser, arguments, kCommand)) {
        return *exit;
    }
    if (!parser.isSet(adminIssuer) || !parser.isSet(adminKeyId) || !parser.isSet(adminKeyFile)) {
        return fail(kCommand,
                    u"pass --admin-issuer-id ID, --admin-key-id KID and --admin-key-file PATH (or - to read "
                    u"the key from standard input)."_s,
                    kExitUsage);
    }
    const auto issuerId = auth::validateIssuerId(parser.value(adminIssuer));
    if (!issuerId) {
        return fail(kCommand, issuerId.errorMessage(), kExitUsage);
    }
    const auto keyId = auth::validateKeyId(parser.value(adminKeyId));
    if (!keyId) {
        return fail(kCommand, keyId.errorMessage(), kExitUsage);
    }
    auto settings = options.resolve(parser);
    if (!settings) {
        return fail(kCommand, settings.errorMessage(), kExitUsage);
    }
    QStringList onlyApps;
    for (const QString &id : parser.value(apps).split(u',', Qt::SkipEmptyParts)) {
        onlyApps << id.trimmed();
    }

    // Before the key is in memory: no core file, no debugger of the same user, can ever see it.
    if (const Status hardened = keepSecretsOutOfCoreDumps(); !hardened) {
        return fail(kCommand, hardened.errorMessage());
    }
    auto adminKey = loadKeyArgument(parser.value(adminKeyFile));
    if (!adminKey) {
        return fail(kCommand, adminKey.errorMessage());
    }
    auth::TokenClaims claims;
    claims.issuerId = issuerId.value();
    claims.keyId = keyId.value();
    auto adminTokens = std::make_shared<auth::TokenProvider>(adminKey.value(), claims);
    api::ApiOptions apiOptions;
    apiOptions.baseUrl = settings->apiBaseUrl;
    apiOptions.caFile = settings->caFile;
    api::ApiClient adminClient(apiOptions, adminTokens);

    // Prefer the regular key's view of the apps; the Admin key is used for reading only when none is set up.
    config::SecretStore secrets;
    std::unique_ptr<api::ApiClient> regularClient;
    if (!settings->keyId.isEmpty()) {
        auto regular = makeApiClient(settings.value(), secrets);
        if (regular) {
            regularClient = std::move(regular).value();
        } else {
            standardError() << "ascsync admin-commands: the regular key is not usable ("
                            << regular.errorMessage() << "); reading the apps with the Admin key instead."
                            << Qt::endl;
        }
    }
    api::ApiClient &view = regularClient ? *regularClient : adminClient;
    const auto collected = admin::collectAppRequests(view, onlyApps);
    if (!collected) {
        return fail(kCommand, collected.errorMessage(),
                    collected.error().code == u"usage"_s ? kExitUsage : kExitFailure);
    }
    const QList<admin::AdminAction> actions = admin::planActions(collected.value());
    const int needing = admin::appsNeedingSetup(collected.value());
    standardError() << (needing == 0 ? u"Every app has its report requests."_s
                                     : u"You have %1 apps without report requests."_s.arg(needing))
                    << Qt::endl;

    if (!parser.isSet(send)) {
        const auto token = scriptToken(adminKey.value(), claims, actions);
        if (!token) {
            return fail(kCommand, token.errorMessage());
        }
        const QString script = admin::renderCurlScript(actions, token.value(), settings->apiBaseUrl);
        if (!parser.isSet(output)) {
            standardOutput() << script;
            standardOutput().flush();
            return kExitOk;
        }
        if (const Status written = writePrivateFile(parser.value(output), script.toUtf8()); !written) {
            return fail(kCommand, written.errorMessage());
        }
        standardError() << "Wrote " << parser.value(output)
                        << " (mode 0600: only you can read it, because it holds a token valid until "
                        << token->expiresAt.toString(u"HH:mm"_s) << " UTC). Run it with: sh "
                        << parser.value(output) << Qt::endl;
        return kExitOk;
    }
    // Sending uses a token scoped to the report-request calls (and the lookup of an existing request).
    claims.scope = admin::sendingScope(actions);
    api::ApiClient sendingClient(apiOptions, std::make_shared<auth::TokenProvider>(adminKey.value(), claims));
    api::AnalyticsEndpoints adminEndpoints(sendingClient);
    bool allGood = true;
    for (const admin::ActionOutcome &outcome : admin::sendActions(actions, adminEndpoints)) {
        const bool good = outcome.kind == admin::ActionOutcome::Kind::Created ||
                          outcome.kind == admin::ActionOutcome::Kind::AlreadyExists ||
                          outcome.kind == admin::ActionOutcome::Kind::Deleted;
        allGood = allGood && good;
        standardOutput() << (good ? u"ok    "_s : u"FAIL  "_s) << outcome.message << '\n';
    }
    standardOutput().flush();
    return allGood ? kExitOk : kExitFailure;
}

} // namespace ascsync::cli
