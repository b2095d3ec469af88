#pragma once

#include "adminsession.h"

#include "core/api/apiclient.h"
#include "core/config/secretstore.h"
#include "core/config/settings.h"

#include <QDialog>

#include <memory>
#include <optional>

class QDialogButtonBox;
class QGroupBox;
class QLabel;
class QLayout;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace ascsync::ui {

// Enables analytics reports for the apps that lack report requests, with an organisation Admin's key: lists
// those apps, shows the ready-to-run curl commands (token signed here), or sends the requests itself. The
// key lives in this dialog's memory only and is dropped, and its text wiped, when the dialog closes.
class AdminSetupDialog : public QDialog {
    Q_OBJECT
public:
    explicit AdminSetupDialog(const config::Settings &settings, QWidget *parent = nullptr);
    ~AdminSetupDialog() override;

    // Prefills the form (the demo account's Admin key); the key file is read only when checking.
    void setAdminCredentials(const QString &issuerId, const QString &keyId, const QString &keyFile);

    bool hasPlan() const { return m_plan.has_value(); }
    const std::optional<AdminPlan> &plan() const { return m_plan; }
    QList<admin::ActionOutcome> outcomes() const { return m_outcomes; }

public Q_SLOTS:
    void chooseKeyFile();
    // Reads the apps and their requests and renders the commands (worker thread).
    void checkApps();
    void sendRequests();
    void copyAllCommands();
    void warnClipboardHoldsToken();
    void copySelectedAppCommands();

Q_SIGNALS:
    void planReady(bool ok);
    void requestsSent();

protected:
    void done(int result) override;

private:
    QLayout *buildKeyColumn();
    QGroupBox *buildAppsBox();
    QGroupBox *buildCommandsBox();
    void showPlan(const AdminPlan &plan);
    void showError(const QString &message);
    void showOutcomes(const QList<admin::ActionOutcome> &outcomes);
    void collectRequests(api::ApiClient &view);
    void setBusy(bool busy, const QString &text = {});
    void forgetKey();

    config::Settings m_settings;
    std::optional<AdminPlan> m_plan;
    QList<admin::ActionOutcome> m_outcomes;
    // "Check apps" and "Send requests now" talk to Apple from this thread; closing the dialog drops them.
    config::SecretStore m_secrets;
    std::optional<AdminKey> m_checkKey; // while "Check apps" runs
    std::unique_ptr<api::ApiClient> m_adminClient;
    std::unique_ptr<api::ApiClient> m_regularClient;
    std::unique_ptr<api::ApiClient> m_sender;
    bool m_busy = false;

    QLineEdit *m_issuerId;
    QLineEdit *m_keyId;
    QLineEdit *m_keyFile;
    QPlainTextEdit *m_keyPem;
    QPushButton *m_checkButton;
    QLabel *m_summary;
    QListWidget *m_apps;
    QPlainTextEdit *m_commands;
    QLabel *m_expiry;
    QPushButton *m_copyAll;
    QPushButton *m_copyApp;
    QPushButton *m_send;
    QListWidget *m_results;
    QDialogButtonBox *m_buttons;
};

} // namespace ascsync::ui
