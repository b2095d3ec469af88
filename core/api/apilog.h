#pragma once

#include <QLoggingCategory>

namespace ascsync::api {
// Developer diagnostics of the API client: method, path and status only -- never headers, tokens or bodies.
Q_DECLARE_LOGGING_CATEGORY(lcApi)
} // namespace ascsync::api
