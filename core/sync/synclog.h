#pragma once

#include <QLoggingCategory>

namespace ascsync::sync {
// Developer diagnostics of the sync planner and engine. The user-facing activity log is SyncObserver.
Q_DECLARE_LOGGING_CATEGORY(lcSync)
} // namespace ascsync::sync
