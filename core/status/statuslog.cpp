#include "statuslog.h"

namespace ascsync::status {
Q_LOGGING_CATEGORY(lcStatus, "ascsync.core.status", QtInfoMsg)
} // namespace ascsync::status
