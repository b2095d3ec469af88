#pragma once

#include <QLoggingCategory>

namespace ascsync::config {
// Developer diagnostics of core/config (QT_LOGGING_RULES="ascsync.core.config.debug=true"). Never carries
// secrets.
Q_DECLARE_LOGGING_CATEGORY(lcConfig)
} // namespace ascsync::config
