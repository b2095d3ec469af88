#include "requestcollector.h"

#include "core/api/analyticsendpoints.h"
#include "core/api/appsendpoint.h"

using namespace Qt::StringLiterals;

namespace ascsync::admin {

Result<QList<AppRequests>> collectAppRequests(api::ApiClient &view, const QStringList &onlyApps)
{
    const auto apps = api::listApps(view);
    if (!apps) {
        return apps.error();
    }
    const api::AppSelection selection = api::selectApps(apps.value(), onlyApps);
    if (!selection.unknown.isEmpty()) {
        return makeError(u"usage"_s, api::describeUnknownApps(selection.unknown));
    }
    QList<AppRequests> collected;
    api::AnalyticsEndpoints endpoints(view);
    for (const api::AppInfo &app : selection.apps) {
        const auto requests = endpoints.requests(app.id);
        if (!requests) {
            return requests.error();
        }
        collected.append({app.id, app.name, requests.value()});
    }
    return collected;
}

} // namespace ascsync::admin
