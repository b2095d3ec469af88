#pragma once

#include <QStringList>

namespace ascsync::cli {

// `ascsync replay`: rebuilds the destination's tables from the raw archive, without Apple.
int runReplayCommand(const QStringList &arguments);

} // namespace ascsync::cli
