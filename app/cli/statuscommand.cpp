#include "statuscommand.h"

#include "clicontext.h"
#include "command.h"
#include "destinationaccess.h"
#include "statusprinter.h"

#include "core/status/statusqueries.h"

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
    status::StatusQuery query;
    query.withDestination = !parser.isSet(noDestination);
    query.skippedNote = u"--no-destination was given."_s;
    query.notCreatedYet = u"The destination does not exist yet: run `ascsync sync` first."_s;
    query.openOptions = withTerminalProgress();
    const auto when = timeOption(parser, asOf);
    if (!when)
        return fail(kCommand, when.errorMessage(), kExitUsage);
    if (when.value())
        query.clock = [time = *when.value()] { return time; };
    for (const QString &name : parser.value(reports).split(u',', Qt::SkipEmptyParts))
        query.probeReports << name.trimmed();
    config::SecretStore secrets;
    const auto collected = status::statusFor(settings.value(), secrets, query);
    if (!collected) {
        return fail(kCommand, collected.errorMessage(),
                    collected.error().code == u"usage"_s ? kExitUsage : kExitFailure);
    }
    const status::StatusReport &report = collected.value();
    if (options.json(parser)) {
        standardOutput() << QJsonDocument(report.toJson()).toJson(QJsonDocument::Indented);
        standardOutput().flush();
    } else {
        printStatus(standardOutput(), report);
    }
    return kExitOk;
}

} // namespace ascsync::cli
