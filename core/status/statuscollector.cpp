#include "statuscollector.h"

#include "coverage.h"
#include "loadedanalytics.h"
#include "statusadvice.h"
#include "statuslog.h"

#include "core/api/analyticsendpoints.h"
#include "core/api/appsendpoint.h"
#include "core/common/blockingcall.h"
#include "core/common/inturn.h"
#include "core/reports/pacifictime.h"
#include "core/reports/reportversions.h"
#include "core/storage/destination.h"

using namespace Qt::StringLiterals;

namespace ascsync::status {

namespace {

const QString kOngoing = u"ONGOING"_s;
const QString kSnapshot = u"ONE_TIME_SNAPSHOT"_s;

// The reports whose instances stand for the whole request: those the user loads, else the two every analyst
// starts with. Listing the instances of every report (about 36 per request, three granularities) would spend
// hundreds of API calls per app out of Apple's hourly budget.
QSet<QString> probeReports(const StatusOptions &options, const std::optional<LoadedApp> &loaded)
{
    if (!options.probeReports.isEmpty()) {
        return {options.probeReports.cbegin(), options.probeReports.cend()};
    }
    if (loaded && !loaded->reportNames.isEmpty()) {
        return loaded->reportNames;
    }
    return {u"App Downloads Standard"_s, u"App Store Discovery and Engagement Standard"_s};
}

// One app's status while its listings come in: requests, then each request's reports, then the instances
// of the reports that stand for it. Shared by the callbacks of its calls; answers once through `done`.
class AppProbe : public std::enable_shared_from_this<AppProbe> {
public:
    AppProbe(api::ApiClient &api, const StatusOptions &options, const QDate &today, bool destinationChecked,
             std::optional<LoadedApp> loaded)
        : m_api(api)
        , m_options(options)
        , m_today(today)
        , m_destinationChecked(destinationChecked)
        , m_loaded(std::move(loaded))
        , m_probes(probeReports(options, m_loaded))
    {}

    void run(const api::AppInfo &info, std::function<void(Result<AppStatus>)> done)
    {
        m_done = std::move(done);
        m_app.appId = info.id;
        m_app.name = info.name;
        m_app.bundleId = info.bundleId;
        for (const QString &granularity : m_options.granularities) {
            GranularityStatus entry;
            entry.granularity = granularity;
            if (m_loaded) {
                entry.loadedProcessingDate = m_loaded->newestProcessingDate.value(granularity);
            }
            m_app.granularities << entry;
        }
        if (m_loaded) {
            m_app.lastLoadedAt = m_loaded->lastLoadedAt;
        }
        api::AnalyticsEndpoints(m_api).requestsAsync(
            info.id, [self = shared_from_this()](const Result<QList<api::ReportRequestInfo>> &requests) {
                if (!requests) {
                    self->m_done(requests.error());
                    return;
                }
                forEachInTurn<api::ReportRequestInfo>(
                    requests.value(),
                    [self](const api::ReportRequestInfo &request, std::function<void(Status)> next) {
                        self->probeRequest(request, std::move(next));
                    },
                    [self](const Status &status) { self->finish(status); });
            });
    }

private:
    void probeRequest(const api::ReportRequestInfo &request, std::function<void(Status)> next)
    {
        if (request.accessType == kOngoing) {
            m_app.ongoing =
                request.stoppedDueToInactivity ? OngoingState::StoppedForInactivity : OngoingState::Active;
        } else if (request.accessType == kSnapshot) {
            m_app.snapshot = SnapshotState::Present;
        }
        const bool snapshot = request.accessType == kSnapshot;
        api::AnalyticsEndpoints(m_api).reportsAsync(
            request.id, [self = shared_from_this(), snapshot,
                         next = std::move(next)](const Result<QList<api::ReportInfo>> &reports) {
                if (!reports) {
                    next(reports.error());
                    return;
                }
                self->m_app.reportCount += int(reports->size());
                QList<api::ReportInfo> probed;
                for (const api::ReportInfo &report : reports.value()) {
                    if (self->m_probes.contains(report.name)) {
                        probed << report;
                    }
                }
                forEachInTurn<api::ReportInfo>(
                    probed,
                    [self, snapshot](const api::ReportInfo &report, std::function<void(Status)> step) {
                        if (snapshot) {
                            self->probeSnapshot(report, std::move(step));
                        } else {
                            self->probeOngoing(report, std::move(step));
                        }
                    },
                    next);
            });
    }

