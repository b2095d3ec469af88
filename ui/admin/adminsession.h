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
    QByteArray pem;  // wiped by readAdminKey, whatever the outcome
};

using AdminKey = admin::AdminKey;

// What the dialog shows after checking: the apps, the actions they need, and the curl commands with the
// token they carry (signed here, valid at most 20 minutes).
struct AdminPlan : admin::AdminSetupPlan {
    AdminKey adminKey; // kept in memory for "Send requests now"

    // The curl commands of one app only (with the token line), for "Copy for this app".
    QString scriptFor(const QString &appId, const QUrl &apiBaseUrl) const;
};

// Parses and checks what the user typed: the IDs' formats and the key (pasted, else the file).
Result<AdminKey> readAdminKey(AdminKeyInput input);

} // namespace ascsync::ui
