#include "adminsender.h"

#include "curlscript.h"

#include "core/api/resourceid.h"
#include "core/common/blockingcall.h"

using namespace Qt::StringLiterals;

namespace ascsync::admin {

namespace {

QString label(const AdminAction &action)
{
    return u"%1 (%2), %3"_s.arg(action.appName, action.appId, action.accessType);
}

QString existingRequestId(const Result<QList<api::ReportRequestInfo>> &requests, const AdminAction &action)
{
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

ActionOutcome alreadyExists(const AdminAction &action, const QString &id)
{
    return {action, ActionOutcome::Kind::AlreadyExists, id,
            u"%1: already exists%2; nothing to do."_s.arg(
                label(action), id.isEmpty() ? QString() : u" (request %1)"_s.arg(id))};
}

// What Apple's answer to one action means (a 409 to a creation is looked up by the caller).
ActionOutcome judge(const AdminAction &action, const Result<api::HttpOutcome> &outcome)
{
    const bool deleting = action.kind == AdminAction::Kind::DeleteStopped;
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
    if (deleting && (status == 204 || status == 404)) {
        return {action, ActionOutcome::Kind::Deleted, action.requestId,
                u"%1: the stopped request %2 is deleted."_s.arg(label(action), action.requestId)};
    }
    if (!deleting && status == 201) {
        const QString id = outcome->json().value(u"data"_s).toObject().value(u"id"_s).toString();
        return {action, ActionOutcome::Kind::Created, id,
                u"%1: created (request %2). Apple generates the first reports within 24 to 72 hours."_s.arg(
                    label(action), id)};
    }
    return failure(
        action, ActionOutcome::Kind::Failed,
        u"%1: %2"_s.arg(label(action), api::describeHttpFailure(status, outcome->errors,
                                                                deleting ? u"deleting a report request"_s
                                                                         : u"creating a report request"_s)));
}

void sendOne(api::ApiClient &client, const AdminAction &action, std::function<void(ActionOutcome)> done)
{
    api::AnalyticsEndpoints endpoints(client);
    if (action.kind == AdminAction::Kind::DeleteStopped) {
        endpoints.deleteRequestAsync(
            action.requestId, [action, done = std::move(done)](const Result<api::HttpOutcome> &outcome) {
                done(judge(action, outcome));
            });
        return;
    }
    endpoints.createRequestAsync(
        action.appId, action.accessType,
        [&client, action, done = std::move(done)](const Result<api::HttpOutcome> &outcome) {
            if (!outcome || outcome->status != 409) {
                done(judge(action, outcome));
                return;
            }
            // It exists already (someone else, or an earlier run): name the request that does.
            api::AnalyticsEndpoints(client).requestsAsync(
                action.appId, [action, done](const Result<QList<api::ReportRequestInfo>> &requests) {
                    done(alreadyExists(action, existingRequestId(requests, action)));
                });
        });
}

// The actions still to send and what the sent ones came to.
struct Sending {
    QList<AdminAction> actions;
    QList<ActionOutcome> outcomes;
    std::function<void(QList<ActionOutcome>)> done;
};

void sendNext(api::ApiClient &client, const std::shared_ptr<Sending> &sending)
{
    const qsizetype next = sending->outcomes.size();
    const bool refused = next > 0 && sending->outcomes.last().kind == ActionOutcome::Kind::NotAdmin;
    if (next == sending->actions.size() ||
        refused) { // after a 403 every further call is refused the same way
        sending->done(std::move(sending->outcomes));
        return;
    }
    sendOne(client, sending->actions.at(next), [&client, sending](ActionOutcome outcome) {
        sending->outcomes.append(std::move(outcome));
        sendNext(client, sending);
    });
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
    return blockingCall<QList<ActionOutcome>>([&](std::function<void(QList<ActionOutcome>)> done) {
        sendActionsAsync(actions, endpoints.client(), std::move(done));
    });
}

void sendActionsAsync(const QList<AdminAction> &actions, api::ApiClient &client,
                      std::function<void(QList<ActionOutcome>)> done)
{
    auto sending = std::make_shared<Sending>();
    sending->actions = actions;
    sending->done = std::move(done);
    // Answers from the client's loop even when there is nothing to send.
    client.later([&client, sending] { sendNext(client, sending); });
}

} // namespace ascsync::admin