    // Each granularity's instances of an ONGOING report: how many days Apple has processed, the newest,
    // and how many the destination has not loaded yet.
    void probeOngoing(const api::ReportInfo &report, std::function<void(Status)> next)
    {
        QList<qsizetype> entries;
        for (qsizetype index = 0; index < m_app.granularities.size(); ++index) {
            entries << index;
        }
        forEachInTurn<qsizetype>(
            entries,
            [self = shared_from_this(), reportId = report.id](qsizetype index,
                                                              std::function<void(Status)> step) {
                const QString granularity = self->m_app.granularities.at(index).granularity;
                api::AnalyticsEndpoints(self->m_api)
                    .instancesAsync(reportId, {granularity}, {},
                                    [self, index, step = std::move(step)](
                                        const Result<QList<api::InstanceInfo>> &instances) {
                                        if (instances) {
                                            self->countInstances(self->m_app.granularities[index],
                                                                 instances.value());
                                        }
                                        step(instances ? Status{} : Status{instances.error()});
                                    });
            },
            std::move(next));
    }

    void countInstances(GranularityStatus &entry, const QList<api::InstanceInfo> &instances)
    {
        QSet<QDate> &dates = m_processingDates[entry.granularity];
        for (const api::InstanceInfo &instance : instances) {
            dates.insert(instance.processingDate);
            entry.processingDays = int(dates.size());
            entry.newestProcessingDate = std::max(entry.newestProcessingDate, instance.processingDate);
            if (entry.granularity == u"DAILY"_s &&
                (!m_listing.oldestDailyProcessingDate.isValid() ||
                 instance.processingDate < m_listing.oldestDailyProcessingDate)) {
                m_listing.oldestDailyProcessingDate = instance.processingDate;
            }
            const bool synced =
                m_destinationChecked && m_options.syncedGranularities.contains(entry.granularity);
            if (synced && !(m_loaded && m_loaded->instanceIds.contains(instance.id))) {
                ++entry.unloadedInstances;
            }
        }
    }

    // The snapshot has one instance per granularity, processed when Apple generated it: its age tells
    // whether a new one may be requested and how long before Apple deletes it.
    void probeSnapshot(const api::ReportInfo &report, std::function<void(Status)> next)
    {
        api::AnalyticsEndpoints(m_api).instancesAsync(
            report.id, {u"DAILY"_s}, {},
            [self = shared_from_this(),
             next = std::move(next)](const Result<QList<api::InstanceInfo>> &instances) {
                if (!instances) {
                    next(instances.error());
                    return;
                }
                for (const api::InstanceInfo &instance : instances.value()) {
                    const int age = int(instance.processingDate.daysTo(self->m_today));
                    self->m_app.snapshotAgeDays =
                        self->m_app.snapshotAgeDays ? std::min(*self->m_app.snapshotAgeDays, age) : age;
                    if (self->m_loaded && self->m_loaded->instanceIds.contains(instance.id)) {
                        self->m_listing.snapshotInstanceLoaded = true;
                    }
                }
                next({});
            });
    }

    void finish(const Status &status)
    {
        if (!status) {
            m_done(status.error());
            return;
        }
        adviseApp(m_app, m_listing, m_loaded, m_destinationChecked);
        m_done(m_app);
    }

