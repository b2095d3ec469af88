#include "admincommand.h"

#include "appscommand.h"
#include "clicontext.h"
#include "command.h"

#include "core/admin/adminsetup.h"
#include "core/auth/credentialids.h"
#include "core/common/privatefile.h"
#include "core/common/processhardening.h"

#include <QFile>

using namespace Qt::StringLiterals;

namespace ascsync::cli {

namespace {

const QString kCommand = u"admin-commands"_s;

// The Admin key's options, beside the connection options every command has.
struct AdminOptions {
    QCommandLineOption issuer{u"admin-issuer-id"_s, u"Issuer ID of the Admin key."_s, u"ID"_s};
    QCommandLineOption keyId{u"admin-key-id"_s, u"Key ID of the Admin key."_s, u"KID"_s};
    QCommandLineOption keyFile{u"admin-key-file"_s, u"The Admin AuthKey_<KID>.p8, or - for standard input."_s,
                               u"PATH"_s};
    QCommandLineOption apps{u"apps"_s, u"Only these comma-separated app IDs (default: every app)."_s,
                            u"IDS"_s};
    QCommandLineOption send{u"send"_s, u"Send the requests now instead of printing curl commands."_s};
    QCommandLineOption output{u"output"_s,
                              u"Write the curl script to FILE (created with mode 0600: it holds a token) "
                              u"instead of standard output."_s,
                              u"FILE"_s};
};

void describeCommand(QCommandLineParser &parser, CommonOptions &options, const AdminOptions &admin)
{
    parser.setApplicationDescription(
        u"Enables analytics reports for apps that lack report requests. Apple needs one ONGOING and one "
        u"ONE_TIME_SNAPSHOT request per app, created with an Admin key.\n"
        u"The Admin key is read into memory only, used to sign a token of at most 20 minutes on this "
        u"computer, "
        u"and wiped: it is never stored, logged or sent. Without --send, only curl commands are printed; run "
        u"them yourself (e.g. `ascsync admin-commands ... | sh`)."_s);
    options.addConnectionOptions(parser);
    parser.addOptions({admin.issuer, admin.keyId, admin.keyFile, admin.apps, admin.send, admin.output});
}

// The Admin key's identity from the command line; a usage error names what is missing or malformed.
Result<auth::TokenClaims> adminClaims(const QCommandLineParser &parser, const AdminOptions &admin)
{
    if (!parser.isSet(admin.issuer) || !parser.isSet(admin.keyId) || !parser.isSet(admin.keyFile)) {
        return makeError(u"usage"_s,
                         u"pass --admin-issuer-id ID, --admin-key-id KID and --admin-key-file PATH "
                         u"(or - to read the key from standard input)."_s);
    }
    const auto issuerId = auth::validateIssuerId(parser.value(admin.issuer));
    if (!issuerId)
        return makeError(u"usage"_s, issuerId.errorMessage());
    const auto keyId = auth::validateKeyId(parser.value(admin.keyId));
    if (!keyId)
        return makeError(u"usage"_s, keyId.errorMessage());
    auth::TokenClaims claims;
    claims.issuerId = issuerId.value();
    claims.keyId = keyId.value();
    return claims;
}

int printCurlScript(const admin::AdminSetupPlan &plan, const QString &outputPath)
{
    if (outputPath.isEmpty()) {
        standardOutput() << plan.script;
        standardOutput().flush();
        return kExitOk;
    }
    if (const Status written = writePrivateFile(outputPath, plan.script.toUtf8()); !written)
        return fail(kCommand, written.errorMessage());
    standardError() << "Wrote " << outputPath
                    << " (mode 0600: only you can read it, because it holds a token valid until "
                    << plan.token.expiresAt.toString(u"HH:mm"_s) << " UTC). Run it with: sh " << outputPath
                    << Qt::endl;
    return kExitOk;
}

int sendRequests(const config::Settings &settings, const admin::AdminKey &adminKey,
                 const QList<admin::AdminAction> &actions)
{
    bool allGood = true;
    for (const admin::ActionOutcome &outcome : admin::sendAdminSetup(settings, adminKey, actions)) {
        const bool good = outcome.kind == admin::ActionOutcome::Kind::Created ||
                          outcome.kind == admin::ActionOutcome::Kind::AlreadyExists ||
                          outcome.kind == admin::ActionOutcome::Kind::Deleted;
        allGood = allGood && good;
        standardOutput() << (good ? u"ok    "_s : u"FAIL  "_s) << outcome.message << '\n';
    }
    standardOutput().flush();
    return allGood ? kExitOk : kExitFailure;
}

} // namespace

int runAdminCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    CommonOptions options;
    const AdminOptions admin;
    describeCommand(parser, options, admin);
    if (const auto exit = parseOrExit(parser, arguments, kCommand))
        return *exit;
    const auto claims = adminClaims(parser, admin);
    if (!claims)
        return fail(kCommand, claims.errorMessage(), kExitUsage);
    auto settings = options.resolve(parser);
    if (!settings)
        return fail(kCommand, settings.errorMessage(), kExitUsage);
    QStringList onlyApps;
    for (const QString &id : parser.value(admin.apps).split(u',', Qt::SkipEmptyParts))
        onlyApps << id.trimmed();

    // Before the key is in memory: no core file, no debugger of the same user, can ever see it.
    if (const Status hardened = keepSecretsOutOfCoreDumps(); !hardened)
        return fail(kCommand, hardened.errorMessage());
    auto adminKey = loadKeyArgument(parser.value(admin.keyFile));
    if (!adminKey)
        return fail(kCommand, adminKey.errorMessage());
    const admin::AdminKey key{adminKey.value(), *claims};
    config::SecretStore secrets;
    const auto plan = admin::planAdminSetup(settings.value(), secrets, key, onlyApps, [](const QString &why) {
        standardError() << "ascsync admin-commands: the regular key is not usable (" << why
                        << "); reading the apps with the Admin key instead." << Qt::endl;
    });
    if (!plan)
        return fail(kCommand, plan.errorMessage(),
                    plan.error().code == u"usage"_s ? kExitUsage : kExitFailure);
    const int needing = plan->appsNeedingSetup;
    standardError() << (needing == 0 ? u"Every app has its report requests."_s
                                     : u"You have %1 apps without report requests."_s.arg(needing))
                    << Qt::endl;
    if (parser.isSet(admin.send))
        return sendRequests(settings.value(), key, plan->actions);
    return printCurlScript(plan.value(), parser.value(admin.output));
}

} // namespace ascsync::cli
