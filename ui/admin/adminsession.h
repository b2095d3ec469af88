#pragma once

#include "core/admin/adminplan.h"
#include "core/admin/adminsender.h"
#include "core/admin/adminsetup.h"
#include "core/auth/jwt.h"
#include "core/auth/p8key.h"
#include "core/common/result.h"
#include "core/config/settings.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace ascsync::ui {

// What the user typed into the Admin setup dialog. The PEM (pasted) or the file path (picked) gives the key.
struct AdminKeyInput {
    QString issuerId;
    QString keyId;
    QString keyFile; // used when pem is empty
    QByteArray pem;  // wiped by prepareAdminPlan, whatever the outcome
};

using AdminKey = admin::AdminKey;

// What the dialog shows after checking: the apps, the actions they need, and the curl commands with the
// token they carry (signed here, valid at most 20 minutes).
struct AdminPlan : admin::AdminSetupPlan {
    AdminKey adminKey; // kept in memory for "Send requests now"

    // The curl commands of one app only (with the token line), for "Copy for this app".
    QString scriptFor(const QString &appId, const QUrl &apiBaseUrl) const;
};

// Runs on a worker thread (keychain, then network; it creates its own API clients there).
// Parses the key, lists the apps with their report requests (through the regular key when one is set up,
// else the Admin key, as `ascsync admin-commands` does), plans the actions and renders the commands.
Result<AdminPlan> prepareAdminPlan(AdminKeyInput input, const config::Settings &settings);

} // namespace ascsync::ui
