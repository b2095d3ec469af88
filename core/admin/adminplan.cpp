#include "adminplan.h"

using namespace Qt::StringLiterals;

namespace ascsync::admin {

namespace {

const QString kOngoing = u"ONGOING"_s;
const QString kSnapshot = u"ONE_TIME_SNAPSHOT"_s;

QList<AdminAction> actionsFor(const AppRequests &app)
{
    QList<AdminAction> actions;
    bool activeOngoing = false;
    bool snapshot = false;
    for (const api::ReportRequestInfo &request : app.requests) {
        if (request.accessType == kOngoing) {
            if (request.stoppedDueToInactivity) {
                actions.append(
                    {AdminAction::Kind::DeleteStopped, app.appId, app.appName, kOngoing, request.id});
            } else {
                activeOngoing = true;
            }
        } else if (request.accessType == kSnapshot) {
            snapshot = true;
        }
    }
    if (!activeOngoing) {
        actions.append({AdminAction::Kind::Create, app.appId, app.appName, kOngoing, {}});
    }
    if (!snapshot) {
        actions.append({AdminAction::Kind::Create, app.appId, app.appName, kSnapshot, {}});
    }
    return actions;
}

} // namespace

QList<AdminAction> planActions(const QList<AppRequests> &apps)
{
    QList<AdminAction> actions;
    for (const AppRequests &app : apps) {
        actions.append(actionsFor(app));
    }
    return actions;
}

int appsNeedingSetup(const QList<AppRequests> &apps)
{
    return static_cast<int>(std::count_if(apps.begin(), apps.end(), [](const AppRequests &app) {
        const QList<AdminAction> actions = actionsFor(app);
        return std::any_of(actions.begin(), actions.end(), [](const AdminAction &action) {
            return action.kind == AdminAction::Kind::Create;
        });
    }));
}

} // namespace ascsync::admin
