#pragma once

#include "adminplan.h"

#include "core/common/result.h"

#include <QStringList>

#include <functional>

namespace ascsync::api {
class ApiClient;
}

namespace ascsync::admin {

// The report requests of every app `view` can see (or only of `onlyApps`), for planActions/appsNeedingSetup.
// An ID in `onlyApps` that the key cannot see is an error with code "usage" naming it (a typo must not read
// as "nothing to do"). `done` runs once, later, in the client's thread, which must outlive the call.
void collectAppRequestsAsync(api::ApiClient &view, const QStringList &onlyApps,
                             std::function<void(Result<QList<AppRequests>>)> done);
// The blocking form, for the command line.
Result<QList<AppRequests>> collectAppRequests(api::ApiClient &view, const QStringList &onlyApps);

} // namespace ascsync::admin
