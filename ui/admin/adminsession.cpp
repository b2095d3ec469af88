#include "admin/adminsession.h"

#include "admin/curlscript.h"
#include "admin/requestcollector.h"
#include "api/analyticsendpoints.h"
#include "auth/credentialids.h"
#include "auth/tokenprovider.h"
#include "common/secureerase.h"
#include "common/uilog.h"
#include "config/secretstore.h"
#include "sync/syncsetup.h"

#include <utility>

using namespace Qt::StringLiterals;

namespace ascsync::ui {

namespace {

api::ApiOptions apiOptionsFor(const config::Settings &settings)
{
    api::ApiOptions options;
    options.baseUrl = settings.apiBaseUrl;
    options.caFile = settings.caFile;
    return options;
}

Result<auth::P8Key> parseKey(AdminKeyInput &input)
{
    if (!input.pem.trimmed().isEmpty()) {
        // Moved, not copied: fromPem then holds the only reference and wipes it (a shared buffer would
        // detach and leave this copy behind).
        return auth::P8Key::fromPem(std::exchange(input.pem, QByteArray()));
    }
    secureErase(input.pem);
    if (input.keyFile.isEmpty()) {
        return makeError(u"admin.key"_s, u"Choose the Admin key's AuthKey_<KEY ID>.p8 file, or paste its "
                                         u"contents."_s);
    }
    return auth::P8Key::fromFile(input.keyFile);
}

} // namespace

QString AdminPlan::scriptFor(const QString &appId, const QUrl &apiBaseUrl) const
{
    QList<admin::AdminAction> only;
    for (const admin::AdminAction &action : actions) {
        if (action.appId == appId) {
            only << action;
        }
    }
    return admin::renderCurlScript(only, token, apiBaseUrl);
}

Result<AdminPlan> prepareAdminPlan(AdminKeyInput input, const config::Settings &settings)
{
    auto key = parseKey(input);
    const auto issuerId = auth::validateIssuerId(input.issuerId.trimmed());
    if (!issuerId) {
        return issuerId.error();
    }
    const auto keyId = auth::validateKeyId(input.keyId.trimmed());
    if (!keyId) {
        return keyId.error();
    }
    if (!key) {
        return key.error();
    }
    AdminPlan plan{AdminKey{key.value(), {}}, {}, {}, 0, {}, {}};
    plan.adminKey.claims.issuerId = issuerId.value();
    plan.adminKey.claims.keyId = keyId.value();
    auto adminTokens = std::make_shared<auth::TokenProvider>(plan.adminKey.key, plan.adminKey.claims);
    api::ApiClient adminClient(apiOptionsFor(settings), adminTokens);

    // Read with the regular key when there is one (it is the key the syncs use, so it sees the same apps);
    // the Admin key reads only when none is set up.
    config::SecretStore secrets;
    std::unique_ptr<api::ApiClient> regularClient;
    if (!settings.keyId.isEmpty()) {
        if (auto regular = sync::openApiClient(settings, secrets)) {
            regularClient = std::move(regular).value();
        } else {
            qCInfo(lcUi) << "admin setup reads the apps with the Admin key:" << regular.errorMessage();
        }
    }
    api::ApiClient &view = regularClient ? *regularClient : adminClient;
    auto collected = admin::collectAppRequests(view, settings.apps);
    if (!collected) {
        return collected.error();
    }
    plan.apps = collected.value();
    plan.actions = admin::planActions(plan.apps);
    plan.appsNeedingSetup = admin::appsNeedingSetup(plan.apps);
    // The script's token may make exactly the script's report-request calls (Apple's `scope` claim).
    auth::TokenClaims scoped = plan.adminKey.claims;
    scoped.scope = admin::tokenScope(plan.actions);
    if (!scoped.scope.isEmpty()) {
        const auto token = auth::TokenProvider(plan.adminKey.key, scoped).token();
        if (!token) {
            return token.error();
        }
        plan.token = token.value();
    }
    plan.script = admin::renderCurlScript(plan.actions, plan.token, settings.apiBaseUrl);
    return plan;
}

QList<admin::ActionOutcome> sendAdminRequests(const AdminKey &adminKey, const config::Settings &settings,
                                              const QList<admin::AdminAction> &actions)
{
    auth::TokenClaims scoped = adminKey.claims;
    scoped.scope = admin::sendingScope(actions);
    auto tokens = std::make_shared<auth::TokenProvider>(adminKey.key, scoped);
    api::ApiClient client(apiOptionsFor(settings), tokens);
    api::AnalyticsEndpoints endpoints(client);
    return admin::sendActions(actions, endpoints);
}

} // namespace ascsync::ui
