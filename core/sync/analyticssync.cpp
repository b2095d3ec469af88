#include "sync/analyticssync.h"

#include "api/analyticsendpoints.h"
#include "reports/tablenames.h"
#include "sync/synclog.h"
#include "sync/unitprogress.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>

#include <atomic>

using namespace Qt::StringLiterals;

namespace ascsync::sync {

namespace {

// Instances are downloaded a batch at a time: enough to keep `concurrency` downloads busy, few enough that
// their pre-signed URLs (listed just before) do not expire while they wait.
constexpr qsizetype kBatchSize = 8;

struct InstanceUnit {
    SyncApp app;
    api::ReportInfo report;
    QString accessType;
    api::InstanceInfo instance;
    QString table;
    QList<api::SegmentInfo> segments;
    QStringList files;
    QString failure;
};

QString describe(const InstanceUnit &unit)
{
    return u"%1, %2, %3 instance of %4"_s.arg(unit.app.name, unit.report.name,
                                              unit.instance.granularity.toLower(),
                                              unit.instance.processingDate.toString(Qt::ISODate));
}

UnitLoad unitLoadFor(const SyncContext &context, const InstanceUnit &unit)
{
    UnitLoad load;
    load.table = unit.table;
    load.files = unit.files;
    load.replace = UnitLoad::Replace::NewestPerDate;
    load.dateHeaders = {u"Date"_s, u"Event Date"_s};
    load.policy = context.options.policy;
    QStringList checksums;
    QJsonArray segments;
    for (const api::SegmentInfo &segment : unit.segments) {
        checksums << segment.checksum;
        segments.append(QJsonObject{{u"id"_s, segment.id},
                                    {u"checksum"_s, segment.checksum},
                                    {u"sizeInBytes"_s, segment.sizeInBytes}});
    }
    load.instance = storage::InstanceRecord{0,
                                            unit.instance.id,
                                            unit.app.id,
                                            unit.report.id,
                                            unit.report.name,
                                            unit.table,
                                            unit.instance.granularity,
                                            unit.instance.processingDate,
                                            unit.accessType,
                                            0,
                                            checksums.join(u','),
                                            {}};
    load.record.stream = u"analytics/"_s + unit.table;
    load.record.unitKey = unit.instance.id;
    load.record.checksum = checksums.join(u',');
    load.record.source = u"%1 %2 %3"_s.arg(unit.report.name, unit.instance.granularity,
                                           unit.instance.processingDate.toString(Qt::ISODate));
    load.record.details =
        QJsonObject{{u"appId"_s, unit.app.id},
                    {u"report"_s, unit.report.name},
                    {u"granularity"_s, unit.instance.granularity},
                    {u"processingDate"_s, unit.instance.processingDate.toString(Qt::ISODate)},
                    {u"accessType"_s, unit.accessType},
                    {u"segments"_s, segments}};
    return load;
}

// "analytics" selects every report; "analytics:downloads" (a table name) selects only that one.
bool wantsTable(const SyncOptions &options, const QString &table)
{
    bool all = false;
    bool listed = false;
    for (const QString &stream : options.streams) {
        all = all || stream == u"analytics"_s;
        listed = listed || stream == u"analytics:"_s + table;
    }
    return all || listed;
}

// Lists what is new: instances whose id has no load record yet.
QList<InstanceUnit> discover(SyncContext &context, const QList<SyncApp> &apps)
{
    api::AnalyticsEndpoints endpoints(context.api);
    QList<InstanceUnit> pending;
    for (const SyncApp &app : apps) {
        const auto requests = endpoints.requests(app.id);
        if (!requests) {
            context.failed(u"%1: %2"_s.arg(app.name, requests.errorMessage()));
            continue;
        }
        if (requests->isEmpty()) {
            context.warn(
                u"%1 has no analytics report requests, so Apple generates no reports for it. Enable them "
                u"once with an Admin key: `ascsync admin-commands` (or Admin Setup in the app)."_s.arg(
                    app.name));
            continue;
        }
        for (const api::ReportRequestInfo &request : requests.value()) {
            const auto reports = endpoints.reports(request.id);
            if (!reports) {
                context.failed(u"%1: %2"_s.arg(app.name, reports.errorMessage()));
                continue;
            }
            for (const api::ReportInfo &report : reports.value()) {
                const QString table = reports::analyticsTableName(report.name);
                if (!wantsTable(context.options, table)) {
                    continue;
                }
                for (const QString &granularity : context.options.granularities) {
                    const auto instances = endpoints.instances(report.id, granularity);
                    if (!instances) {
                        context.failed(u"%1, %2: %3"_s.arg(app.name, report.name, instances.errorMessage()));
                        continue;
                    }
                    for (const api::InstanceInfo &instance : instances.value()) {
                        // One table per granularity (DESIGN "Data model"): `downloads`, `downloads_weekly`.
                        const QString target = reports::analyticsTableName(report.name, instance.granularity);
                        const auto known =
                            context.destination.findLoad(u"analytics/"_s + target, instance.id);
                        if (!known) {
                            context.failed(known.errorMessage());
                            return {};
                        }
                        if (known->has_value()) {
                            ++context.summary.unitsUpToDate;
                            continue;
                        }
                        pending.append({app, report, request.accessType, instance, target, {}, {}, {}});
                    }
                }
                if (context.cancelled()) {
                    return {};
                }
            }
        }
    }
    // Oldest first, so a newer instance always arrives after the one it corrects; at equal processing dates
    // the ongoing instance (fresher by nature) comes after the snapshot.
    std::stable_sort(pending.begin(), pending.end(), [](const InstanceUnit &a, const InstanceUnit &b) {
        if (a.instance.processingDate != b.instance.processingDate) {
            return a.instance.processingDate < b.instance.processingDate;
        }
        return a.accessType == u"ONE_TIME_SNAPSHOT"_s && b.accessType != u"ONE_TIME_SNAPSHOT"_s;
    });
    return pending;
}

void downloadBatch(SyncContext &context, QList<InstanceUnit> &batch)
{
    api::AnalyticsEndpoints endpoints(context.api);
    QList<api::DownloadRequest> downloads;
    QList<qsizetype> owner;
    for (qsizetype u = 0; u < batch.size(); ++u) {
        InstanceUnit &unit = batch[u];
        const auto segments = endpoints.segments(unit.instance.id);
        if (!segments) {
            unit.failure = segments.errorMessage();
            continue;
        }
        if (segments->isEmpty()) {
            unit.failure = u"Apple listed no files for it; it is retried on the next sync."_s;
            continue;
        }
        unit.segments = segments.value();
        for (qsizetype s = 0; s < unit.segments.size(); ++s) {
            const api::SegmentInfo &segment = unit.segments[s];
            // Named by a counter, never by an id from the API (an id like "../x" must not pick the path).
            static std::atomic<quint64> downloadNumber{0};
            const QString path = context.workDirectory.filePath(u"segment-%1.txt.gz"_s.arg(++downloadNumber));
            unit.files.append(path);
            downloads.append({segment.url, path, segment.sizeInBytes, segment.checksum});
            owner.append(u);
        }
    }
    context.api.downloadAll(downloads, context.options.concurrency,
                            [&](qsizetype index, Result<api::DownloadResult> result) {
                                if (!result && batch[owner[index]].failure.isEmpty()) {
                                    batch[owner[index]].failure = result.errorMessage();
                                }
                            });
}

void removeFiles(const QStringList &files)
{
    for (const QString &file : files) {
        QFile::remove(file);
    }
}

} // namespace

void syncAnalytics(SyncContext &context, const QList<SyncApp> &apps)
{
    QList<InstanceUnit> pending = discover(context, apps);
    context.info(u"Analytics: %1 new report instances to load (%2 already loaded)."_s.arg(pending.size())
                     .arg(context.summary.unitsUpToDate));
    const int total = static_cast<int>(pending.size());
    int done = 0;
    context.observer.progress(u"analytics"_s, done, total);
    for (qsizetype start = 0; start < pending.size() && !context.cancelled(); start += kBatchSize) {
        QList<InstanceUnit> batch = pending.mid(start, kBatchSize);
        downloadBatch(context, batch);
        for (InstanceUnit &unit : batch) {
            if (context.cancelled()) {
                removeFiles(unit.files);
                break;
            }
            if (!unit.failure.isEmpty()) {
                context.failed(u"%1: %2"_s.arg(describe(unit), unit.failure));
            } else {
                const auto result =
                    loadWithProgress(context, unitLoadFor(context, unit),
                                     unitNamed(u"analytics"_s, unit.app.name, unit.report.name,
                                               unit.instance.processingDate.toString(Qt::ISODate)));
                if (result) {
                    context.loaded(result.value(), describe(unit));
                } else {
                    context.failed(u"%1: %2"_s.arg(describe(unit), result.errorMessage()));
                }
            }
            removeFiles(unit.files);
            context.observer.progress(u"analytics"_s, ++done, total);
        }
    }
}

} // namespace ascsync::sync
