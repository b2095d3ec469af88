#pragma once

#include <QObject>

class QAction;
class QMenu;
class QSystemTrayIcon;

namespace ascsync::ui {

// The system tray entry while the app runs: the last sync's status in the tooltip, and Sync now / Show /
// Quit in its menu. Does nothing where the desktop has no tray (isAvailable() false).
class SyncTrayIcon : public QObject {
    Q_OBJECT
public:
    explicit SyncTrayIcon(QObject *parent = nullptr);
    ~SyncTrayIcon() override;

    bool isAvailable() const { return m_tray != nullptr; }
    QString toolTip() const { return m_toolTip; }

    void setLastSync(const QString &text, bool ok);
    void setSyncRunning(bool running);

Q_SIGNALS:
    void syncRequested();
    void showRequested();
    void quitRequested();

private:
    QSystemTrayIcon *m_tray = nullptr;
    QMenu *m_menu = nullptr;
    QAction *m_syncAction = nullptr;
    QString m_toolTip;
};

} // namespace ascsync::ui
