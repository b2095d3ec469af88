#include "admin/requestcollector.h"

#include "api/analyticsendpoints.h"
#include "api/appsendpoint.h"

using namespace Qt::StringLiterals;

namespace ascsync::admin {

Result<QList<AppRequests>> collectAppRequests(api::ApiClient &view, const QStringList &onlyApps)
{
    const auto apps = api::listApps(view);
    if (!apps) {
        return apps.error();
    }
    QStringList unknown = onlyApps;
    QList<AppRequests> collected;
    api::AnalyticsEndpoints endpoints(view);
    for (const api::AppInfo &app : apps.value()) {
        if (!onlyApps.isEmpty() && !onlyApps.contains(app.id)) {
            continue;
        }
        unknown.removeAll(app.id);
        const auto requests = endpoints.requests(app.id);
        if (!requests) {
            return requests.error();
        }
        collected.append({app.id, app.name, requests.value()});
    }
    if (!unknown.isEmpty()) {
        return makeError(u"usage"_s,
                         u"These app IDs are not among the apps this key can see: %1. Run `ascsync apps` to "
                         u"list the app IDs."_s.arg(unknown.join(u", "_s)));
    }
    return collected;
}

} // namespace ascsync::admin
