#include "uilog.h"

namespace ascsync::ui {
Q_LOGGING_CATEGORY(lcUi, "ascsync.ui", QtInfoMsg)
} // namespace ascsync::ui
