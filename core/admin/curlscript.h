#pragma once

#include "admin/adminplan.h"
#include "auth/jwt.h"

#include <QString>
#include <QUrl>

namespace ascsync::admin {

// Renders the admin actions as a POSIX shell script of ready-to-run curl commands. The token (signed locally,
// at most 20 minutes) is set once in a shell variable; the Admin key itself never appears.
QString renderCurlScript(const QList<AdminAction> &actions, const auth::SignedToken &token,
                         const QUrl &apiBaseUrl);

} // namespace ascsync::admin
