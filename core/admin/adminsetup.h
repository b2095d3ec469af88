#pragma once

#include "adminplan.h"
#include "adminsender.h"

#include "core/auth/jwt.h"
#include "core/auth/p8key.h"
#include "core/common/result.h"
#include "core/config/settings.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace ascsync::config {
class SecretStore;
}

namespace ascsync::admin {

// An Admin setup (one ONGOING and one ONE_TIME_SNAPSHOT report request per app), the same for the Admin
// Setup dialog and `ascsync admin-commands`. Synchronous, with its own API clients: off the UI thread.

// The Admin key, parsed and held in memory only, with the claims it signs with.
struct AdminKey {
    auth::P8Key key;
    auth::TokenClaims claims;
};

// The apps, the actions they need, and the curl commands with the token they carry (signed here, scoped to
// exactly those calls, valid at most 20 minutes; no token when there is nothing to do).
struct AdminSetupPlan {
    QList<AppRequests> apps;
    QList<AdminAction> actions;
    int appsNeedingSetup = 0;
    auth::SignedToken token;
    QString script;
};

// Lists `onlyApps` (every app when empty) with their report requests -- through the regular key when the
// settings have a usable one, because it is the key the syncs use and sees the same apps, else through the
// Admin key --, plans the missing requests and renders the commands. `notice` hears why the regular key was
// not used.
Result<AdminSetupPlan> planAdminSetup(const config::Settings &settings, config::SecretStore &secrets,
                                      const AdminKey &adminKey, const QStringList &onlyApps,
                                      const std::function<void(const QString &)> &notice = {});

// The plan for apps whose requests are known (collectAppRequests or collectAppRequestsAsync): the actions,
// a token scoped to them and the commands.
Result<AdminSetupPlan> planFromRequests(const config::Settings &settings, const AdminKey &adminKey,
                                        QList<AppRequests> apps);

// The client that sends `actions`: the Admin key, under a token scoped to their calls (and the lookup of an
// existing request). For sendActionsAsync (the Admin Setup dialog) and sendAdminSetup.
std::unique_ptr<api::ApiClient> makeSendingClient(const config::Settings &settings, const AdminKey &adminKey,
                                                  const QList<AdminAction> &actions);

// Sends `actions` with the Admin key, under a token scoped to them, and says what happened to each.
QList<ActionOutcome> sendAdminSetup(const config::Settings &settings, const AdminKey &adminKey,
                                    const QList<AdminAction> &actions);

} // namespace ascsync::admin
