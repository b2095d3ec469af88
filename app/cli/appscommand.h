#pragma once

#include <QStringList>

namespace ascsync::cli {

// `ascsync apps`: lists the apps the configured key can see.
int runAppsCommand(const QStringList &arguments);

// `ascsync login`: validates a key, checks it against the API, stores it in the keychain and the IDs in
// settings.
int runLoginCommand(const QStringList &arguments);

} // namespace ascsync::cli
