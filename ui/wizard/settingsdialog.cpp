#include "settingsdialog.h"

#include "appseditor.h"
#include "credentialseditor.h"
#include "destinationeditor.h"
#include "settingscommitter.h"
#include "syncsettingseditor.h"

#include "ui/common/validationlabel.h"

#include <QDialogButtonBox>
#include <QPushButton>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ascsync::ui {

namespace {

// Each tab's editor with the page margins a wizard page would give it.
QWidget *tabPage(QWidget *editor)
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(editor);
    return page;
}

} // namespace

SettingsDialog::SettingsDialog(config::SecretStore &secrets, const QString &settingsPath,
                               const config::Settings &current, QWidget *parent)
    : QDialog(parent)
    , m_current(current)
    , m_tabs(new QTabWidget)
    , m_credentials(new CredentialsEditor(secrets))
    , m_apps(new AppsEditor)
    , m_destination(new DestinationEditor(secrets))
    , m_sync(new SyncSettingsEditor)
    , m_message(new ValidationLabel)
    , m_saveMessage(new ValidationLabel)
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel))
    , m_committer(new SettingsCommitter(secrets, settingsPath, this))
{
    setObjectName(u"settingsDialog"_s);
    setWindowTitle(tr("ascsync settings"));
    setMinimumSize(700, 560);
    m_tabs->setObjectName(u"settingsTabs"_s);
    m_message->setObjectName(u"settingsMessage"_s);
    m_saveMessage->setObjectName(u"saveMessage"_s);
    m_buttons->setObjectName(u"settingsButtons"_s);
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(u"okButton"_s);
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(u"cancelButton"_s);

    m_credentials->load(current);
    m_apps->load(current);
    m_destination->load(current);
    m_sync->load(current);
    m_tabs->addTab(tabPage(m_credentials), tr("&Account"));
    m_tabs->addTab(tabPage(m_apps), tr("A&pps"));
    m_tabs->addTab(tabPage(m_destination), tr("&Destination"));
    m_tabs->addTab(tabPage(m_sync), tr("S&ync"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_message);
    layout->addWidget(m_saveMessage);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(m_credentials, &CredentialsEditor::appsListed, m_apps, &AppsEditor::setApps);
    connect(m_credentials, &CredentialsEditor::changed, this, &SettingsDialog::updateOkButton);
    connect(m_apps, &AppsEditor::changed, this, &SettingsDialog::updateOkButton);
    connect(m_destination, &DestinationEditor::changed, this, &SettingsDialog::updateOkButton);
    connect(m_sync, &SyncSettingsEditor::changed, this, &SettingsDialog::updateOkButton);
    connect(m_committer, &SettingsCommitter::finished, this, &SettingsDialog::committed);
    updateOkButton();
    // The Apps tab lists the apps the key sees: ask for them right away (on a worker thread), as the wizard's
    // connection test did. Saving never waits for it.
    if (m_credentials->isValid()) {
        QTimer::singleShot(0, m_credentials, &CredentialsEditor::testConnection);
    }
}

config::Settings SettingsDialog::settings() const
{
    config::Settings settings = m_current;
    m_credentials->applyTo(settings);
    m_apps->applyTo(settings);
    m_destination->applyTo(settings);
    m_sync->applyTo(settings);
    return settings;
}

void SettingsDialog::accept()
{
    if (m_committer->isBusy()) {
        return;
    }
    m_saveMessage->showProgress(tr("Saving…"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    m_committer->commit(settings(), m_credentials->keyPemToStore(), m_destination->password());
}

void SettingsDialog::updateOkButton()
{
    const bool valid = m_credentials->isValid() && m_apps->isValid() && m_destination->isValid() &&
                       m_sync->isValid() && !m_committer->isBusy();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(valid);
    // Name the tab that blocks OK, so the user knows where to look.
    const QList<std::pair<bool, QString>> tabs{{m_credentials->isValid(), tr("Account")},
                                               {m_apps->isValid(), tr("Apps")},
                                               {m_destination->isValid(), tr("Destination")},
                                               {m_sync->isValid(), tr("Sync")}};
    for (const auto &[tabValid, name] : tabs) {
        if (!tabValid) {
            m_message->showError(tr("Check the %1 tab: a field there needs attention.").arg(name));
            return;
        }
    }
    m_message->clearMessage();
}

void SettingsDialog::committed(bool ok, const QString &message)
{
    updateOkButton();
    if (!ok) {
        m_saveMessage->showError(message);
        return;
    }
    m_saveMessage->clearMessage();
    m_current = settings();
    Q_EMIT settingsSaved(m_current);
    QDialog::accept();
}

} // namespace ascsync::ui
