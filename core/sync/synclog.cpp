#include "synclog.h"

namespace ascsync::sync {
Q_LOGGING_CATEGORY(lcSync, "ascsync.core.sync", QtInfoMsg)
} // namespace ascsync::sync
