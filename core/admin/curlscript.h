#pragma once

#include "adminplan.h"

#include "core/auth/jwt.h"

#include <QString>
#include <QStringList>
#include <QUrl>

namespace ascsync::admin {

// Renders the admin actions as a POSIX shell script of ready-to-run curl commands. The token (signed locally,
// at most 20 minutes, scoped with tokenScope()) is set once in a shell variable and handed to curl on its
// standard input, never on its command line; the Admin key itself never appears. Every id is checked against
// api::isValidResourceId and single-quoted, as one percent-encoded path segment: an action with a bad id is
// written as a comment saying why it was refused, and a script with nothing to run holds no token.
QString renderCurlScript(const QList<AdminAction> &actions, const auth::SignedToken &token,
                         const QUrl &apiBaseUrl);

// Apple's `scope` claim for a token that may make exactly these report-request calls ("POST
// /v1/analyticsReportRequests", "DELETE /v1/analyticsReportRequests/<id>"), nothing else. Actions with an
// invalid id are left out. Empty when no action can be sent.
QStringList tokenScope(const QList<AdminAction> &actions);

} // namespace ascsync::admin
