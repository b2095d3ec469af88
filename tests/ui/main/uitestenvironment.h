#pragma once

// One test's world for the desktop app's suites: private XDG config/data/cache folders and TMPDIR (so a
// test can prove nothing secret was written there), the real simulator, and a settings file for it.

#include "core/config/settings.h"
#include "tests/testkit/sandboxprocess.h"

#include <QStringList>
#include <QTemporaryDir>

class UiTestEnvironment {
public:
    // Points XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_CACHE_HOME and TMPDIR into a fresh folder, then starts the
    // simulator (its state folder lies outside those) with `sandboxArguments`.
    bool start(const QStringList &sandboxArguments);

    SandboxProcess &sandbox() { return m_sandbox; }
    // Settings for the simulator's reader key (from its key file, no keychain), a SQLite destination in the
    // data folder and `streams`.
    ascsync::config::Settings readerSettings(const QStringList &streams) const;
    bool writeSettings(const ascsync::config::Settings &settings) const;
    QString settingsPath() const;
    QString sqlitePath() const;
    // The folders a leak would end up in.
    QStringList privateFolders() const;
    // A bearer token for `which` key ("reader" or "admin"), from `ascsync token`.
    QString token(const QString &which) const;

private:
    QTemporaryDir m_root;
    SandboxProcess m_sandbox;
};
