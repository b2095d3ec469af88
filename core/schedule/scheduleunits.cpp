#include "scheduleunits.h"

#include "ascsync/version.h"

#include <QDir>
#include <QStandardPaths>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace ascsync::schedule {

namespace {

const QLatin1StringView kScheduleMarker("# Schedule: ");

bool isControl(QChar c)
{
    return c.unicode() < 0x20 || c.unicode() == 0x7F;
}

// systemd.service(5) command lines: '%' starts a specifier and '$' a variable, so both are doubled; an
// argument with spaces, quotes, backslashes or control characters is double-quoted with C escapes, so a
// newline in a path (say --config) stays inside the argument instead of starting a new unit line.
QString systemdArgument(const QString &argument)
{
    QString escaped = argument;
    escaped.replace(u'%', u"%%"_s).replace(u'$', u"$$"_s);
    static const QString needsQuotes = u" \t\"'\\;"_s;
    const bool quote = escaped.isEmpty() || std::any_of(escaped.cbegin(), escaped.cend(), [](QChar c) {
                           return needsQuotes.contains(c) || isControl(c);
                       });
    if (!quote) {
        return escaped;
    }
    QString quoted;
    for (const QChar c : std::as_const(escaped)) {
        if (c == u'\\' || c == u'"') {
            quoted += u'\\';
            quoted += c;
        } else if (isControl(c)) {
            quoted += u"\\x%1"_s.arg(static_cast<uint>(c.unicode()), 2, 16, QChar(u'0'));
        } else {
            quoted += c;
        }
    }
    return u'"' + quoted + u'"';
}

// crontab(5) hands the command to /bin/sh, and a bare '%' in it means a newline: single quotes for the
// shell, then every '%' escaped for cron.
QString cronArgument(const QString &argument)
{
    static const QString safe = u"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+=:,@"_s;
    QString quoted = argument;
    if (argument.isEmpty() ||
        std::any_of(argument.cbegin(), argument.cend(), [](QChar c) { return !safe.contains(c); })) {
        quoted.replace(u'\'', u"'\\''"_s);
        quoted = u'\'' + quoted + u'\'';
    }
    return quoted.replace(u'%', u"\\%"_s);
}

QStringList syncArguments(const SyncInvocation &invocation)
{
    QStringList arguments{invocation.executable, u"sync"_s};
    if (!invocation.configPath.isEmpty()) {
        arguments << u"--config"_s << invocation.configPath;
    }
    return arguments;
}

QString header()
{
    return u"# Written by `ascsync schedule install` "
           u"(ascsync " ASCSYNC_VERSION u"); `ascsync schedule remove` disables and deletes it.\n"_s;
}

} // namespace

QString unitStem()
{
    return QStringLiteral(ASCSYNC_APP_ID) + u"-sync"_s;
}

QString userUnitDirectory()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation))
        .filePath(u"systemd/user"_s);
}

ScheduleUnits makeScheduleUnits(const SyncSchedule &schedule, const SyncInvocation &invocation)
{
    ScheduleUnits units;
    units.serviceName = unitStem() + u".service"_s;
    units.timerName = unitStem() + u".timer"_s;

    QStringList command;
    for (const QString &argument : syncArguments(invocation)) {
        command << systemdArgument(argument);
    }
    units.serviceText = header() +
                        u"[Unit]\n"
                        u"Description=ascsync: sync App Store Connect reports into your database\n"
                        u"Documentation=https://github.com/ascsync/ascsync#run-it-on-a-schedule\n"
                        u"\n"
                        u"[Service]\n"
                        u"Type=oneshot\n"
                        u"ExecStart="_s +
                        command.join(u' ') +
                        u"\n"
                        u"# Background work: it must never slow down the desktop.\n"
                        u"Nice=10\n"
                        u"IOSchedulingClass=idle\n"_s;

    units.timerText =
        header() + kScheduleMarker + schedule.toString() +
        u"\n"
        u"[Unit]\n"
        u"Description=ascsync: scheduled sync ("_s +
        schedule.describe() +
        u")\n"
        u"\n"
        u"[Timer]\n"
        u"OnCalendar="_s +
        schedule.onCalendar() +
        u"\n"
        u"# A run missed while the computer was off or asleep starts at the next boot or login.\n"
        u"Persistent=true\n"
        u"# Spreads the requests of many users over a few minutes instead of one second.\n"
        u"RandomizedDelaySec=%1min\n"
        u"AccuracySec=1min\n"
        u"Unit=%2\n"
        u"\n"
        u"[Install]\n"
        u"WantedBy=timers.target\n"_s.arg(schedule.randomizedDelayMinutes())
            .arg(units.serviceName);
    return units;
}

QString cronLine(const SyncSchedule &schedule, const SyncInvocation &invocation)
{
    QStringList command;
    for (const QString &argument : syncArguments(invocation)) {
        command << cronArgument(argument);
    }
    return schedule.cronFields() + u' ' + command.join(u' ');
}

QString scheduleOfTimer(const QString &timerText)
{
    for (const QStringView line : QStringView(timerText).split(u'\n')) {
        if (line.startsWith(kScheduleMarker)) {
            return line.mid(kScheduleMarker.size()).trimmed().toString();
        }
    }
    return {};
}

} // namespace ascsync::schedule
