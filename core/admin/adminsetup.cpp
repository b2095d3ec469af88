#include "adminsetup.h"

#include "curlscript.h"
#include "requestcollector.h"

#include "core/api/analyticsendpoints.h"
#include "core/auth/tokenprovider.h"
#include "core/config/secretstore.h"
#include "core/sync/syncsetup.h"

namespace ascsync::admin {

namespace {

std::unique_ptr<api::ApiClient> regularClientFor(const config::Settings &settings,
                                                 config::SecretStore &secrets,
                                                 const std::function<void(const QString &)> &notice)
{
    if (settings.keyId.isEmpty())
        return nullptr;
    auto regular = sync::openApiClient(settings, secrets);
    if (regular)
        return std::move(regular).value();
    if (notice)
        notice(regular.errorMessage());
    return nullptr;
}

} // namespace

Result<AdminSetupPlan> planAdminSetup(const config::Settings &settings, config::SecretStore &secrets,
                                      const AdminKey &adminKey, const QStringList &onlyApps,
                                      const std::function<void(const QString &)> &notice)
{
    const auto adminClient =
        sync::makeApiClient(sync::apiOptionsFrom(settings), adminKey.key, adminKey.claims);
    const auto regularClient = regularClientFor(settings, secrets, notice);
    auto collected = collectAppRequests(regularClient ? *regularClient : *adminClient, onlyApps);
    if (!collected)
        return collected.error();
    return planFromRequests(settings, adminKey, std::move(collected).value());
}

Result<AdminSetupPlan> planFromRequests(const config::Settings &settings, const AdminKey &adminKey,
                                        QList<AppRequests> apps)
{
    AdminSetupPlan plan;
    plan.apps = std::move(apps);
    plan.actions = planActions(plan.apps);
    plan.appsNeedingSetup = appsNeedingSetup(plan.apps);
    // The script's token may make exactly the script's report-request calls (Apple's `scope` claim).
    auth::TokenClaims scoped = adminKey.claims;
    scoped.scope = tokenScope(plan.actions);
    if (!scoped.scope.isEmpty()) {
        const auto token = auth::TokenProvider(adminKey.key, scoped).token();
        if (!token)
            return token.error();
        plan.token = token.value();
    }
    plan.script = renderCurlScript(plan.actions, plan.token, settings.apiBaseUrl);
    return plan;
}

std::unique_ptr<api::ApiClient> makeSendingClient(const config::Settings &settings, const AdminKey &adminKey,
                                                  const QList<AdminAction> &actions)
{
    auth::TokenClaims scoped = adminKey.claims;
    scoped.scope = sendingScope(actions);
    return sync::makeApiClient(sync::apiOptionsFrom(settings), adminKey.key, scoped);
}

QList<ActionOutcome> sendAdminSetup(const config::Settings &settings, const AdminKey &adminKey,
                                    const QList<AdminAction> &actions)
{
    const auto client = makeSendingClient(settings, adminKey, actions);
    api::AnalyticsEndpoints endpoints(*client);
    return sendActions(actions, endpoints);
}

} // namespace ascsync::admin
