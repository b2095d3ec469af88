#include "analyticssync.h"

#include "analyticsplanner.h"
#include "loadedinstances.h"
#include "synclog.h"
#include "unitprogress.h"

#include "core/api/analyticsendpoints.h"
#include "core/api/appsendpoint.h"
#include "core/reports/tablenames.h"

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

// One report listed by this sync, for each of the granularities asked.
struct ListedSeries {
    QString appId;
    QString report;
    QString accessType;
    QStringList granularities;
    QList<QDate> firstListedOn; // per granularity, as loaded (invalid: first complete listing now)
};

struct InstanceUnit {
    qsizetype series = -1; // index into the discovery's listed series
    SyncApp app;
    api::ReportInfo report;
    QString accessType;
    api::InstanceInfo instance;
    QString table;
    QList<api::SegmentInfo> segments;
    QStringList files;
    QString failure;
    bool loaded = false;
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

// One discovery: what the planner says to list, what the listings found, and what the sync then loads.
class Discovery {
public:
    Discovery(SyncContext &context, const LoadedInstances &loaded)
        : m_context(context)
        , m_loaded(loaded)
        , m_planner(loaded, context.options, context.options.clock())
        , m_endpoints(context.api)
    {}

    // Lists what is new for each app: instances whose id has no load record yet, asking only the listings
    // the planner says can hold something new. Oldest first, so a newer instance always arrives after the
    // one it corrects; at equal processing dates the ongoing instance comes after the snapshot.
    void run(const QList<SyncApp> &apps)
    {
        for (const SyncApp &app : apps) {
            if (!discoverApp(app)) {
                pending.clear();
                series.clear(); // their instances are not loaded: nothing is complete
                return;
            }
        }
        std::stable_sort(pending.begin(), pending.end(), [](const InstanceUnit &a, const InstanceUnit &b) {
            if (a.instance.processingDate != b.instance.processingDate) {
                return a.instance.processingDate < b.instance.processingDate;
            }
            return a.accessType == u"ONE_TIME_SNAPSHOT"_s && b.accessType != u"ONE_TIME_SNAPSHOT"_s;
        });
    }

    QDate processingDay() const { return m_planner.processingDay(); }

    AnalyticsOutlook outlook;
    QList<ListedSeries> series;
    QList<InstanceUnit> pending;

private:
    // false: stop discovering (cancelled, or Apple's budget is spent)
    bool discoverApp(const SyncApp &app)
    {
        const auto requests = m_endpoints.requestsWithReports(app.id);
        if (!requests) {
            m_context.failed(u"%1: %2"_s.arg(app.name, requests.errorMessage()));
            return !m_context.cancelled();
        }
        if (requests->isEmpty()) {
            m_context.warn(
                u"%1 has no analytics report requests, so Apple generates no reports for it. Enable them "
                u"once with an Admin key: `ascsync admin-commands` (or Admin Setup in the app)."_s.arg(
                    app.name));
            return true;
        }
        warnIfOngoingStopped(app, requests.value());
        for (const api::RequestWithReports &request : requests.value()) {
            for (const api::ReportInfo &report : request.reports) {
                if (AnalyticsPlanner::selects(m_context.options, report.name) &&
                    !listReport(app, request.request.accessType, report)) {
                    return false;
                }
            }
        }
        return true;
    }

    // Apple stops an ONGOING request nobody downloaded from for a while (API-NOTES §5.1): it generates
    // nothing new until a new request exists, which only an Admin key can create.
    void warnIfOngoingStopped(const SyncApp &app, const QList<api::RequestWithReports> &requests)
    {
        bool stopped = false;
        for (const api::RequestWithReports &request : requests) {
            if (request.request.accessType != u"ONGOING"_s) {
                continue;
            }
            if (!request.request.stoppedDueToInactivity) {
                return; // a live ONGOING request still generates the reports
            }
            stopped = true;
        }
        if (stopped) {
            m_context.warn(u"%1: Apple stopped the app's ONGOING analytics report request for inactivity "
                           u"(stoppedDueToInactivity), so no new daily data is generated. Create a new "
                           u"ONGOING request with an Admin key: `ascsync admin-commands` (or Admin Setup in "
                           u"the app); the next sync then continues."_s.arg(app.name));
        }
    }

