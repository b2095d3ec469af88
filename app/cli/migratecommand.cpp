#include "migratecommand.h"

#include "clicontext.h"
#include "command.h"
#include "destinationaccess.h"

#include "core/storage/analyticslayoutmigration.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace ascsync::cli {

namespace {

const QString kCommand = u"migrate"_s;

// A dry run changes nothing, so it must not create the SQLite file it was pointed at either.
bool isMissingSqliteFile(const config::Settings &settings)
{
    const auto spec = storage::DestinationSpec::parse(settings.destination, settings.schema);
    return spec && spec->kind() == storage::DestinationSpec::Kind::Sqlite &&
           !QFileInfo::exists(spec->sqlitePath());
}

int dryRun(const config::Settings &settings)
{
    if (isMissingSqliteFile(settings)) {
        standardOutput() << "There is no destination at " << settings.destination
                         << " yet: the first sync creates it in the current layout.\n";
        standardOutput().flush();
        return kExitOk;
    }
    config::SecretStore secrets;
    storage::OpenOptions inspect;
    inspect.upgrade = false;
    auto destination = openDestination(settings, secrets, inspect);
    if (!destination)
        return fail(kCommand, destination.errorMessage());
    const auto plan = storage::AnalyticsLayoutMigration(**destination).plan();
    if (!plan)
        return fail(kCommand, plan.errorMessage());
    for (const QString &line : plan->describe((*destination)->schema()))
        standardOutput() << line << '\n';
    if (plan->pending())
        standardOutput() << "Run `ascsync migrate` (or any sync) to do it.\n";
    standardOutput().flush();
    return kExitOk;
}

} // namespace

int runMigrateCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Brings a destination written by an older ascsync to this version's layout, in place: one table per "
        u"analytics report and granularity, each instance's metadata stored once. Every command does this on "
        u"first use; run it yourself to choose the moment, or with --dry-run to see what would change."_s);
    CommonOptions options;
    options.addConnectionOptions(parser);
    options.addDestinationOptions(parser);
    const QCommandLineOption dry(u"dry-run"_s, u"Only show what would change; change nothing."_s);
    parser.addOption(dry);
    if (const auto exit = parseOrExit(parser, arguments, kCommand))
        return *exit;
    const auto settings = options.resolve(parser);
    if (!settings)
        return fail(kCommand, settings.errorMessage(), kExitUsage);
    if (parser.isSet(dry))
        return dryRun(settings.value());
    config::SecretStore secrets;
    auto destination = openDestination(settings.value(), secrets);
    if (!destination)
        return fail(kCommand, destination.errorMessage());
    standardOutput() << settings->destination << " is in the layout of this ascsync (schema "
                     << (*destination)->schema() << ").\n";
    standardOutput().flush();
    return kExitOk;
}

} // namespace ascsync::cli
