#pragma once

#include <QStringList>

namespace ascsync::cli {

// `ascsync status`: per app, the analytics report requests Apple has, its reports and instances, and what the
// destination has loaded of them, with the next step in plain words.
int runStatusCommand(const QStringList &arguments);

} // namespace ascsync::cli
