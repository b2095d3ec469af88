#include "usersystemd.h"

#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace ascsync::cli {

namespace {

// systemctl answers in milliseconds; a hung D-Bus must not hang the command line.
constexpr int kSystemctlTimeoutMs = 20000;

} // namespace

QString UserSystemd::unavailableReason()
{
    if (QStandardPaths::findExecutable(u"systemctl"_s).isEmpty()) {
        return u"systemctl is not on PATH, so this system does not run systemd"_s;
    }
    // sd_booted(3): this directory exists only when systemd is the init system.
    if (!QFileInfo(u"/run/systemd/system"_s).isDir()) {
        return u"systemd is not the init system here (there is no /run/systemd/system), as in most "
               u"containers and WSL without systemd"_s;
    }
    const auto probe = systemctl({u"show-environment"_s});
    if (!probe) {
        return u"your systemd user manager is not reachable (%1); it runs while you are logged in, or "
               u"always after `loginctl enable-linger $USER`"_s.arg(probe.errorMessage());
    }
    return {};
}

Result<QString> UserSystemd::systemctl(const QStringList &arguments)
{
    QProcess process;
    process.start(u"systemctl"_s, QStringList{u"--user"_s} + arguments);
    const QString shown = u"systemctl --user "_s + arguments.join(u' ');
    if (!process.waitForStarted(kSystemctlTimeoutMs)) {
        return makeError(u"systemd.start"_s, u"`%1` could not start: %2"_s.arg(shown, process.errorString()));
    }
    if (!process.waitForFinished(kSystemctlTimeoutMs)) {
        process.kill();
        process.waitForFinished();
        return makeError(u"systemd.timeout"_s, u"`%1` did not answer within %2 seconds"_s.arg(shown).arg(
                                                   kSystemctlTimeoutMs / 1000));
    }
    const QString output = QString::fromLocal8Bit(process.readAllStandardOutput());
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        const QString errors = QString::fromLocal8Bit(process.readAllStandardError()).trimmed();
        return makeError(u"systemd.failed"_s,
                         u"`%1` failed: %2"_s.arg(shown, errors.isEmpty() ? output.trimmed() : errors));
    }
    return output;
}

} // namespace ascsync::cli
