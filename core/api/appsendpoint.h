#pragma once

#include "apiclient.h"

#include "core/common/result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace ascsync::api {

struct AppInfo {
    QString id;
    QString name;
    QString bundleId;
    QString sku;
};

// Every app the key can see (GET /v1/apps, all pages).
Result<QList<AppInfo>> listApps(ApiClient &client);
// The same, asynchronously (ApiClient's rules: `done` runs once, later, in the client's thread).
void listAppsAsync(ApiClient &client, std::function<void(Result<QList<AppInfo>>)> done);
// The `data` array of a GET /v1/apps page, read into AppInfo records (pure, for tests and fuzzing).
Result<QList<AppInfo>> parseApps(const QJsonArray &data);

// The apps whose IDs are in `only` (every app when it is empty), in Apple's order, and the IDs of `only` the
// key cannot see: a typo in an apps list must never read as "nothing to do".
struct AppSelection {
    QList<AppInfo> apps;
    QStringList unknown;
};
AppSelection selectApps(const QList<AppInfo> &listed, const QStringList &only);
// "These app IDs are not among the apps this key can see: … Run `ascsync apps` …"
QString describeUnknownApps(const QStringList &unknown);

} // namespace ascsync::api
