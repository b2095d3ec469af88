#include "themeicons.h"

#include <QApplication>

using namespace Qt::StringLiterals;

namespace ascsync::ui {

QIcon themeIcon(const QString &themeName, QStyle::StandardPixmap fallback)
{
    return QIcon::fromTheme(themeName, QApplication::style()->standardIcon(fallback));
}

QIcon readinessIcon(status::Readiness readiness)
{
    switch (readiness) {
    case status::Readiness::Ready:
        return themeIcon(u"emblem-ok"_s, QStyle::SP_DialogApplyButton);
    case status::Readiness::Waiting:
        return themeIcon(u"appointment-soon"_s, QStyle::SP_BrowserReload);
    case status::Readiness::NeedsSetup:
        return themeIcon(u"dialog-warning"_s, QStyle::SP_MessageBoxWarning);
    case status::Readiness::Stopped:
        return themeIcon(u"process-stop"_s, QStyle::SP_MessageBoxCritical);
    }
    return {};
}

QColor readinessColor(status::Readiness readiness)
{
    // Soft backgrounds that keep black text readable; the icon and words carry the meaning too, so the
    // table does not rely on colour alone.
    switch (readiness) {
    case status::Readiness::Ready:
        return QColor(0xdf, 0xf3, 0xe0);
    case status::Readiness::Waiting:
        return QColor(0xe3, 0xee, 0xfa);
    case status::Readiness::NeedsSetup:
        return QColor(0xfd, 0xf1, 0xd6);
    case status::Readiness::Stopped:
        return QColor(0xf9, 0xdc, 0xdc);
    }
    return {};
}

QString readinessLabel(status::Readiness readiness)
{
    switch (readiness) {
    case status::Readiness::Ready:
        return u"Ready"_s;
    case status::Readiness::Waiting:
        return u"Waiting for Apple"_s;
    case status::Readiness::NeedsSetup:
        return u"Needs admin setup"_s;
    case status::Readiness::Stopped:
        return u"Stopped by Apple"_s;
    }
    return {};
}

} // namespace ascsync::ui
