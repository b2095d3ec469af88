#include "apilog.h"

namespace ascsync::api {
Q_LOGGING_CATEGORY(lcApi, "ascsync.core.api", QtInfoMsg)
} // namespace ascsync::api
