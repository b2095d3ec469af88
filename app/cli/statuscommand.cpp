#include "statuscommand.h"

#include "clicontext.h"
#include "command.h"
#include "destinationaccess.h"
#include "status/statuscollector.h"
#include "statusprinter.h"
#include "sync/syncsetup.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace ascsync::cli {

namespace {

const QString kCommand = u"status"_s;

} // namespace

int runStatusCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Shows, per app, the analytics report requests Apple has (ONGOING active, stopped or missing; "
        u"ONE_TIME_SNAPSHOT and its age), the reports and newest instances per granularity, what the "
        u"destination has loaded, gaps, and the next step. Exit code 0 even when apps need setup: read the "
        u"first line or --json."_s);
    CommonOptions options;
    options.addConnectionOptions(parser);
    options.addDestinationOptions(parser);
    options.addSyncOptions(parser);
    options.addJsonOption(parser);
    const QCommandLineOption reports(
        u"reports"_s,
        u"Comma-separated report names whose instances are listed (default: the reports already loaded, else "
        u"App Downloads Standard and App Store Discovery and Engagement Standard)."_s,
        u"NAMES"_s);
    const QCommandLineOption noDestination(u"no-destination"_s,
                                           u"Do not open the destination; show Apple's side only."_s);
    const QCommandLineOption asOf(u"as-of"_s, u"Judge coverage gaps for this UTC time instead of now."_s,
                                  u"TIME"_s);
    parser.addOptions({reports, noDestination, asOf});
    if (const auto exit = parseOrExit(parser, arguments, kCommand)) {
        return *exit;
    }
    const auto settings = options.resolve(parser);
    if (!settings) {
        return fail(kCommand, settings.errorMessage(),
                    settings.error().code == u"usage"_s ? kExitUsage : kExitFailure);
    }
    config::SecretStore secrets;
    auto client = makeApiClient(settings.value(), secrets);
    if (!client) {
        return fail(kCommand, client.errorMessage());
    }
    std::unique_ptr<storage::Destination> destination;
    QString destinationNote;
    if (parser.isSet(noDestination)) {
        destinationNote = u"--no-destination was given."_s;
    } else if (!sync::destinationExists(settings.value())) {
        destinationNote = u"The destination does not exist yet: run `ascsync sync` first."_s;
    } else if (auto opened = openDestination(settings.value(), secrets)) {
        destination = std::move(opened).value();
    } else {
        destinationNote = opened.errorMessage();
    }

    status::StatusOptions statusOptions;
    if (parser.isSet(asOf)) {
        const QDateTime when = QDateTime::fromString(parser.value(asOf), Qt::ISODate);
        if (!when.isValid()) {
            return fail(
                kCommand,
                u"--as-of needs a time like 2026-11-21T06:00:00Z, not \"%1\"."_s.arg(parser.value(asOf)),
                kExitUsage);
        }
        statusOptions.clock = [when] { return when; };
    }
    statusOptions.apps = settings->apps;
    statusOptions.syncedGranularities = settings->granularities;
    for (const QString &name : parser.value(reports).split(u',', Qt::SkipEmptyParts)) {
        statusOptions.probeReports << name.trimmed();
    }
    auto collected = status::collectStatus(*client.value(), destination.get(), statusOptions);
    if (!collected) {
        return fail(kCommand, collected.errorMessage(),
                    collected.error().code == u"usage"_s ? kExitUsage : kExitFailure);
    }
    status::StatusReport report = std::move(collected).value();
    if (!destination) {
        report.destinationNote = destinationNote;
    }
    if (options.json(parser)) {
        standardOutput() << QJsonDocument(report.toJson()).toJson(QJsonDocument::Indented);
        standardOutput().flush();
    } else {
        printStatus(standardOutput(), report);
    }
    return kExitOk;
}

} // namespace ascsync::cli
