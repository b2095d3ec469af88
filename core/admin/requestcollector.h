#pragma once

#include "adminplan.h"

#include "core/common/result.h"

#include <QStringList>

namespace ascsync::api {
class ApiClient;
}

namespace ascsync::admin {

// The report requests of every app `view` can see (or only of `onlyApps`), for planActions/appsNeedingSetup.
// An ID in `onlyApps` that the key cannot see is an error with code "usage" naming it (a typo must not read
// as "nothing to do"). Synchronous: call it off the UI thread.
Result<QList<AppRequests>> collectAppRequests(api::ApiClient &view, const QStringList &onlyApps);

} // namespace ascsync::admin
