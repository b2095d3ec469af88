#pragma once

#include "core/api/appsendpoint.h"
#include "core/auth/p8key.h"
#include "core/config/secretstore.h"
#include "core/config/settings.h"

#include <QWidget>

#include <memory>
#include <optional>

class QCheckBox;
class QFormLayout;
class QLineEdit;
class QPushButton;
class QToolButton;

namespace ascsync::ui {

class FileDropLineEdit;
class ValidationLabel;
struct DemoAccount;

// Issuer ID, Key ID, the .p8 key file and (under "Advanced") the API base URL, each checked as it is typed,
// and "Test connection", which lists the apps the key sees on a worker thread. Used by the setup wizard's
// Credentials page and the settings dialog's Account tab.
class CredentialsEditor : public QWidget {
    Q_OBJECT
public:
    explicit CredentialsEditor(config::SecretStore &secrets, QWidget *parent = nullptr);
    ~CredentialsEditor() override;

    // From saved settings: a key already in the keychain (no key file) counts as chosen.
    void load(const config::Settings &settings);
    void loadDemo(const DemoAccount &account);
    void applyTo(config::Settings &settings) const;

    bool isValid() const;
    bool isConnectionTested() const { return m_tested; }
    bool isTesting() const { return m_testing; }
    QList<api::AppInfo> apps() const { return m_apps; }
    // The key to put in the keychain on saving: the chosen file's PEM, or empty when the key stays in its
    // file ("Keep using the key file") or the stored key is kept.
    QByteArray keyPemToStore() const;
    // The .p8 file chosen in the field (absolute), whether or not the settings will name it; empty if none.
    QString chosenKeyFile() const;
    // The key to sign with now (from the file, or as last read from the keychain).
    std::optional<auth::P8Key> key() const { return m_key; }

public Q_SLOTS:
    void testConnection();

Q_SIGNALS:
    // Any field, check or test state changed.
    void changed();
    void appsListed(const QList<ascsync::api::AppInfo> &apps);

private:
    void buildLayout();
    void checkIssuerId();
    void checkKeyId();
    void checkKeyFile();
    bool storedKeyApplies() const;
    void checkApiBaseUrl();
    void fieldEdited();
    void invalidateTest();
    void chooseKeyFile();
    void runTest(const config::Settings &settings, const auth::P8Key &key);
    void showTestResult(const Result<QList<api::AppInfo>> &apps);
    void updateTestButton();

    config::SecretStore &m_secrets;
    QLineEdit *m_issuerId;
    ValidationLabel *m_issuerIdMessage;
    QLineEdit *m_keyId;
    ValidationLabel *m_keyIdMessage;
    FileDropLineEdit *m_keyFile;
    QPushButton *m_browse;
    ValidationLabel *m_keyFileMessage;
    QCheckBox *m_keepKeyFile;
    QToolButton *m_advancedToggle;
    QWidget *m_advanced = nullptr; // the API base URL row
    QFormLayout *m_form = nullptr;
    QLineEdit *m_apiBaseUrl;
    ValidationLabel *m_apiBaseUrlMessage;
    QPushButton *m_test;
    ValidationLabel *m_testMessage;

    bool m_issuerIdValid = false;
    bool m_keyIdValid = false;
    bool m_keyFileValid = false;
    bool m_apiBaseUrlValid = true;
    bool m_storedKeyAvailable = false; // the loaded settings' key is in the keychain...
    QString m_storedIssuerId;          // ...under these IDs
    QString m_storedKeyId;
    QByteArray m_pem; // of the chosen file, wiped when replaced and on destruction
    std::optional<auth::P8Key> m_key;
    bool m_testing = false;
    bool m_tested = false;
    int m_testGeneration = 0;                 // results of older tests (fields changed since) are dropped
    std::unique_ptr<api::ApiClient> m_client; // of the last connection test, in this thread
    QList<api::AppInfo> m_apps;
};

} // namespace ascsync::ui
