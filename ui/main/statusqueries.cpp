#include "main/statusqueries.h"

#include "config/secretstore.h"
#include "status/statuscollector.h"
#include "sync/syncsetup.h"

using namespace Qt::StringLiterals;

namespace ascsync::ui {

Result<status::StatusReport> collectStatusFor(const config::Settings &settings)
{
    config::SecretStore secrets;
    auto client = sync::openApiClient(settings, secrets);
    if (!client) {
        return client.error();
    }
    std::unique_ptr<storage::Destination> destination;
    QString destinationNote;
    if (!sync::destinationExists(settings)) {
        destinationNote = u"The destination does not exist yet: click Sync now."_s;
    } else if (auto opened = sync::openDestination(settings, secrets)) {
        destination = std::move(opened).value();
    } else {
        destinationNote = opened.errorMessage();
    }
    status::StatusOptions options;
    options.apps = settings.apps;
    options.syncedGranularities = settings.granularities;
    auto report = status::collectStatus(*client.value(), destination.get(), options);
    if (!report) {
        return report.error();
    }
    status::StatusReport result = std::move(report).value();
    if (!destination) {
        result.destinationNote = destinationNote;
    }
    return result;
}

Result<status::CoverageReport> readCoverageFor(const config::Settings &settings)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!sync::destinationExists(settings)) {
        status::CoverageReport empty;
        empty.today = now.date();
        return empty;
    }
    config::SecretStore secrets;
    auto destination = sync::openDestination(settings, secrets);
    if (!destination) {
        return destination.error();
    }
    const auto facts = status::readCoverageFacts(*destination.value());
    if (!facts) {
        return facts.error();
    }
    return status::computeCoverage(facts.value(), {}, now);
}

Result<QList<storage::RunRecord>> readRunHistory(const config::Settings &settings, int limit)
{
    if (!sync::destinationExists(settings)) {
        return QList<storage::RunRecord>();
    }
    config::SecretStore secrets;
    auto destination = sync::openDestination(settings, secrets);
    if (!destination) {
        return destination.error();
    }
    return destination.value()->recentRuns(limit);
}

} // namespace ascsync::ui
