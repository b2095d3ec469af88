#include "requestcollector.h"

#include "core/api/analyticsendpoints.h"
#include "core/api/appsendpoint.h"
#include "core/common/blockingcall.h"
#include "core/common/inturn.h"

using namespace Qt::StringLiterals;

namespace ascsync::admin {

Result<QList<AppRequests>> collectAppRequests(api::ApiClient &view, const QStringList &onlyApps)
{
    return blockingCall<Result<QList<AppRequests>>>(
        [&](std::function<void(Result<QList<AppRequests>>)> done) {
            collectAppRequestsAsync(view, onlyApps, std::move(done));
        });
}

void collectAppRequestsAsync(api::ApiClient &view, const QStringList &onlyApps,
                             std::function<void(Result<QList<AppRequests>>)> done)
{
    api::listAppsAsync(view,
                       [&view, onlyApps, done = std::move(done)](const Result<QList<api::AppInfo>> &apps) {
                           if (!apps) {
                               done(apps.error());
                               return;
                           }
                           const api::AppSelection selection = api::selectApps(apps.value(), onlyApps);
                           if (!selection.unknown.isEmpty()) {
                               done(makeError(u"usage"_s, api::describeUnknownApps(selection.unknown)));
                               return;
                           }
                           auto collected = std::make_shared<QList<AppRequests>>();
                           forEachInTurn<api::AppInfo>(
                               selection.apps,
                               [&view, collected](const api::AppInfo &app, std::function<void(Status)> next) {
                                   api::AnalyticsEndpoints(view).requestsAsync(
                                       app.id, [app, collected, next = std::move(next)](
                                                   const Result<QList<api::ReportRequestInfo>> &requests) {
                                           if (!requests) {
                                               next(requests.error());
                                               return;
                                           }
                                           collected->append({app.id, app.name, requests.value()});
                                           next({});
                                       });
                               },
                               [collected, done](const Status &status) {
                                   if (status) {
                                       done(*collected);
                                   } else {
                                       done(status.error());
                                   }
                               });
                       });
}

} // namespace ascsync::admin
