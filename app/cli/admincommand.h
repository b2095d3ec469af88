#pragma once

#include <QStringList>

namespace ascsync::cli {

// `ascsync admin-commands`: with an Admin key held in memory only, prints the curl commands (or, with --send,
// sends the requests) that enable analytics reports for the apps lacking report requests.
int runAdminCommand(const QStringList &arguments);

} // namespace ascsync::cli
