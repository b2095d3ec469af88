#pragma once

#include <QLoggingCategory>

namespace ascsync::sandbox {
// Developer diagnostics of the simulator's data universe
// (QT_LOGGING_RULES="ascsync.sandbox.data.debug=true").
Q_DECLARE_LOGGING_CATEGORY(lcSandboxData)
} // namespace ascsync::sandbox
