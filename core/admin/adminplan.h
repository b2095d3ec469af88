#pragma once

#include "core/api/analyticsendpoints.h"
#include "core/common/result.h"

#include <QList>
#include <QString>

namespace ascsync::admin {

// One change an Admin key must make so Apple generates an app's analytics reports (API-NOTES §4.3, §5.1).
struct AdminAction {
    enum class Kind {
        Create,        // POST /v1/analyticsReportRequests
        DeleteStopped, // DELETE a request stopped for inactivity (a new one is refused while it exists)
    };
    Kind kind = Kind::Create;
    QString appId;
    QString appName;
    QString accessType; // ONGOING | ONE_TIME_SNAPSHOT
    QString requestId;  // DeleteStopped only
};

struct AppRequests {
    QString appId;
    QString appName;
    QList<api::ReportRequestInfo> requests;
};

// What each app needs: an active ONGOING request and a ONE_TIME_SNAPSHOT request. A stopped ONGOING request
// is deleted, then created again; apps that have both get no action.
QList<AdminAction> planActions(const QList<AppRequests> &apps);

// The number of apps that lack at least one request (a stopped ONGOING request counts as lacking).
int appsNeedingSetup(const QList<AppRequests> &apps);

} // namespace ascsync::admin
