#include "appscommand.h"

#include "clicontext.h"
#include "command.h"

#include "core/api/appsendpoint.h"
#include "core/auth/p8key.h"
#include "core/common/secureerase.h"
#include "core/config/apikeystore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace ascsync::cli {

int runAppsCommand(const QStringList &arguments)
{
    const QString command = u"apps"_s;
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Lists the apps your App Store Connect key can see."_s);
    CommonOptions options;
    options.addConnectionOptions(parser);
    options.addJsonOption(parser);
    if (const auto exit = parseOrExit(parser, arguments, command)) {
        return *exit;
    }
    const auto settings = options.resolve(parser);
    if (!settings) {
        return fail(command, settings.errorMessage(),
                    settings.error().code == u"usage"_s ? kExitUsage : kExitFailure);
    }
    config::SecretStore secrets;
    auto client = makeApiClient(settings.value(), secrets);
    if (!client) {
        return fail(command, client.errorMessage());
    }
    const auto apps = api::listApps(*client.value());
    if (!apps) {
        return fail(command, apps.errorMessage());
    }
    if (options.json(parser)) {
        QJsonArray array;
        for (const api::AppInfo &app : apps.value()) {
            array.append(QJsonObject{{u"id"_s, app.id},
                                     {u"name"_s, app.name},
                                     {u"bundleId"_s, app.bundleId},
                                     {u"sku"_s, app.sku}});
        }
        standardOutput() << QJsonDocument(array).toJson(QJsonDocument::Indented);
    } else {
        standardOutput() << u"%1  %2  %3\n"_s.arg(u"App ID"_s, -12).arg(u"Name"_s, -32).arg(u"Bundle ID"_s);
        for (const api::AppInfo &app : apps.value()) {
            standardOutput() << u"%1  %2  %3\n"_s.arg(app.id, -12).arg(app.name, -32).arg(app.bundleId);
        }
        standardOutput() << u"%1 apps\n"_s.arg(apps->size());
    }
    standardOutput().flush();
    return kExitOk;
}

int runLoginCommand(const QStringList &arguments)
{
    const QString command = u"login"_s;
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Checks an App Store Connect API key against the API, stores the key "
                                     u"in your OS keychain and the IDs in "
                                     u"the settings file. The key file can be deleted afterwards."_s);
    CommonOptions options;
    options.addConnectionOptions(parser);
    options.addDestinationOptions(parser);
    options.addSyncOptions(parser);
    const QCommandLineOption keepFile(u"keep-key-file"_s,
                                      u"Do not use the keychain: remember the key file's path instead."_s);
    parser.addOption(keepFile);
    if (const auto exit = parseOrExit(parser, arguments, command)) {
        return *exit;
    }
    auto resolved = options.resolve(parser);
    if (!resolved) {
        return fail(command, resolved.errorMessage(), kExitUsage);
    }
    config::Settings settings = resolved.value();
    if (settings.keyId.isEmpty() || settings.keyFile.isEmpty()) {
        return fail(command,
                    u"pass --key-id KID and --key-file AuthKey_KID.p8 (and --issuer-id ID for a team key)."_s,
                    kExitUsage);
    }
    QFile file(settings.keyFile);
    if (!file.open(QIODevice::ReadOnly)) {
        const auto missing = auth::P8Key::fromFile(settings.keyFile); // gives the precise reason
        return fail(command, missing.errorMessage());
    }
    QByteArray pem = file.read(64 * 1024);
    file.close();
    if (const auto key = auth::P8Key::fromPem(pem); !key) {
        secureErase(pem);
        return fail(command, key.errorMessage());
    }

    config::SecretStore secrets;
    auto client = makeApiClient(settings, secrets);
    if (!client) {
        secureErase(pem);
        return fail(command, client.errorMessage());
    }
    const auto apps = api::listApps(*client.value());
    if (!apps) {
        secureErase(pem);
        return fail(command, apps.errorMessage());
    }
    if (!parser.isSet(keepFile)) {
        config::ApiKeyStore keys(secrets);
        const Status stored = keys.store(settings, pem);
        secureErase(pem);
        if (!stored) {
            return fail(command, stored.errorMessage());
        }
        settings.keyFile.clear(); // from now on the keychain is the source
    }
    secureErase(pem);
    const QString path = options.configPath(parser);
    if (const Status saved = config::SettingsFile::save(path, settings); !saved) {
        return fail(command, saved.errorMessage());
    }
    standardOutput() << u"The key works: it sees %1 apps. "_s.arg(apps->size())
                     << (parser.isSet(keepFile) ? u"Its file path"_s : u"The key is in your keychain; it"_s)
                     << u" and the IDs are saved in %1.\n"_s.arg(path);
    standardOutput().flush();
    return kExitOk;
}

} // namespace ascsync::cli
