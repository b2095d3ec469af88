#include "appsendpoints.h"

#include "endpointrequest.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

namespace {

// fields[apps] values of Apple's OpenAPI document 4.4.1.
const QStringList &appFieldNames()
{
    static const QStringList names{
        u"accessibilityUrl"_s,
        u"name"_s,
        u"bundleId"_s,
        u"sku"_s,
        u"primaryLocale"_s,
        u"isOrEverWasMadeForKids"_s,
        u"subscriptionStatusUrl"_s,
        u"subscriptionStatusUrlVersion"_s,
        u"subscriptionStatusUrlForSandbox"_s,
        u"subscriptionStatusUrlVersionForSandbox"_s,
        u"contentRightsDeclaration"_s,
        u"streamlinedPurchasingEnabled"_s,
        u"accessibilityDeclarations"_s,
        u"appEncryptionDeclarations"_s,
        u"appStoreIcon"_s,
        u"ciProduct"_s,
        u"betaTesters"_s,
        u"betaGroups"_s,
        u"appStoreVersions"_s,
        u"appTags"_s,
        u"preReleaseVersions"_s,
        u"betaAppLocalizations"_s,
        u"builds"_s,
        u"betaLicenseAgreement"_s,
        u"betaAppReviewDetail"_s,
        u"appInfos"_s,
        u"appClips"_s,
        u"appPricePoints"_s,
        u"endUserLicenseAgreement"_s,
        u"appPriceSchedule"_s,
        u"appAvailabilityV2"_s,
        u"inAppPurchases"_s,
        u"subscriptionGroups"_s,
        u"gameCenterEnabledVersions"_s,
        u"perfPowerMetrics"_s,
        u"appCustomProductPages"_s,
        u"inAppPurchasesV2"_s,
        u"promotedPurchases"_s,
        u"appEvents"_s,
        u"reviewSubmissions"_s,
        u"subscriptionGracePeriod"_s,
        u"customerReviews"_s,
        u"customerReviewSummarizations"_s,
        u"gameCenterDetail"_s,
        u"appStoreVersionExperimentsV2"_s,
        u"alternativeDistributionKey"_s,
        u"analyticsReportRequests"_s,
        u"marketplaceSearchDetail"_s,
        u"buildUploads"_s,
        u"backgroundAssets"_s,
        u"betaFeedbackScreenshotSubmissions"_s,
        u"betaFeedbackCrashSubmissions"_s,
        u"searchKeywords"_s,
        u"webhooks"_s,
        u"androidToIosAppMappingDetails"_s,
    };
    return names;
}

QString sortKey(const SimApp &app, const QString &field)
{
    if (field == u"bundleId"_s)
        return app.bundleId;
    if (field == u"sku"_s)
        return app.sku;
    return app.name;
}

} // namespace

AppsEndpoints::AppsEndpoints(const World &world)
    : m_world(world)
{}

void AppsEndpoints::registerRoutes(ApiRouter &router) const
{
    using Access = AccessPolicy::Access;
    router.add("GET", u"/v1/apps"_s, Access::AnyRole, this, &AppsEndpoints::list);
    router.add("GET", u"/v1/apps/{id}"_s, Access::AnyRole, this, &AppsEndpoints::get);
}

const SimApp *AppsEndpoints::findApp(const World &world, const QString &id)
{
    const QList<SimApp> &apps = world.apps();
    const auto it = std::find_if(apps.begin(), apps.end(), [&id](const SimApp &app) { return app.id == id; });
    return it == apps.end() ? nullptr : &*it;
}

HttpReply AppsEndpoints::list(const ApiCall &call) const
{
    // The parameters the simulator models; Apple's other filters and includes are refused rather than
    // silently ignored, so a client never believes a filter was applied when it was not.
    EndpointRequest endpoint(call, {u"filter[id]"_s, u"filter[bundleId]"_s, u"filter[name]"_s,
                                    u"filter[sku]"_s, u"sort"_s, u"fields[apps]"_s, u"limit"_s, u"cursor"_s});
    QueryParameters &parameters = endpoint.parameters();
    const QStringList ids = parameters.list(u"filter[id]"_s);
    const QStringList bundleIds = parameters.list(u"filter[bundleId]"_s);
    const QStringList names = parameters.list(u"filter[name]"_s);
    const QStringList skus = parameters.list(u"filter[sku]"_s);
    const QStringList sort = parameters.list(
        u"sort"_s, {u"name"_s, u"-name"_s, u"bundleId"_s, u"-bundleId"_s, u"sku"_s, u"-sku"_s});
    const FieldSet fields = parameters.fieldSet(u"fields[apps]"_s, appFieldNames());
    endpoint.readPage();
    if (const std::optional<HttpReply> rejection = endpoint.rejection())
        return *rejection;

    QList<SimApp> apps;
    for (const SimApp &app : m_world.apps()) {
        const auto accepts = [](const QStringList &wanted, const QString &value) {
            return wanted.isEmpty() || wanted.contains(value);
        };
        if (accepts(ids, app.id) && accepts(bundleIds, app.bundleId) && accepts(names, app.name) &&
            accepts(skus, app.sku))
            apps.append(app);
    }
    for (auto key = sort.crbegin(); key != sort.crend(); ++key) {
        const bool descending = key->startsWith(u'-');
        const QString field = descending ? key->mid(1) : *key;
        std::stable_sort(apps.begin(), apps.end(), [&](const SimApp &a, const SimApp &b) {
            return descending ? sortKey(b, field) < sortKey(a, field) : sortKey(a, field) < sortKey(b, field);
        });
    }
    return endpoint.collection(apps, [&](const SimApp &app) { return call.json.app(app, fields); });
}

HttpReply AppsEndpoints::get(const ApiCall &call) const
{
    EndpointRequest endpoint(call, {u"fields[apps]"_s});
    const FieldSet fields = endpoint.parameters().fieldSet(u"fields[apps]"_s, appFieldNames());
    if (const std::optional<HttpReply> rejection = endpoint.rejection())
        return *rejection;
    const SimApp *app = findApp(m_world, call.parameter());
    if (!app)
        return endpoint.notFound(u"apps"_s);
    return endpoint.resource(call.json.app(*app, fields));
}

} // namespace ascsync::sandbox
