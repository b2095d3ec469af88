#pragma once

#include "adminplan.h"

#include "core/api/analyticsendpoints.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace ascsync::admin {

struct ActionOutcome {
    enum class Kind { Created, AlreadyExists, Deleted, NotAdmin, Failed };
    AdminAction action;
    Kind kind = Kind::Failed;
    QString requestId; // the new or existing request
    QString message;   // one sentence for the user
};

// One-click enablement: performs the actions with the Admin key's client, in order, and says what happened to
// each in words a user understands (201 created, 409 already there, 403 not an Admin key, ...).
// Apple's `scope` claim for the token sendActions() uses: the report-request calls of `actions`, plus the
// listing of an app's requests it reads when Apple answers 409. Empty when no action can be sent.
QStringList sendingScope(const QList<AdminAction> &actions);

QList<ActionOutcome> sendActions(const QList<AdminAction> &actions, api::AnalyticsEndpoints &endpoints);
// The same, asynchronously: `done` runs once, later, in the client's thread, which must outlive the call.
void sendActionsAsync(const QList<AdminAction> &actions, api::ApiClient &client,
                      std::function<void(QList<ActionOutcome>)> done);

} // namespace ascsync::admin
