#include "authlog.h"

namespace ascsync::auth {
Q_LOGGING_CATEGORY(lcAuth, "ascsync.core.auth", QtInfoMsg)
} // namespace ascsync::auth
