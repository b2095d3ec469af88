#include "configlog.h"

namespace ascsync::config {
Q_LOGGING_CATEGORY(lcConfig, "ascsync.core.config", QtInfoMsg)
} // namespace ascsync::config
