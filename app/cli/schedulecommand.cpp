#include "schedulecommand.h"

#include "command.h"
#include "usersystemd.h"

#include "core/common/plaintext.h"
#include "core/config/settings.h"
#include "core/schedule/scheduleunits.h"
#include "core/schedule/syncschedule.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace ascsync::cli {

namespace {

const QString kCommand = u"schedule"_s;

// What every action needs: where the settings are, what they say, and where the units go.
struct ScheduleContext {
    QString configPath;
    bool configGiven = false; // --config or ASCSYNC_CONFIG: the scheduled run must use the same file
    config::Settings settings;
    QString unitDirectory;
    schedule::ScheduleUnits units;
    bool filesOnly = false;

    QString servicePath() const { return QDir(unitDirectory).filePath(units.serviceName); }
    QString timerPath() const { return QDir(unitDirectory).filePath(units.timerName); }
    schedule::SyncInvocation invocation() const
    {
        return {QCoreApplication::applicationFilePath(), configGiven ? configPath : QString()};
    }
};

Result<schedule::SyncSchedule> configuredSchedule(const ScheduleContext &context)
{
    auto parsed = context.settings.schedule.schedule();
    if (!parsed) {
        return makeError(parsed.error().code,
                         parsed.errorMessage() + u" Fix sync/schedule in %1 (or in the "
                                                 u"desktop app's settings)."_s.arg(context.configPath));
    }
    return parsed;
}

Status writeFile(const QString &path, const QString &text)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0 || !file.commit()) {
        return makeError(u"schedule.write"_s, u"Cannot write %1: %2. Check the folder's permissions."_s.arg(
                                                  path, file.errorString()));
    }
    return {};
}

void printNextRun(const schedule::SyncSchedule &schedule, const ScheduleContext &context)
{
    if (!context.filesOnly && UserSystemd::unavailableReason().isEmpty()) {
        if (const auto timers = UserSystemd::systemctl(
                {u"list-timers"_s, u"--all"_s, u"--no-pager"_s, context.units.timerName});
            timers) {
            standardOutput() << timers.value();
            return;
        }
    }
    standardOutput()
        << u"Next run: %1 (plus up to %2 minutes of random delay)\n"_s
               .arg(schedule.nextRun(QDateTime::currentDateTime()).toString(u"ddd yyyy-MM-dd HH:mm"_s))
               .arg(schedule.randomizedDelayMinutes());
}

// A scheduled run without a key fails every time: say so while the user is looking.
void warnIfNoKey(const ScheduleContext &context)
{
    if (context.settings.keyId.isEmpty()) {
        standardError() << "Note: no App Store Connect key is configured in " << context.configPath
                        << " yet: run `ascsync login` before the first scheduled run.\n";
        standardError().flush();
    }
}

int printCronLine(const schedule::SyncSchedule &schedule, const ScheduleContext &context)
{
    standardOutput() << schedule::cronLine(schedule, context.invocation()) << Qt::endl;
    if (!context.settings.keyId.isEmpty() && context.settings.keyFile.isEmpty()) {
        standardError()
            << "Note: cron jobs have no desktop session, so the key cannot come from your keychain; "
               "set keyFile in "
            << context.configPath << " (ascsync login --keep-key-file) for cron runs.\n";
    }
    warnIfNoKey(context);
    standardError().flush();
    return kExitOk;
}

