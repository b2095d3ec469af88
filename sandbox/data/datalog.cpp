#include "datalog.h"

namespace ascsync::sandbox {
Q_LOGGING_CATEGORY(lcSandboxData, "ascsync.sandbox.data", QtInfoMsg)
} // namespace ascsync::sandbox
