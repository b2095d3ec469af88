#pragma once

#include "sync/synccontext.h"

#include <QList>

namespace ascsync::sync {

struct SyncApp {
    QString id;
    QString name;
};

// Analytics reports: every report of every request of each app, at the chosen granularities; each instance
// not loaded yet is downloaded (segments in parallel) and loaded under the corrections rule.
void syncAnalytics(SyncContext &context, const QList<SyncApp> &apps);

} // namespace ascsync::sync
