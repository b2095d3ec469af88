#pragma once

#include "core/config/secretstore.h"
#include "core/config/settings.h"

#include <QWizard>

namespace ascsync::ui {

class AppsEditor;
class CredentialsEditor;
class DemoSandbox;
class DestinationEditor;
class FinishPage;
class SettingsCommitter;
class SyncSettingsEditor;
struct DemoAccount;

// The first-run setup of ascsync-gui: welcome (with a demo account), credentials, apps, destination, sync
// settings, summary. The pages reuse the settings dialog's editors; the wizard assembles their values into
// one config::Settings. Finishing stores the API key (and a PostgreSQL password) in the keychain, then
// writes the settings file -- never a secret into it.
class SetupWizard : public QWizard {
    Q_OBJECT
public:
    enum PageId { WelcomePageId, CredentialsPageId, AppsPageId, DestinationPageId, SyncPageId, FinishPageId };

    // `initial`: existing settings to start from (e.g. SettingsFile::load), or defaults.
    SetupWizard(config::SecretStore &secrets, const QString &settingsPath, const config::Settings &initial,
                QWidget *parent = nullptr);
    ~SetupWizard() override;

    // What the pages hold now (written to the settings file on Finish).
    config::Settings settings() const;
    // The same, but naming the chosen key file even when the key goes to the keychain: for dialogs opened
    // before Finish (Admin Setup…), which must read the regular key before it is stored.
    config::Settings settingsUsingKeyFile() const;
    // Where Finish saves: the path given, or demo.conf beside it once the demo account was used.
    QString settingsPath() const;

    // The demo account's simulator: created with the wizard, started by "Try it with a demo account". To keep
    // it running after the wizard closes (the main window syncs from it), take it over with setParent().
    DemoSandbox *demoSandbox() const { return m_demo; }
    bool isDemo() const { return m_demoUsed; }

    CredentialsEditor *credentialsEditor() const { return m_credentials; }
    AppsEditor *appsEditor() const { return m_apps; }
    DestinationEditor *destinationEditor() const { return m_destination; }
    SyncSettingsEditor *syncSettingsEditor() const { return m_sync; }

public Q_SLOTS:
    void startDemo();
    void accept() override;

Q_SIGNALS:
    // "Admin Setup…" on the last page: the app opens its Admin Setup dialog.
    void adminSetupRequested();
    // The keychain and the settings file hold `settings`; the wizard closes right after.
    void settingsSaved(const ascsync::config::Settings &settings);
    // The demo account is filled in (the connection test runs next).
    void demoReady();

private:
    void useDemoAccount(const DemoAccount &account);
    void committed(bool ok, const QString &message);

    config::SecretStore &m_secrets;
    config::Settings m_initial;
    CredentialsEditor *m_credentials;
    AppsEditor *m_apps;
    DestinationEditor *m_destination;
    SyncSettingsEditor *m_sync;
    FinishPage *m_finishPage;
    DemoSandbox *m_demo;
    SettingsCommitter *m_committer;
    bool m_demoUsed = false;
};

} // namespace ascsync::ui
