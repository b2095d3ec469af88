#pragma once

#include "core/config/secretstore.h"
#include "core/config/settings.h"

#include <QDialog>

class QDialogButtonBox;
class QTabWidget;

namespace ascsync::ui {

class AppsEditor;
class CredentialsEditor;
class DestinationEditor;
class SettingsCommitter;
class SyncSettingsEditor;
class ValidationLabel;

// The main window's Settings dialog: the setup wizard's editors as tabs (Account, Apps, Destination, Sync).
// OK stores a new key or password in the keychain, then writes the settings file; it is enabled while every
// tab is valid.
class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    SettingsDialog(config::SecretStore &secrets, const QString &settingsPath, const config::Settings &current,
                   QWidget *parent = nullptr);

    config::Settings settings() const;

    CredentialsEditor *credentialsEditor() const { return m_credentials; }
    AppsEditor *appsEditor() const { return m_apps; }
    DestinationEditor *destinationEditor() const { return m_destination; }
    SyncSettingsEditor *syncSettingsEditor() const { return m_sync; }

public Q_SLOTS:
    void accept() override;

Q_SIGNALS:
    void settingsSaved(const ascsync::config::Settings &settings);

private:
    void updateOkButton();
    void committed(bool ok, const QString &message);

    config::Settings m_current;
    QTabWidget *m_tabs;
    CredentialsEditor *m_credentials;
    AppsEditor *m_apps;
    DestinationEditor *m_destination;
    SyncSettingsEditor *m_sync;
    ValidationLabel *m_message;     // which tab blocks OK
    ValidationLabel *m_saveMessage; // the outcome of OK
    QDialogButtonBox *m_buttons;
    SettingsCommitter *m_committer;
};

} // namespace ascsync::ui
