#include "synctrayicon.h"

#include "themeicons.h"

#include <QApplication>
#include <QMenu>
#include <QSystemTrayIcon>

using namespace Qt::StringLiterals;

namespace ascsync::ui {

SyncTrayIcon::SyncTrayIcon(QObject *parent)
    : QObject(parent)
    , m_toolTip(u"ascsync: no sync yet in this session"_s)
{
    if (!QSystemTrayIcon::isSystemTrayAvailable()) {
        return;
    }
    // The menu has no QWidget parent (the tray is not a widget), so this object owns and deletes it.
    m_menu = new QMenu;
    m_syncAction = m_menu->addAction(themeIcon(u"view-refresh"_s, QStyle::SP_BrowserReload), u"&Sync now"_s);
    connect(m_syncAction, &QAction::triggered, this, &SyncTrayIcon::syncRequested);
    connect(m_menu->addAction(u"S&how"_s), &QAction::triggered, this, &SyncTrayIcon::showRequested);
    m_menu->addSeparator();
    connect(m_menu->addAction(themeIcon(u"application-exit"_s, QStyle::SP_DialogCloseButton), u"&Quit"_s),
            &QAction::triggered, this, &SyncTrayIcon::quitRequested);

    m_tray = new QSystemTrayIcon(this);
    m_tray->setIcon(QApplication::windowIcon().isNull()
                        ? themeIcon(u"folder-download"_s, QStyle::SP_DriveNetIcon)
                        : QApplication::windowIcon());
    m_tray->setContextMenu(m_menu);
    m_tray->setToolTip(m_toolTip);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick) {
            Q_EMIT showRequested();
        }
    });
    m_tray->show();
}

SyncTrayIcon::~SyncTrayIcon()
{
    delete m_menu;
}

void SyncTrayIcon::setLastSync(const QString &text, bool ok)
{
    m_toolTip = u"ascsync: "_s + text;
    if (m_tray) {
        m_tray->setToolTip(m_toolTip);
        m_tray->setIcon(ok ? (QApplication::windowIcon().isNull()
                                  ? themeIcon(u"folder-download"_s, QStyle::SP_DriveNetIcon)
                                  : QApplication::windowIcon())
                           : themeIcon(u"dialog-warning"_s, QStyle::SP_MessageBoxWarning));
    }
}

void SyncTrayIcon::setSyncRunning(bool running)
{
    if (m_syncAction) {
        m_syncAction->setEnabled(!running);
    }
    if (running) {
        m_toolTip = u"ascsync: sync running…"_s;
        if (m_tray) {
            m_tray->setToolTip(m_toolTip);
        }
    }
}

} // namespace ascsync::ui
