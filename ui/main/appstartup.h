#pragma once

#include "core/config/secretstore.h"

#include <QObject>
#include <QPointer>

#include <memory>

namespace ascsync::ui {

class MainWindow;
class ScreenshotTour;
class SetupWizard;

// What ascsync-gui shows first: the setup wizard when no settings file exists yet, else the main window; and
// the hand-overs between them (the wizard's saved settings and demo account go to the window, its "Admin
// Setup…" opens the dialog with the wizard's current settings, the window's "Run setup…" opens the wizard).
class AppStartup : public QObject {
    Q_OBJECT
public:
    explicit AppStartup(QString settingsPath, QObject *parent = nullptr);
    ~AppStartup() override;

    void start();
    MainWindow *mainWindow() const { return m_window.get(); }

    // The screens of the main window and the Admin setup dialog, for --screenshot-tour (after the wizard's).
    void addScreens(ScreenshotTour &tour);

public Q_SLOTS:
    void showSetupWizard();

private:
    void onWizardSaved();
    void openAdminSetupFromWizard();

    QString m_settingsPath;
    config::SecretStore m_secrets; // the UI thread's store: the wizard and settings dialog use it async only
    std::unique_ptr<MainWindow> m_window;
    QPointer<SetupWizard> m_wizard;
};

} // namespace ascsync::ui
