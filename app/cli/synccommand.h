#pragma once

#include <QStringList>

namespace ascsync::cli {

// `ascsync sync`: brings the destination up to date with App Store Connect.
int runSyncCommand(const QStringList &arguments);

// `ascsync query SQL` / `--file F`: runs SQL against the destination and prints the result.
int runQueryCommand(const QStringList &arguments);

} // namespace ascsync::cli
