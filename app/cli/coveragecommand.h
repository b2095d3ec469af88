#pragma once

#include <QStringList>

namespace ascsync::cli {

// `ascsync coverage`: per app, report, granularity and date, what the destination knows (README "Coverage").
int runCoverageCommand(const QStringList &arguments);

} // namespace ascsync::cli
