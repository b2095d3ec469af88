#include "syncengine.h"

#include "analyticssync.h"
#include "downloadfolder.h"
#include "pacingreporter.h"
#include "salessync.h"
#include "synccontext.h"

#include <QJsonArray>
#include <QScopeGuard>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace ascsync::sync {

QJsonObject SyncSummary::toJson() const
{
    return QJsonObject{{u"ok"_s, ok()},
                       {u"cancelled"_s, cancelled},
                       {u"budgetResumesAt"_s,
                        budgetSpent() ? QJsonValue(budgetResumesAt.toString(Qt::ISODate)) : QJsonValue()},
                       {u"unitsLoaded"_s, unitsLoaded},
                       {u"unitsUpToDate"_s, unitsUpToDate},
                       {u"unitsEmpty"_s, unitsEmpty},
                       {u"unitsPending"_s, unitsPending},
                       {u"unitsFailed"_s, unitsFailed},
                       {u"rowsLoaded"_s, rowsLoaded},
                       {u"rowsReplaced"_s, rowsReplaced},
                       {u"failures"_s, QJsonArray::fromStringList(failures)},
                       {u"notes"_s, QJsonArray::fromStringList(notes)},
                       {u"archive"_s, archiving
                                          ? QJsonValue(QJsonObject{{u"unitsKept"_s, unitsArchived},
                                                                   {u"unitsPruned"_s, archivePrunedUnits},
                                                                   {u"bytesPruned"_s, archivePrunedBytes}})
                                          : QJsonValue()}};
}

namespace {

// After the run, whatever it did: the archive back within its limits, oldest downloads first, saying what
// went.
void pruneArchive(const RawArchive &archive, const SyncOptions &options, SyncSummary &summary,
                  SyncObserver &observer)
{
    const auto pruned = archive.prune(options.archiveLimits, options.clock());
    if (!pruned) {
        summary.notes << pruned.errorMessage();
        observer.message(SyncObserver::Level::Warning, pruned.errorMessage());
        return;
    }
    summary.archivePrunedUnits = pruned->units;
    summary.archivePrunedBytes = pruned->bytes;
    if (pruned->units == 0)
        return;
    observer.message(
        SyncObserver::Level::Info,
        u"Archive: pruned %1 units (%2), oldest first, to stay within its limits:"_s.arg(pruned->units)
                .arg(describeBytes(pruned->bytes)) +
            u"\n  "_s + pruned->what.join(u"\n  "_s));
}

} // namespace

Result<SyncSummary> runSync(api::ApiClient &api, storage::Destination &destination,
                            const SyncOptions &options, SyncObserver &observer)
{
    auto lock = destination.acquireSyncLock();
    if (!lock) {
        return lock.error();
    }
    std::unique_ptr<DownloadFolder>
        downloads; // a private folder per destination, emptied of a killed run's files
    QString work = options.workDirectory;
    if (work.isEmpty()) {
        auto opened = DownloadFolder::open(destination.spec());
        if (!opened) {
            return opened.error();
        }
        downloads = std::move(opened).value();
        work = downloads->path();
    }
    std::optional<RawArchive> archive; // opened before the run starts: a bad folder stops it at once
    if (!options.archiveDirectory.isEmpty()) {
        archive.emplace(options.archiveDirectory);
        if (const Status opened = archive->open(); !opened) {
            return opened.error();
        }
    }
    const QString runId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (const Status started = destination.startRun(runId, options.clock()); !started) {
        return started.error();
    }
    SyncSummary summary;
    summary.archiving = archive.has_value();
    SyncContext context{api, destination, options, observer, summary, QDir(work)};
    context.archive = archive ? &*archive : nullptr;
    PacingReporter pacing(
        observer, [&context] { return context.requestsAhead(); }, options.clock);
    api.setBudgetWaitHandler([&pacing](const api::BudgetWait &wait) { pacing.onWait(wait); });
    const auto unhook = qScopeGuard([&api] { api.setBudgetWaitHandler({}); });
    if (options.streams.includes(reports::StreamSelection::Family::Analytics)) {
        const auto apps = appsToSync(context);
        if (!apps) {
            context.failed(apps.errorMessage());
        } else {
            syncAnalytics(context, apps.value());
        }
    }
    if (!context.cancelled()) {
        syncSales(context);
    }
    if (!context.cancelled()) {
        syncFinance(context);
    }
    if (archive) {
        pruneArchive(*archive, options, summary, observer);
    }
    summary.cancelled = api.isCancelled();
    if (const auto resumesAt = api.budgetResumesAt()) {
        summary.budgetResumesAt = *resumesAt;
        observer.message(SyncObserver::Level::Warning,
                         u"Apple's hourly request budget is spent; the next sync resumes after %1. What was "
                         u"loaded stays loaded; run `ascsync sync` again then (a scheduled sync retries by "
                         u"itself)."_s.arg(resumesAt->toLocalTime().toString(u"HH:mm"_s)));
    }
    const QString outcome = summary.cancelled       ? u"cancelled"_s
                            : summary.budgetSpent() ? u"budget-spent"_s
                            : summary.ok()          ? u"ok"_s
                                                    : u"failed"_s;
    if (const Status finished = destination.finishRun(runId, options.clock(), outcome, summary.toJson());
        !finished) {
        summary.notes << finished.errorMessage();
    }
    return summary;
}

} // namespace ascsync::sync
