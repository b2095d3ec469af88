#include "replaycommand.h"

#include "clicontext.h"
#include "command.h"
#include "destinationaccess.h"

#include "core/common/plaintext.h"
#include "core/sync/replay.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace ascsync::cli {

namespace {

const QString kCommand = u"replay"_s;

// Messages one per line on stderr; no progress line (a replay reads local files and is quick).
class ReplayObserver : public sync::SyncObserver {
public:
    void message(Level level, const QString &text) override
    {
        const char *prefix = level == Level::Error ? "error: " : level == Level::Warning ? "note: " : "";
        standardError() << prefix << escapeForTerminal(text) << Qt::endl;
    }
    void progress(const QString &, int, int) override {}
};

QStringList listOf(const QString &text)
{
    QStringList items;
    for (const QString &item : text.split(u',', Qt::SkipEmptyParts))
        items << item.trimmed();
    return items;
}

void printSummary(const sync::SyncSummary &summary, bool json)
{
    if (json) {
        standardOutput() << QJsonDocument(summary.toJson()).toJson(QJsonDocument::Indented);
    } else {
        standardOutput() << u"%1 archived units loaded (%2 rows, %3 older rows replaced), %4 already "
                            u"loaded, %5 failed.\n"_s.arg(summary.unitsLoaded)
                                .arg(summary.rowsLoaded)
                                .arg(summary.rowsReplaced)
                                .arg(summary.unitsUpToDate)
                                .arg(summary.unitsFailed);
    }
    standardOutput().flush();
}

} // namespace

int runReplayCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Rebuilds the destination's tables from the raw archive that `ascsync sync --archive DIR` kept, "
        u"without calling Apple: no key and no network are needed. Loads through the same loader and "
        u"bookkeeping as sync; units already loaded are skipped, so replaying twice changes nothing. The key "
        u"options below are accepted but not used."_s);
    CommonOptions options;
    options.addConnectionOptions(parser);
    options.addDestinationOptions(parser);
    options.addJsonOption(parser);
    const QCommandLineOption archive(
        u"archive"_s, u"The archive folder (default: the settings' archive folder)."_s, u"DIR"_s);
    const QCommandLineOption streams(
        u"streams"_s,
        u"Only these, as for sync: analytics, analytics:TABLE, sales, sales:TYPE/SUBTYPE/FREQUENCY, finance "
        u"(default: everything archived)."_s,
        u"LIST"_s);
    parser.addOptions({archive, streams});
    if (const auto exit = parseOrExit(parser, arguments, kCommand))
        return *exit;
    const auto settings = options.resolve(parser);
    if (!settings)
        return fail(kCommand, settings.errorMessage(), kExitUsage);
    sync::ReplayOptions replayOptions;
    replayOptions.archiveDirectory =
        parser.isSet(archive) ? parser.value(archive) : settings->archiveDirectory;
    if (replayOptions.archiveDirectory.isEmpty()) {
        return fail(kCommand,
                    u"give the archive folder: --archive DIR (the folder `ascsync sync --archive` kept "
                    u"its files in)."_s,
                    kExitUsage);
    }
    auto selection = reports::StreamSelection::parse(listOf(parser.value(streams)));
    if (!selection)
        return fail(kCommand, escapeControlCharacters(selection.errorMessage()), kExitUsage);
    replayOptions.streams = std::move(selection).value();
    replayOptions.policy = settings->migrationPolicy;
    if (const Status folder = sync::checkArchiveFolder(replayOptions.archiveDirectory); !folder)
        return fail(kCommand, folder.errorMessage());
    config::SecretStore secrets;
    auto destination = openDestination(settings.value(), secrets);
    if (!destination)
        return fail(kCommand, destination.errorMessage());
    ReplayObserver observer;
    const auto summary = sync::runReplay(**destination, replayOptions, observer);
    if (!summary)
        return fail(kCommand, summary.errorMessage());
    printSummary(summary.value(), options.json(parser));
    return summary->unitsFailed == 0 ? kExitOk : kExitFailure;
}

} // namespace ascsync::cli
