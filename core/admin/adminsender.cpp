#include "adminsender.h"

#include "curlscript.h"

#include "core/api/resourceid.h"

using namespace Qt::StringLiterals;

namespace ascsync::admin {

namespace {

QString label(const AdminAction &action)
{
    return u"%1 (%2), %3"_s.arg(action.appName, action.appId, action.accessType);
}

QString existingRequestId(api::AnalyticsEndpoints &endpoints, const AdminAction &action)
{
    const auto requests = endpoints.requests(action.appId);
    if (!requests) {
        return {};
    }
    for (const api::ReportRequestInfo &request : requests.value()) {
        if (request.accessType == action.accessType) {
            return request.id;
        }
    }
    return {};
}

ActionOutcome failure(const AdminAction &action, ActionOutcome::Kind kind, const QString &message)
{
    return {action, kind, {}, message};
}

ActionOutcome send(const AdminAction &action, api::AnalyticsEndpoints &endpoints)
{
    const bool deleting = action.kind == AdminAction::Kind::DeleteStopped;
    const auto outcome = deleting ? endpoints.deleteRequest(action.requestId)
                                  : endpoints.createRequest(action.appId, action.accessType);
    if (!outcome) {
        return failure(action, ActionOutcome::Kind::Failed,
                       u"%1: %2"_s.arg(label(action), outcome.errorMessage()));
    }
    const int status = outcome->status;
    if (status == 403) {
        return failure(
            action, ActionOutcome::Kind::NotAdmin,
            u"%1: refused (HTTP 403). This key is not an Admin key: creating report requests needs a key "
            u"with the Admin role (Users and Access > Integrations)."_s.arg(label(action)));
    }
    if (deleting) {
        if (status == 204 || status == 404) {
            return {action, ActionOutcome::Kind::Deleted, action.requestId,
                    u"%1: the stopped request %2 is deleted."_s.arg(label(action), action.requestId)};
        }
    } else if (status == 201) {
        const QString id = outcome->json().value(u"data"_s).toObject().value(u"id"_s).toString();
        return {action, ActionOutcome::Kind::Created, id,
                u"%1: created (request %2). Apple generates the first reports within 24 to 72 hours."_s.arg(
                    label(action), id)};
    } else if (status == 409) {
        const QString id = existingRequestId(endpoints, action);
        return {action, ActionOutcome::Kind::AlreadyExists, id,
                u"%1: already exists%2; nothing to do."_s.arg(
                    label(action), id.isEmpty() ? QString() : u" (request %1)"_s.arg(id))};
    }
    return failure(
        action, ActionOutcome::Kind::Failed,
        u"%1: %2"_s.arg(label(action), api::describeHttpFailure(status, outcome->errors,
                                                                deleting ? u"deleting a report request"_s
                                                                         : u"creating a report request"_s)));
}

} // namespace

QStringList sendingScope(const QList<AdminAction> &actions)
{
    QStringList scope = tokenScope(actions);
    for (const AdminAction &action : actions) {
        if (action.kind == AdminAction::Kind::Create && api::isValidResourceId(action.appId)) {
            const QString lookup =
                u"GET /v1/apps/%1/analyticsReportRequests"_s.arg(api::pathSegment(action.appId));
            if (!scope.contains(lookup)) {
                scope.append(lookup);
            }
        }
    }
    return scope;
}

QList<ActionOutcome> sendActions(const QList<AdminAction> &actions, api::AnalyticsEndpoints &endpoints)
{
    QList<ActionOutcome> outcomes;
    for (const AdminAction &action : actions) {
        outcomes.append(send(action, endpoints));
        if (outcomes.last().kind == ActionOutcome::Kind::NotAdmin) {
            break; // every further call would be refused the same way
        }
    }
    return outcomes;
}

} // namespace ascsync::admin
