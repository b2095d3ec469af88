#pragma once

#include <QLoggingCategory>

namespace ascsync::status {
Q_DECLARE_LOGGING_CATEGORY(lcStatus)
} // namespace ascsync::status