    bool listReport(const SyncApp &app, const QString &accessType, const api::ReportInfo &report)
    {
        const auto listing = m_planner.listingFor(app.id, report.name, accessType);
        if (!listing) {
            ++outlook.listingsSkipped;
            return true;
        }
        ++outlook.listings;
        const auto instances =
            m_endpoints.instances(report.id, listing->granularities, listing->processingDates);
        if (!instances) {
            m_context.failed(u"%1, %2: %3"_s.arg(app.name, report.name, instances.errorMessage()));
            return !m_context.cancelled();
        }
        const qint64 bytes = m_loaded.averageBytes(report.name);
        for (const api::InstanceInfo &instance : instances.value()) {
            if (m_loaded.contains(instance.id)) {
                ++m_context.summary.unitsUpToDate;
                continue;
            }
            InstanceUnit unit;
            unit.series = series.size();
            unit.app = app;
            unit.report = report;
            unit.accessType = accessType;
            unit.instance = instance;
            // One table per granularity (DESIGN "Data model"): `downloads`, `downloads_weekly`.
            unit.table = reports::analyticsTableName(report.name, instance.granularity);
            pending.append(unit);
            outlook.newInstances += 1;
            outlook.knownBytes += std::max<qint64>(bytes, 0);
            outlook.unsizedInstances += bytes < 0 ? 1 : 0;
        }
        QList<QDate> firstListed;
        for (const QString &granularity : listing->granularities) {
            firstListed << m_loaded.firstListedOn(app.id, report.name, granularity, accessType);
        }
        series.append({app.id, report.name, accessType, listing->granularities, firstListed});
        return !m_context.cancelled();
    }

    SyncContext &m_context;
    const LoadedInstances &m_loaded;
    const AnalyticsPlanner m_planner;
    api::AnalyticsEndpoints m_endpoints;
};

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

// Remembers each listed report whose new instances all loaded: it is then complete up to this processing day,
// so the next listings ask only from this day (and the backfill window) on. A report with an instance that
// did not load is listed in full again on the next sync, so nothing it listed is lost.
void recordListings(SyncContext &context, const QList<ListedSeries> &series, const QList<InstanceUnit> &units,
                    QDate processingDay)
{
    QSet<qsizetype> incomplete;
    for (const InstanceUnit &unit : units) {
        if (!unit.loaded) {
            incomplete.insert(unit.series);
        }
    }
    for (qsizetype index = 0; index < series.size(); ++index) {
        if (incomplete.contains(index)) {
            continue;
        }
        const ListedSeries &listed = series[index];
        for (qsizetype g = 0; g < listed.granularities.size(); ++g) {
            if (const Status recorded = LoadedInstances::recordListing(
                    context.destination, listed.appId, listed.report, listed.granularities[g],
                    listed.accessType, processingDay, listed.firstListedOn.value(g));
                !recorded) {
                context.warn(recorded.errorMessage());
                return;
            }
        }
    }
}

void removeFiles(const QStringList &files)
{
    for (const QString &file : files) {
        QFile::remove(file);
    }
}

} // namespace

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

AnalyticsOutlook planAnalytics(SyncContext &context, const QList<SyncApp> &apps)
{
    const auto loaded = LoadedInstances::read(context.destination);
    if (!loaded) {
        context.failed(loaded.errorMessage());
        return {};
    }
    Discovery discovery(context, loaded.value());
    discovery.run(apps);
    return discovery.outlook;
}

void syncAnalytics(SyncContext &context, const QList<SyncApp> &apps)
{
    const auto loaded = LoadedInstances::read(context.destination);
    if (!loaded) {
        context.failed(loaded.errorMessage());
        return;
    }
    Discovery discovery(context, loaded.value());
    discovery.run(apps);
    const AnalyticsOutlook &outlook = discovery.outlook;
    QList<InstanceUnit> &pending = discovery.pending;
    context.info(u"Analytics: %1 new report instances to load (%2 already loaded; %3 reports listed, %4 "
                 u"skipped because no new instance of them can exist yet)."_s.arg(pending.size())
                     .arg(context.summary.unitsUpToDate)
                     .arg(outlook.listings)
                     .arg(outlook.listingsSkipped));
    const int total = static_cast<int>(pending.size());
    int done = 0;
    context.expectRequests(total); // one segment listing per instance
    context.observer.progress(u"analytics"_s, done, total);
    for (qsizetype start = 0; start < pending.size() && !context.cancelled(); start += kBatchSize) {
        QList<InstanceUnit> batch = pending.mid(start, kBatchSize);
        downloadBatch(context, batch);
        for (qsizetype index = 0; index < batch.size(); ++index) {
            InstanceUnit &unit = batch[index];
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
                    pending[start + index].loaded = true;
                    context.loaded(result.value(), describe(unit));
                } else {
                    context.failed(u"%1: %2"_s.arg(describe(unit), result.errorMessage()));
                }
            }
            removeFiles(unit.files);
            context.observer.progress(u"analytics"_s, ++done, total);
        }
    }
    // Also after a cancel or a spent budget: reports whose instances all loaded need no listing again today.
    recordListings(context, discovery.series, pending, discovery.processingDay());
}

} // namespace ascsync::sync
