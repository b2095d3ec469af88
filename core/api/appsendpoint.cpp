#include "appsendpoint.h"

#include "resourceid.h"

#include "core/common/blockingcall.h"
#include "core/common/plaintext.h"

using namespace Qt::StringLiterals;

namespace ascsync::api {

Result<QList<AppInfo>> listApps(ApiClient &client)
{
    return blockingCall<Result<QList<AppInfo>>>([&client](std::function<void(Result<QList<AppInfo>>)> done) {
        listAppsAsync(client, std::move(done));
    });
}

void listAppsAsync(ApiClient &client, std::function<void(Result<QList<AppInfo>>)> done)
{
    QUrlQuery query;
    query.addQueryItem(u"fields[apps]"_s, u"name,bundleId,sku,primaryLocale"_s);
    query.addQueryItem(u"limit"_s, u"200"_s);
    client.getAllAsync(u"/v1/apps"_s, query, u"listing your apps"_s,
                       [done = std::move(done)](const Result<PagedData> &pages) {
                           if (!pages) {
                               done(pages.error());
                               return;
                           }
                           done(parseApps(pages->data));
                       });
}

Result<QList<AppInfo>> parseApps(const QJsonArray &data)
{
    QList<AppInfo> apps;
    for (const QJsonValue &value : data) {
        const QJsonObject app = value.toObject();
        const QJsonObject attributes = app.value(u"attributes"_s).toObject();
        const auto id = checkResourceId(
            app.value(u"id"_s).toString(),
            u"the app \"%1\""_s.arg(escapeControlCharacters(attributes.value(u"name"_s).toString())));
        if (!id) {
            return id.error();
        }
        // Server text: control characters escaped once, here, before any terminal, log or label sees it.
        apps.append({id.value(), escapeControlCharacters(attributes.value(u"name"_s).toString()),
                     escapeControlCharacters(attributes.value(u"bundleId"_s).toString()),
                     escapeControlCharacters(attributes.value(u"sku"_s).toString())});
    }
    return apps;
}

AppSelection selectApps(const QList<AppInfo> &listed, const QStringList &only)
{
    AppSelection selection;
    selection.unknown = only;
    for (const AppInfo &app : listed) {
        if (!only.isEmpty() && !only.contains(app.id)) {
            continue;
        }
        selection.unknown.removeAll(app.id);
        selection.apps.append(app);
    }
    return selection;
}

QString describeUnknownApps(const QStringList &unknown)
{
    return u"These app IDs are not among the apps this key can see: %1. Run `ascsync apps` to list the app "
           u"IDs."_s.arg(escapeControlCharacters(unknown.join(u", "_s)));
}

} // namespace ascsync::api
