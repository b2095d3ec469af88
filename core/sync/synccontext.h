#pragma once

#include "rawarchive.h"
#include "syncobserver.h"
#include "syncoptions.h"
#include "syncsummary.h"
#include "unitloader.h"

#include "core/api/apiclient.h"
#include "core/storage/destination.h"

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
    const RawArchive *archive = nullptr; // set: keep every downloaded file (SyncOptions::archiveDirectory)

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
    // Cancelled by the user, or Apple's hourly budget is spent: either way the run stops cleanly.
    bool cancelled() const { return api.isCancelled() || api.budgetResumesAt().has_value(); }
    // The requests this part of the run still expects to make (for the pacing messages' expected end).
    void expectRequests(int count)
    {
        expectedRequests = count;
        requestsAtExpectation = api.requestCount();
    }
    int requestsAhead() const
    {
        return std::max(0, expectedRequests - (api.requestCount() - requestsAtExpectation));
    }
    int expectedRequests = 0;
    int requestsAtExpectation = 0;
};

} // namespace ascsync::sync
