#pragma once

#include <QLoggingCategory>

namespace ascsync::auth {
// Developer diagnostics of core/auth (QT_LOGGING_RULES="ascsync.core.auth.debug=true"). Never carries
// secrets.
Q_DECLARE_LOGGING_CATEGORY(lcAuth)
} // namespace ascsync::auth
