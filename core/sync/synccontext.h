#pragma once

#include "api/apiclient.h"
#include "storage/destination.h"
#include "sync/syncobserver.h"
#include "sync/syncoptions.h"
#include "sync/syncsummary.h"
#include "sync/unitloader.h"

#include <QDir>

namespace ascsync::sync {

// What every family's sync (analytics, sales, finance) works with during one run.
struct SyncContext {
    api::ApiClient &api;
    storage::Destination &destination;
    const SyncOptions &options;
    SyncObserver &observer;
    SyncSummary &summary;
    QDir workDirectory;

    void info(const QString &text) { observer.message(SyncObserver::Level::Info, text); }
    void warn(const QString &text)
    {
        summary.notes << text;
        observer.message(SyncObserver::Level::Warning, text);
    }
    void failed(const QString &text)
    {
        ++summary.unitsFailed;
        summary.failures << text;
        observer.message(SyncObserver::Level::Error, text);
    }
    void loaded(const UnitLoadResult &result, const QString &what)
    {
        ++summary.unitsLoaded;
        summary.rowsLoaded += result.rowsLoaded;
        summary.rowsReplaced += result.rowsReplaced;
        for (const QString &fact : result.infos) {
            info(what + QStringLiteral(": ") + fact);
        }
        for (const QString &note : result.notes) {
            warn(what + QStringLiteral(": ") + note);
        }
    }
    bool cancelled() const { return api.isCancelled(); }
};

} // namespace ascsync::sync
