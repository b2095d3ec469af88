#pragma once

#include <QStringList>

namespace ascsync::cli {

// `ascsync token`: signs an App Store Connect JWT locally and prints only the token on stdout.
int runTokenCommand(const QStringList &arguments);

} // namespace ascsync::cli
