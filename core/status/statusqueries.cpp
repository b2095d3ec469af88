#include "statusqueries.h"

#include "core/common/blockingcall.h"
#include "core/config/secretstore.h"
#include "core/sync/syncsetup.h"

namespace ascsync::status {

DestinationFacts destinationFactsFor(const config::Settings &settings, config::SecretStore &secrets,
                                     const StatusQuery &query)
{
    DestinationFacts facts;
    if (!query.withDestination) {
        facts.note = query.skippedNote;
    } else if (!sync::destinationExists(settings)) {
        facts.note = query.notCreatedYet;
    } else if (auto opened = sync::openDestination(settings, secrets, query.openOptions)) {
        facts = readDestinationFacts(opened.value().get());
    } else {
        facts.note = opened.errorMessage();
    }
    return facts;
}

StatusOptions statusOptionsFor(const config::Settings &settings, const StatusQuery &query)
{
    StatusOptions options;
    options.apps = settings.apps;
    options.syncedGranularities = settings.granularities;
    options.probeReports = query.probeReports;
    options.clock = query.clock;
    return options;
}

Result<StatusReport> statusFor(const config::Settings &settings, config::SecretStore &secrets,
                               const StatusQuery &query)
{
    auto client = sync::openApiClient(settings, secrets);
    if (!client)
        return client.error();
    DestinationFacts facts = destinationFactsFor(settings, secrets, query);
    return blockingCall<Result<StatusReport>>([&](std::function<void(Result<StatusReport>)> done) {
        collectStatusAsync(*client.value(), std::move(facts), statusOptionsFor(settings, query),
                           std::move(done));
    });
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
                                                config::SecretStore &secrets, int limit,
                                                const storage::OpenOptions &openOptions)
{
    if (!sync::destinationExists(settings))
        return QList<storage::RunRecord>();
    auto destination = sync::openDestination(settings, secrets, openOptions);
    if (!destination)
        return destination.error();
    return destination.value()->recentRuns(limit);
}

} // namespace ascsync::status
