#pragma once

#include "api/apiclient.h"
#include "common/result.h"

#include <QList>
#include <QString>

namespace ascsync::api {

struct AppInfo {
    QString id;
    QString name;
    QString bundleId;
    QString sku;
};

// Every app the key can see (GET /v1/apps, all pages).
Result<QList<AppInfo>> listApps(ApiClient &client);

} // namespace ascsync::api