    api::ApiClient &m_api;
    const StatusOptions m_options;
    const QDate m_today;
    const bool m_destinationChecked = false;
    const std::optional<LoadedApp> m_loaded;
    const QSet<QString> m_probes;
    AppStatus m_app;
    AppleListing m_listing;
    QHash<QString, QSet<QDate>> m_processingDates; // by granularity
    std::function<void(Result<AppStatus>)> m_done;
};

// The versions syncs learned from Apple's answers (salessync records them); unreadable ones are skipped.
QMap<QString, QString> readLearnedVersions(storage::Destination &destination)
{
    QMap<QString, QString> versions;
    for (const reports::SalesStream &stream : reports::salesStreams()) {
        const QString key = reports::versionStreamKey(stream);
        const auto value = destination.metaValue(reports::learnedVersionMetaKey(key));
        if (value && reports::isValidReportVersion(value.value())) {
            versions.insert(key, value.value());
        }
    }
    return versions;
}

// The dates of the last 35 days (new gaps) that are missing for good: "3 days missing for downloads ...",
// and the step that may recover them.
void addCoverageGaps(AppStatus &app, const CoverageFacts &facts, const QDateTime &now)
{
    CoverageFilter filter;
    filter.appId = app.appId;
    filter.from = now.toUTC().date().addDays(-kInstanceRetentionDays);
    const CoverageReport coverage = computeCoverage(facts, filter, now);
    const QStringList warnings = coverage.warnings(app.name);
    if (warnings.isEmpty())
        return;
    // A stopped ONGOING request publishes nothing: its days are not lost to an outage of Apple's, and the
    // user must know the cause is on their side and how to end it.
    const bool stopped = app.ongoing == OngoingState::StoppedForInactivity;
    for (const QString &warning : warnings) {
        app.gaps << (stopped ? warning + u" Apple stopped this app's ONGOING request for inactivity, so no "
                                         u"new day arrives until it is re-enabled (Admin setup)."_s
                             : warning);
    }
    app.nextSteps
        << u"Request a new ONE_TIME_SNAPSHOT on or after %1 to recover the missing days (Admin setup, "
           u"or `ascsync admin-commands`), then run `ascsync sync --relist`."_s.arg(
               coverage.snapshotRecoveryDate().toString(Qt::ISODate));
}

// A status report while Apple's listings come in.
struct StatusRun {
    StatusReport report;
    StatusOptions options;
    DestinationFacts facts;
    std::function<void(Result<StatusReport>)> done;
};

void probeApp(api::ApiClient &api, const std::shared_ptr<StatusRun> &run, const api::AppInfo &app,
              std::function<void(Status)> next)
{
    const bool checked = run->facts.checked;
    auto loadedApp = checked && run->facts.loaded.contains(app.id)
                         ? std::optional<LoadedApp>(run->facts.loaded.value(app.id))
                         : std::nullopt;
    auto probe =
        std::make_shared<AppProbe>(api, run->options, run->report.today, checked, std::move(loadedApp));
    probe->run(app, [run, app, next = std::move(next)](Result<AppStatus> status) {
        if (!status) {
            next(makeError(status.error().code, u"Could not read the report status of %1 (%2): %3"_s.arg(
                                                    app.name, app.id, status.errorMessage())));
            return;
        }
        AppStatus appStatus = std::move(status).value();
        if (run->facts.coverage) {
            addCoverageGaps(appStatus, *run->facts.coverage, run->options.clock());
        }
        run->report.apps << std::move(appStatus);
        next({});
    });
}

void probeApps(api::ApiClient &api, const std::shared_ptr<StatusRun> &run, const QList<api::AppInfo> &listed)
{
    const api::AppSelection selection = api::selectApps(listed, run->options.apps);
    if (!selection.unknown.isEmpty()) {
        run->done(makeError(u"usage"_s, api::describeUnknownApps(selection.unknown)));
        return;
    }
    forEachInTurn<api::AppInfo>(
        selection.apps,
        [&api, run](const api::AppInfo &app, std::function<void(Status)> next) {
            probeApp(api, run, app, std::move(next));
        },
        [run](const Status &status) {
            if (status) {
                run->done(std::move(run->report));
            } else {
                run->done(status.error());
            }
        });
}

} // namespace

DestinationFacts readDestinationFacts(storage::Destination *destination)
{
    DestinationFacts facts;
    if (!destination) {
        facts.note = u"No destination was given, so what is loaded is not shown."_s;
        return facts;
    }
    auto read = readLoadedAnalytics(*destination);
    if (!read) {
        facts.note = read.errorMessage();
        qCWarning(lcStatus) << "status without the destination:" << read.errorMessage();
        return facts;
    }
    facts.loaded = std::move(read).value();
    facts.checked = true;
    facts.salesReportVersions = readLearnedVersions(*destination);
    if (auto coverage = readCoverageFacts(*destination)) {
        facts.coverage = std::move(coverage).value();
    } else {
        qCWarning(lcStatus) << "status without coverage:" << coverage.errorMessage();
    }
    return facts;
}

void collectStatusAsync(api::ApiClient &api, DestinationFacts facts, const StatusOptions &options,
                        std::function<void(Result<StatusReport>)> done)
{
    auto run = std::make_shared<StatusRun>();
    run->options = options;
    run->done = std::move(done);
    run->report.today = reports::pacificDate(options.clock());
    run->report.destinationChecked = facts.checked;
    run->report.destinationNote = facts.note;
    run->report.salesReportVersions = facts.salesReportVersions;
    run->facts = std::move(facts);
    api::listAppsAsync(api, [&api, run](const Result<QList<api::AppInfo>> &apps) {
        if (!apps) {
            run->done(apps.error());
            return;
        }
        probeApps(api, run, apps.value());
    });
}

Result<StatusReport> collectStatus(api::ApiClient &api, storage::Destination *destination,
                                   const StatusOptions &options)
{
    DestinationFacts facts = readDestinationFacts(destination);
    return blockingCall<Result<StatusReport>>([&](std::function<void(Result<StatusReport>)> done) {
        collectStatusAsync(api, std::move(facts), options, std::move(done));
    });
}

} // namespace ascsync::status
