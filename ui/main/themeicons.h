#pragma once

#include "core/status/appstatus.h"

#include <QColor>
#include <QIcon>
#include <QStyle>

namespace ascsync::ui {

// Icons come from the desktop's icon theme (scalable, so they stay sharp on high-DPI screens), with Qt's own
// style icons when the theme has none (offscreen, Windows, macOS). resources/icons will add ours later.
QIcon themeIcon(const QString &themeName, QStyle::StandardPixmap fallback);

// How one Readiness reads in the UI: the same icon, colour and words in the table, tooltips and tray.
QIcon readinessIcon(status::Readiness readiness);
QColor readinessColor(status::Readiness readiness);
QString readinessLabel(status::Readiness readiness);

} // namespace ascsync::ui
