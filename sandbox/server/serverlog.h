#pragma once

#include <QLoggingCategory>

// Developer diagnostics of the simulator's server (QT_LOGGING_RULES="ascsync.sandbox.server.debug=true").
Q_DECLARE_LOGGING_CATEGORY(lcSandboxServer)
