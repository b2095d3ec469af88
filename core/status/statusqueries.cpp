#include "statusqueries.h"

#include "core/config/secretstore.h"
#include "core/sync/syncsetup.h"

namespace ascsync::status {

Result<StatusReport> statusFor(const config::Settings &settings, config::SecretStore &secrets,
                               const StatusQuery &query)
{
    auto client = sync::openApiClient(settings, secrets);
    if (!client)
        return client.error();
    std::unique_ptr<storage::Destination> destination;
    QString destinationNote;
    if (!query.withDestination) {
        destinationNote = query.skippedNote;
    } else if (!sync::destinationExists(settings)) {
        destinationNote = query.notCreatedYet;
    } else if (auto opened = sync::openDestination(settings, secrets, query.openOptions)) {
        destination = std::move(opened).value();
    } else {
        destinationNote = opened.errorMessage();
    }
    StatusOptions options;
    options.apps = settings.apps;
    options.syncedGranularities = settings.granularities;
    options.probeReports = query.probeReports;
    options.clock = query.clock;
    auto report = collectStatus(*client.value(), destination.get(), options);
    if (!report)
        return report.error();
    StatusReport result = std::move(report).value();
    if (!destination)
        result.destinationNote = destinationNote;
    return result;
}

Result<CoverageReport> coverageFor(const config::Settings &settings, config::SecretStore &secrets,
                                   const CoverageFilter &filter, const QDateTime &now,
                                   const storage::OpenOptions &openOptions)
{
    if (!sync::destinationExists(settings)) {
        CoverageReport empty;
        empty.today = now.date();
        return empty;
    }
    auto destination = sync::openDestination(settings, secrets, openOptions);
    if (!destination)
        return destination.error();
    const auto facts = readCoverageFacts(*destination.value());
    if (!facts)
        return facts.error();
    return computeCoverage(facts.value(), filter, now);
}

Result<QList<storage::RunRecord>> recentRunsFor(const config::Settings &settings,
                                                config::SecretStore &secrets, int limit)
{
    if (!sync::destinationExists(settings))
        return QList<storage::RunRecord>();
    auto destination = sync::openDestination(settings, secrets);
    if (!destination)
        return destination.error();
    return destination.value()->recentRuns(limit);
}

} // namespace ascsync::status
