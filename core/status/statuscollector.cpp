#include "statuscollector.h"

#include "coverage.h"
#include "loadedanalytics.h"
#include "statusadvice.h"
#include "statuslog.h"

#include "core/api/analyticsendpoints.h"
#include "core/api/appsendpoint.h"
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

class AppProbe {
public:
    AppProbe(api::AnalyticsEndpoints &endpoints, const StatusOptions &options, const QDate &today,
             bool destinationChecked)
        : m_endpoints(endpoints)
        , m_options(options)
        , m_today(today)
        , m_destinationChecked(destinationChecked)
    {}

    Result<AppStatus> probe(const api::AppInfo &info, const std::optional<LoadedApp> &loaded)
    {
        m_processingDates.clear();
        AppStatus app;
        app.appId = info.id;
        app.name = info.name;
        app.bundleId = info.bundleId;
        for (const QString &granularity : m_options.granularities) {
            GranularityStatus entry;
            entry.granularity = granularity;
            if (loaded) {
                entry.loadedProcessingDate = loaded->newestProcessingDate.value(granularity);
            }
            app.granularities << entry;
        }
        if (loaded) {
            app.lastLoadedAt = loaded->lastLoadedAt;
        }
        const auto requests = m_endpoints.requests(info.id);
        if (!requests) {
            return requests.error();
        }
        const QSet<QString> probes = probeReports(m_options, loaded);
        AppleListing listing;
        for (const api::ReportRequestInfo &request : requests.value()) {
            if (request.accessType == kOngoing) {
                app.ongoing = request.stoppedDueToInactivity ? OngoingState::StoppedForInactivity
                                                             : OngoingState::Active;
            } else if (request.accessType == kSnapshot) {
                app.snapshot = SnapshotState::Present;
            }
            const auto reports = m_endpoints.reports(request.id);
            if (!reports) {
                return reports.error();
            }
            app.reportCount += int(reports->size());
            for (const api::ReportInfo &report : reports.value()) {
                if (!probes.contains(report.name)) {
                    continue;
                }
                const Status ok = request.accessType == kSnapshot
                                      ? probeSnapshot(app, listing, report, loaded)
                                      : probeOngoing(app, listing, report, loaded);
                if (!ok) {
                    return ok.error();
                }
            }
        }
        adviseApp(app, listing, loaded, m_destinationChecked);
        return app;
    }

private:
    Status probeOngoing(AppStatus &app, AppleListing &listing, const api::ReportInfo &report,
                        const std::optional<LoadedApp> &loaded)
    {
        for (GranularityStatus &entry : app.granularities) {
            const auto instances = m_endpoints.instances(report.id, entry.granularity);
            if (!instances) {
                return instances.error();
            }
            QSet<QDate> &dates = m_processingDates[entry.granularity];
            for (const api::InstanceInfo &instance : instances.value()) {
                dates.insert(instance.processingDate);
                entry.processingDays = int(dates.size());
                entry.newestProcessingDate = std::max(entry.newestProcessingDate, instance.processingDate);
                if (entry.granularity == u"DAILY"_s &&
                    (!listing.oldestDailyProcessingDate.isValid() ||
                     instance.processingDate < listing.oldestDailyProcessingDate)) {
                    listing.oldestDailyProcessingDate = instance.processingDate;
                }
                const bool synced =
                    m_destinationChecked && m_options.syncedGranularities.contains(entry.granularity);
                if (synced && !(loaded && loaded->instanceIds.contains(instance.id))) {
                    ++entry.unloadedInstances;
                }
            }
        }
        return {};
    }

    // The snapshot has one instance per granularity, processed when Apple generated it: its age tells
    // whether a new one may be requested and how long before Apple deletes it.
    Status probeSnapshot(AppStatus &app, AppleListing &listing, const api::ReportInfo &report,
                         const std::optional<LoadedApp> &loaded)
    {
        const auto instances = m_endpoints.instances(report.id, u"DAILY"_s);
        if (!instances) {
            return instances.error();
        }
        for (const api::InstanceInfo &instance : instances.value()) {
            const int age = int(instance.processingDate.daysTo(m_today));
            app.snapshotAgeDays = app.snapshotAgeDays ? std::min(*app.snapshotAgeDays, age) : age;
            if (loaded && loaded->instanceIds.contains(instance.id)) {
                listing.snapshotInstanceLoaded = true;
            }
        }
        return {};
    }

    api::AnalyticsEndpoints &m_endpoints;
    const StatusOptions &m_options;
    QDate m_today;
    bool m_destinationChecked = false;
    QHash<QString, QSet<QDate>> m_processingDates; // of the app being probed, by granularity
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

} // namespace

Result<StatusReport> collectStatus(api::ApiClient &api, storage::Destination *destination,
                                   const StatusOptions &options)
{
    StatusReport report;
    report.today = reports::pacificDate(options.clock());
    QHash<QString, LoadedApp> loaded;
    if (destination) {
        auto read = readLoadedAnalytics(*destination);
        if (read) {
            loaded = std::move(read).value();
            report.destinationChecked = true;
            report.salesReportVersions = readLearnedVersions(*destination);
        } else {
            report.destinationNote = read.errorMessage();
            qCWarning(lcStatus) << "status without the destination:" << read.errorMessage();
        }
    } else {
        report.destinationNote = u"No destination was given, so what is loaded is not shown."_s;
    }

    const auto apps = api::listApps(api);
    if (!apps) {
        return apps.error();
    }
    const api::AppSelection selection = api::selectApps(apps.value(), options.apps);
    if (!selection.unknown.isEmpty()) {
        return makeError(u"usage"_s, api::describeUnknownApps(selection.unknown));
    }
    std::optional<CoverageFacts> coverage;
    if (report.destinationChecked) {
        if (auto facts = readCoverageFacts(*destination))
            coverage = std::move(facts).value();
        else
            qCWarning(lcStatus) << "status without coverage:" << facts.errorMessage();
    }
    api::AnalyticsEndpoints endpoints(api);
    AppProbe probe(endpoints, options, report.today, report.destinationChecked);
    for (const api::AppInfo &app : selection.apps) {
        const auto loadedApp = report.destinationChecked && loaded.contains(app.id)
                                   ? std::optional<LoadedApp>(loaded.value(app.id))
                                   : std::nullopt;
        auto status = probe.probe(app, loadedApp);
        if (!status) {
            return makeError(status.error().code, u"Could not read the report status of %1 (%2): %3"_s.arg(
                                                      app.name, app.id, status.errorMessage()));
        }
        AppStatus appStatus = std::move(status).value();
        if (coverage)
            addCoverageGaps(appStatus, *coverage, options.clock());
        report.apps << std::move(appStatus);
    }
    return report;
}

} // namespace ascsync::status
