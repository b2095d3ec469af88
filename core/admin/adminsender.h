#pragma once

#include "admin/adminplan.h"
#include "api/analyticsendpoints.h"

#include <QList>
#include <QString>

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
QList<ActionOutcome> sendActions(const QList<AdminAction> &actions, api::AnalyticsEndpoints &endpoints);

} // namespace ascsync::admin
