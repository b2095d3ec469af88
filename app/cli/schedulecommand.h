#pragma once

#include <QStringList>

namespace ascsync::cli {

// `ascsync schedule install|remove|show`: runs `ascsync sync` unattended on the pull schedule of the
// settings, with a systemd user timer (or, without systemd, a crontab line the user adds).
int runScheduleCommand(const QStringList &arguments);

} // namespace ascsync::cli
