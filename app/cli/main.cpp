// ascsync: the headless command line. Each command lives in its own file; this only dispatches.
#include "admincommand.h"
#include "appscommand.h"
#include "command.h"
#include "coveragecommand.h"
#include "migratecommand.h"
#include "replaycommand.h"
#include "schedulecommand.h"
#include "schemacommand.h"
#include "statuscommand.h"
#include "synccommand.h"
#include "tokencommand.h"

#include "ascsync/version.h"
#include "core/common/processhardening.h"

#include <QCoreApplication>

#include <functional>
#include <map>

using namespace Qt::StringLiterals;

namespace {

struct CommandEntry {
    QString summary;
    std::function<int(const QStringList &)> run;
};

const std::map<QString, CommandEntry> &commands()
{
    using namespace ascsync::cli;
    static const std::map<QString, CommandEntry> table{
        {u"admin-commands"_s,
         {u"Enable analytics reports with an Admin key held in memory only."_s, runAdminCommand}},
        {u"apps"_s, {u"List the apps your key can see."_s, runAppsCommand}},
        {u"coverage"_s,
         {u"Show per app, report and date what is loaded, missing or not published yet."_s,
          runCoverageCommand}},
        {u"login"_s, {u"Check an API key and store it in the keychain."_s, runLoginCommand}},
        {u"migrate"_s,
         {u"Upgrade a destination written by an older ascsync (--dry-run: show what changes)."_s,
          runMigrateCommand}},
        {u"query"_s, {u"Run SQL against the destination."_s, runQueryCommand}},
        {u"replay"_s,
         {u"Rebuild the tables from the raw archive (sync --archive), without Apple."_s, runReplayCommand}},
        {u"schedule"_s,
         {u"Run sync on the settings' schedule (systemd user timer, or cron)."_s, runScheduleCommand}},
        {u"schema"_s,
         {u"Describe the tables: columns, types, keys, meaning, relations."_s, runSchemaCommand}},
        {u"status"_s, {u"Show each app's report requests, reports and what is loaded."_s, runStatusCommand}},
        {u"sync"_s, {u"Bring the destination up to date with App Store Connect."_s, runSyncCommand}},
        {u"token"_s, {u"Sign an App Store Connect API token locally and print it."_s, runTokenCommand}},
    };
    return table;
}

void printUsage(QTextStream &out)
{
    out << "Usage: ascsync <command> [options]\n\n"
           "Pulls App Store Connect analytics, sales and finance reports into a database you own.\n\n"
           "Commands:\n";
    for (const auto &[name, entry] : commands()) {
        out << "  " << name.leftJustified(16) << entry.summary << '\n';
    }
    out << "\nGeneral options:\n"
           "  -h, --help      Show this help; `ascsync <command> --help` shows a command's options.\n"
           "  -v, --version   Show the version.\n\n"
           "Exit codes: 0 success, 1 the command failed, 2 the command line is wrong.\n";
    out.flush();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"ascsync"_s);
    QCoreApplication::setOrganizationDomain(u"ascsync.github.io"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(ASCSYNC_VERSION));

    QStringList arguments = QCoreApplication::arguments();
    const QString first = arguments.value(1);
    if (first.isEmpty() || first == u"-h"_s || first == u"--help"_s || first == u"help"_s) {
        printUsage(ascsync::cli::standardOutput());
        return first.isEmpty() ? ascsync::cli::kExitUsage : ascsync::cli::kExitOk;
    }
    if (first == u"-v"_s || first == u"--version"_s) {
        ascsync::cli::standardOutput() << "ascsync " << ASCSYNC_VERSION << Qt::endl;
        return ascsync::cli::kExitOk;
    }
    const auto command = commands().find(first);
    if (command == commands().end()) {
        ascsync::cli::standardError()
            << "ascsync: unknown command \"" << first << "\". Run `ascsync --help`.\n";
        return ascsync::cli::kExitUsage;
    }
    // Every command may hold the regular key, a token or a database password: before any of them is read,
    // no core file and no same-user ptrace or /proc/PID/environ (as admin-commands always did).
    if (const ascsync::Status hardened = ascsync::keepSecretsOutOfCoreDumps(); !hardened) {
        return ascsync::cli::fail(first, hardened.errorMessage());
    }
    arguments.removeAt(1); // the command's own parser sees "ascsync <options...>"
    return command->second.run(arguments);
}
