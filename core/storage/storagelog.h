#pragma once

#include <QLoggingCategory>

namespace ascsync::storage {
// Developer diagnostics of core/storage (QT_LOGGING_RULES="ascsync.core.storage.debug=true"). Never carries
// passwords: connection details are logged without them.
Q_DECLARE_LOGGING_CATEGORY(lcStorage)
} // namespace ascsync::storage
