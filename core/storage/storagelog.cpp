#include "storagelog.h"

namespace ascsync::storage {
Q_LOGGING_CATEGORY(lcStorage, "ascsync.core.storage", QtInfoMsg)
} // namespace ascsync::storage
