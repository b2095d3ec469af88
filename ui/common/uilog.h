#pragma once

#include <QLoggingCategory>

namespace ascsync::ui {
// Developer diagnostics of the widgets. What the user reads goes to the activity log panel instead.
Q_DECLARE_LOGGING_CATEGORY(lcUi)
} // namespace ascsync::ui
