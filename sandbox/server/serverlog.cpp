#include "serverlog.h"

Q_LOGGING_CATEGORY(lcSandboxServer, "ascsync.sandbox.server", QtInfoMsg)
