#pragma once

#include "statustablemodel.h"

#include "core/api/apiclient.h"
#include "core/config/secretstore.h"
#include "core/config/settings.h"
#include "core/status/appstatus.h"
#include "core/status/statuscollector.h"

#include <QMainWindow>
#include <QSet>

class QLabel;
class QLayout;
class QPushButton;
class QStackedWidget;
class QTableView;
class QTabWidget;

namespace ascsync::ui {

class ActivityLogPanel;
class DashboardWidget;
class RunHistoryModel;
class StatusTableModel;
struct SyncOutcome;
class SyncProgressPanel;
class SyncRunner;
class SyncScheduler;
class SyncTrayIcon;

// The desktop app's home: which apps are ready (status table with the headline and Admin Setup…), Sync now
// with progress and Cancel, the run history, the dashboard and the activity log. Scheduled syncs run while
// the window (or its tray icon) lives. Every read and sync runs on a worker thread; this window only
// receives their results.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // `settingsPath`: the settings file (SettingsFile::defaultPath() in the app, a temporary one in tests).
    // `secrets`: the UI thread's keychain store for the settings dialog (async use only); null: the window
    // keeps one of its own.
    explicit MainWindow(QString settingsPath, config::SecretStore *secrets = nullptr,
                        QWidget *parent = nullptr);
    ~MainWindow() override;

    const config::Settings &settings() const { return m_settings; }
    bool isConfigured() const { return m_configured; }
    bool isSyncRunning() const;
    StatusTableModel *statusModel() const { return m_statusModel; }
    RunHistoryModel *historyModel() const { return m_historyModel; }
    ActivityLogPanel *activityLog() const { return m_log; }
    DashboardWidget *dashboard() const { return m_dashboard; }
    SyncTrayIcon *trayIcon() const { return m_tray; }

public Q_SLOTS:
    void syncNow();
    void cancelSync();
    void refreshStatus();
    void openAdminSetup();
    // The coverage calendar, showing `appId` first (empty: the app selected in the status table).
    void openCoverage(const QString &appId = {});
    // Opens the settings dialog of ui/wizard; the settings are read again when it is accepted.
    void openSettingsDialog();
    // Reads the settings file again (after the wizard or the settings dialog saved it, or the CLI changed
    // it).
    void reloadSettings();
    // Switches to another settings file (the demo's) and reloads.
    void useSettingsFile(const QString &path);

Q_SIGNALS:
    // The empty state's "Run setup…": app/gui shows the setup wizard.
    void setupRequested();
    void syncFinished(bool ok);
    void statusRefreshed();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildActions();
    QWidget *buildEmptyState();
    QWidget *buildHome();
    QLayout *buildHeader(QWidget *page);
    QTableView *buildStatusView(QWidget *page);
    QWidget *buildHistory(QWidget *page);
    void applySettings();
    void onSyncStarted();
    void onSyncFinished(const SyncOutcome &outcome);
    void askAppleForStatus(int generation, const status::StatusOptions &options,
                           status::DestinationFacts facts);
    void showStatusResult(const Result<status::StatusReport> &report);
    void showStatus(const status::StatusReport &report);
    void showStatusError(const QString &message);
    void loadRunHistory();
    void restoreWindowState();
    void saveWindowState() const;
    void quitApplication();

    QString m_settingsPath;
    config::SecretStore *m_secrets;
    config::Settings m_settings;
    bool m_configured = false;
    bool m_quitting = false;
    int m_statusGeneration = 0;                     // drops a status answer that a newer refresh superseded
    std::unique_ptr<api::ApiClient> m_statusClient; // asks Apple for the status, in this thread
    QHash<QString, StatusTableModel::LoadTally> m_syncTally; // per app name, of the running sync
    QSet<QString> m_reportedGaps; // gaps already told in the activity log this session

    QStackedWidget *m_pages = nullptr;
    QTabWidget *m_tabs = nullptr;
    QLabel *m_headline = nullptr;
    QLabel *m_scheduleLabel = nullptr;
    QPushButton *m_syncButton = nullptr;
    QPushButton *m_adminButton = nullptr;
    QPushButton *m_coverageButton = nullptr;
    QTableView *m_statusView = nullptr;
    StatusTableModel *m_statusModel = nullptr;
    RunHistoryModel *m_historyModel = nullptr;
    SyncProgressPanel *m_progress = nullptr;
    ActivityLogPanel *m_log = nullptr;
    DashboardWidget *m_dashboard = nullptr;
    SyncRunner *m_runner = nullptr;
    SyncScheduler *m_scheduler = nullptr;
    SyncTrayIcon *m_tray = nullptr;
    QAction *m_syncAction = nullptr;
    QAction *m_cancelAction = nullptr;
};

} // namespace ascsync::ui
