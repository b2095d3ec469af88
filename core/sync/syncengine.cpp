#include "sync/syncengine.h"

#include "api/appsendpoint.h"
#include "sync/analyticssync.h"
#include "sync/downloadfolder.h"
#include "sync/salessync.h"
#include "sync/synccontext.h"

#include <QJsonArray>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace ascsync::sync {

namespace {

Result<QList<SyncApp>> appsToSync(SyncContext &context)
{
    const auto listed = api::listApps(context.api);
    if (!listed) {
        return listed.error();
    }
    const api::AppSelection selection = api::selectApps(listed.value(), context.options.apps);
    QList<SyncApp> apps;
    for (const api::AppInfo &app : selection.apps) {
        apps.append({app.id, app.name});
    }
    for (const QString &id : selection.unknown) {
        context.failed(
            u"App %1 is in your apps list, but this key cannot see it: remove it from the list or check "
            u"the key's access (`ascsync apps` lists what it sees)."_s.arg(id));
    }
    return apps;
}

} // namespace

QJsonObject SyncSummary::toJson() const
{
    return QJsonObject{{u"ok"_s, ok()},
                       {u"cancelled"_s, cancelled},
                       {u"unitsLoaded"_s, unitsLoaded},
                       {u"unitsUpToDate"_s, unitsUpToDate},
                       {u"unitsEmpty"_s, unitsEmpty},
                       {u"unitsPending"_s, unitsPending},
                       {u"unitsFailed"_s, unitsFailed},
                       {u"rowsLoaded"_s, rowsLoaded},
                       {u"rowsReplaced"_s, rowsReplaced},
                       {u"failures"_s, QJsonArray::fromStringList(failures)},
                       {u"notes"_s, QJsonArray::fromStringList(notes)}};
}

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
    const QString runId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (const Status started = destination.startRun(runId, options.clock()); !started) {
        return started.error();
    }
    SyncSummary summary;
    SyncContext context{api, destination, options, observer, summary, QDir(work)};
    const bool analytics =
        std::any_of(options.streams.begin(), options.streams.end(),
                    [](const QString &stream) { return stream.section(u':', 0, 0) == u"analytics"_s; });
    if (analytics) {
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
    summary.cancelled = context.cancelled();
    const QString outcome = summary.cancelled ? u"cancelled"_s : summary.ok() ? u"ok"_s : u"failed"_s;
    if (const Status finished =
            destination.finishRun(runId, QDateTime::currentDateTimeUtc(), outcome, summary.toJson());
        !finished) {
        summary.notes << finished.errorMessage();
    }
    return summary;
}

} // namespace ascsync::sync