int install(const ScheduleContext &context, bool cron)
{
    const auto schedule = configuredSchedule(context);
    if (!schedule) {
        return fail(kCommand, schedule.errorMessage());
    }
    if (schedule->isManual()) {
        return fail(kCommand, u"the schedule in %1 is \"manual\", so there is nothing to install. Set "
                              u"sync/schedule (like daily 06:00) there or in the desktop app, then run this "
                              u"again."_s.arg(context.configPath));
    }
    if (cron) {
        standardError() << "Add this line to your crontab (crontab -e) to sync " << schedule->describe()
                        << ":\n";
        return printCronLine(schedule.value(), context);
    }
    if (!context.filesOnly) {
        if (const QString reason = UserSystemd::unavailableReason(); !reason.isEmpty()) {
            standardError() << "ascsync schedule: cannot install a systemd timer: " << reason
                            << ". Nothing was written. To sync " << schedule->describe()
                            << " with cron instead, add this line to your crontab (crontab -e):\n";
            printCronLine(schedule.value(), context);
            return kExitFailure;
        }
    }
    if (!QDir().mkpath(context.unitDirectory)) {
        return fail(kCommand, u"cannot create the folder %1."_s.arg(context.unitDirectory));
    }
    const schedule::ScheduleUnits units = schedule::makeScheduleUnits(schedule.value(), context.invocation());
    for (const auto &[path, text] : {std::pair{context.servicePath(), units.serviceText},
                                     std::pair{context.timerPath(), units.timerText}}) {
        if (const Status written = writeFile(path, text); !written) {
            return fail(kCommand, written.errorMessage());
        }
        standardOutput() << "Wrote " << path << '\n';
    }
    if (context.filesOnly) {
        standardOutput() << "Not enabled (--no-enable). To start it: systemctl --user daemon-reload && "
                            "systemctl --user enable --now "
                         << units.timerName << '\n';
        printNextRun(schedule.value(), context);
        standardOutput().flush();
        warnIfNoKey(context);
        return kExitOk;
    }
    for (const QStringList &arguments :
         {QStringList{u"daemon-reload"_s}, QStringList{u"enable"_s, u"--now"_s, units.timerName}}) {
        if (const auto done = UserSystemd::systemctl(arguments); !done) {
            return fail(kCommand, done.errorMessage() +
                                      u". The unit files are in %1; fix the problem and run "
                                      u"`ascsync schedule install` again."_s.arg(context.unitDirectory));
        }
    }
    standardOutput() << "Scheduled: ascsync syncs " << schedule->describe()
                     << ". Each run is recorded in the "
                     << "destination's _ascsync_runs table (the desktop app's history).\n";
    printNextRun(schedule.value(), context);
    standardOutput().flush();
    warnIfNoKey(context);
    return kExitOk;
}

int remove(const ScheduleContext &context)
{
    const bool systemd = !context.filesOnly && UserSystemd::unavailableReason().isEmpty();
    const bool installed = QFileInfo::exists(context.timerPath()) || QFileInfo::exists(context.servicePath());
    if (systemd && installed) {
        if (const auto disabled = UserSystemd::systemctl({u"disable"_s, u"--now"_s, context.units.timerName});
            !disabled) {
            standardError() << "ascsync schedule: " << disabled.errorMessage()
                            << ". Deleting the unit files anyway.\n";
        }
    }
    int removed = 0;
    for (const QString &path : {context.timerPath(), context.servicePath()}) {
        if (!QFileInfo::exists(path)) {
            continue;
        }
        if (!QFile::remove(path)) {
            return fail(kCommand, u"cannot delete %1: check the folder's permissions."_s.arg(path));
        }
        standardOutput() << "Removed " << path << '\n';
        ++removed;
    }
    if (removed == 0) {
        standardOutput() << "No scheduled sync was installed in " << context.unitDirectory << ".\n";
    }
    if (systemd && removed > 0) {
        if (const auto reloaded = UserSystemd::systemctl({u"daemon-reload"_s}); !reloaded) {
            standardError() << "ascsync schedule: " << reloaded.errorMessage() << '\n';
        }
    }
    if (!systemd) {
        standardOutput() << "If you added the crontab line instead, delete it with crontab -e.\n";
    }
    standardOutput().flush();
    return kExitOk;
}

int show(const ScheduleContext &context)
{
    QTextStream &out = standardOutput();
    const auto schedule = configuredSchedule(context);
    out << "Settings: " << context.configPath << '\n';
    if (schedule) {
        out << "Schedule: " << schedule->toString() << " (" << schedule->describe() << ")\n";
    } else {
        out << "Schedule: invalid: " << schedule.errorMessage() << '\n';
    }
    QString timerSchedule;
    for (const QString &path : {context.servicePath(), context.timerPath()}) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            out << "Not installed: " << path << '\n';
            continue;
        }
        out << "Installed: " << path << '\n';
        if (path == context.timerPath()) {
            timerSchedule = schedule::scheduleOfTimer(QString::fromUtf8(file.readAll()));
        }
    }
    if (schedule && !timerSchedule.isEmpty() && timerSchedule != schedule->toString()) {
        out << "The timer runs \"" << timerSchedule << "\" but the settings say \"" << schedule->toString()
            << "\": run `ascsync schedule install` to apply the settings.\n";
    }
    if (!context.filesOnly) {
        if (const QString reason = UserSystemd::unavailableReason(); !reason.isEmpty()) {
            out << "systemd: not usable (" << reason << ").\n";
        } else if (const auto enabled = UserSystemd::systemctl({u"is-enabled"_s, context.units.timerName});
                   enabled) {
            out << "systemd: timer " << enabled->trimmed() << '\n';
        } else {
            out << "systemd: timer not enabled\n";
        }
    }
    if (schedule && !schedule->isManual()) {
        printNextRun(schedule.value(), context);
    }
    out.flush();
    return kExitOk;
}

} // namespace

int runScheduleCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Runs `ascsync sync` unattended on the pull schedule of the settings (sync/schedule: hourly, every "
        u"Nh, "
        u"daily HH:MM or weekly DAY HH:MM) with a systemd user timer.\n\n"
        u"  install  write the timer and its service to ~/.config/systemd/user and enable it; without "
        u"systemd, write nothing and print a crontab line\n"
        u"  show     the schedule, the unit files and the next run\n"
        u"  remove   disable the timer and delete its unit files"_s);
    parser.addPositionalArgument(u"action"_s, u"install, show or remove"_s, u"install|show|remove"_s);
    const QCommandLineOption configOption(
        u"config"_s,
        u"Settings file (default: %1). A scheduled run uses the same file."_s.arg(
            config::SettingsFile::defaultPath()),
        u"FILE"_s);
    const QCommandLineOption noEnable({u"no-enable"_s, u"files-only"_s},
                                      u"Only write or delete the unit files; never run systemctl."_s);
    const QCommandLineOption cron(u"cron"_s, u"install: print the crontab line instead of using systemd."_s);
    parser.addOptions({configOption, noEnable, cron});

    // The action is the first word; parseOrExit sees only the options.
    QStringList options = arguments;
    const QString action =
        options.size() > 1 && !options.at(1).startsWith(u'-') ? options.takeAt(1) : QString();
    if (const auto exit = parseOrExit(parser, options, kCommand)) {
        return *exit;
    }
    static const QStringList actions{u"install"_s, u"show"_s, u"remove"_s};
    if (!actions.contains(action)) {
        return fail(kCommand,
                    action.isEmpty() ? u"say what to do: install, show or remove."_s
                                     : u"unknown action \"%1\": use install, show or remove."_s.arg(action),
                    kExitUsage);
    }
    if (parser.isSet(cron) && action != u"install"_s) {
        return fail(kCommand, u"--cron goes with install only."_s, kExitUsage);
    }

    ScheduleContext context;
    context.configGiven = parser.isSet(configOption) || qEnvironmentVariableIsSet("ASCSYNC_CONFIG");
    context.configPath = flagOrEnvironment(parser, u"config"_s, "ASCSYNC_CONFIG");
    if (context.configPath.isEmpty()) {
        context.configPath = config::SettingsFile::defaultPath();
    }
    context.configPath = QFileInfo(context.configPath).absoluteFilePath(); // messages name the real file
    if (hasControlCharacters(context.configPath)) {
        // A crontab line cannot hold a line break, and a unit line should not: refuse rather than guess.
        return fail(kCommand,
                    u"the settings path \"%1\" contains a line break or another control character, which a "
                    u"scheduled command line cannot hold. Move the settings to a plain path and pass that "
                    u"with --config."_s.arg(escapeControlCharacters(context.configPath)),
                    kExitUsage);
    }
    const auto settings = config::SettingsFile::load(context.configPath);
    if (!settings) {
        return fail(kCommand, settings.errorMessage());
    }
    context.settings = settings.value();
    context.unitDirectory = schedule::userUnitDirectory();
    context.units = schedule::makeScheduleUnits(schedule::SyncSchedule{}, context.invocation());
    context.filesOnly = parser.isSet(noEnable);

    if (action == u"install"_s) {
        return install(context, parser.isSet(cron));
    }
    if (action == u"remove"_s) {
        return remove(context);
    }
    return show(context);
}

} // namespace ascsync::cli
