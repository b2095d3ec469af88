#pragma once

#include <QStringList>

namespace ascsync::cli {

// `ascsync migrate [--dry-run]`: brings a destination written by an older ascsync to this version's layout
// (any other command does it too, on first use), or only says what that would change.
int runMigrateCommand(const QStringList &arguments);

} // namespace ascsync::cli
