#pragma once

#include "api/apiclient.h"
#include "common/result.h"

#include <QList>
#include <QStringList>

namespace ascsync::cli {

struct AppSummary {
    QString id;
    QString name;
    QString bundleId;
    QString sku;
};

// Every app the key can see (GET /v1/apps, all pages).
Result<QList<AppSummary>> listApps(api::ApiClient &client);

// `ascsync apps`: lists the apps the configured key can see.
int runAppsCommand(const QStringList &arguments);

// `ascsync login`: validates a key, checks it against the API, stores it in the keychain and the IDs in
// settings.
int runLoginCommand(const QStringList &arguments);

} // namespace ascsync::cli
