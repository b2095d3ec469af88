#include "setupwizard.h"

#include "appseditor.h"
#include "appspage.h"
#include "credentialseditor.h"
#include "credentialspage.h"
#include "destinationeditor.h"
#include "destinationpage.h"
#include "finishpage.h"
#include "settingscommitter.h"
#include "syncsettingseditor.h"
#include "syncsettingspage.h"
#include "welcomepage.h"

#include "ui/common/demosandbox.h"
#include "ui/common/uilog.h"

#include <QAbstractButton>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace ascsync::ui {

SetupWizard::SetupWizard(config::SecretStore &secrets, const QString &settingsPath,
                         const config::Settings &initial, QWidget *parent)
    : QWizard(parent)
    , m_secrets(secrets)
    , m_initial(initial)
    , m_credentials(new CredentialsEditor(secrets))
    , m_apps(new AppsEditor)
    , m_destination(new DestinationEditor(secrets))
    , m_sync(new SyncSettingsEditor)
    , m_finishPage(nullptr)
    , m_demo(new DemoSandbox(this))
    , m_committer(new SettingsCommitter(secrets, settingsPath, this))
{
    setObjectName(u"setupWizard"_s);
    setWindowTitle(tr("Set up ascsync"));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setMinimumSize(760, 600);

    m_credentials->load(initial);
    m_apps->load(initial);
    m_destination->load(initial);
    m_sync->load(initial);

    auto *welcome = new WelcomePage(m_demo);
    m_finishPage = new FinishPage(this);
    setPage(WelcomePageId, welcome);
    setPage(CredentialsPageId, new CredentialsPage(m_credentials));
    setPage(AppsPageId, new AppsPage(m_apps, m_credentials));
    setPage(DestinationPageId, new DestinationPage(m_destination));
    setPage(SyncPageId, new SyncSettingsPage(m_sync, m_apps));
    setPage(FinishPageId, m_finishPage);
    setStartId(WelcomePageId);

    for (const WizardButton which : {BackButton, NextButton, FinishButton, CancelButton}) {
        static const char *const names[] = {"backButton", "nextButton", "commitButton", "finishButton",
                                            "cancelButton"};
        button(which)->setObjectName(QLatin1StringView(names[which]));
    }

    connect(welcome, &WelcomePage::demoRequested, this, &SetupWizard::startDemo);
    connect(m_demo, &DemoSandbox::ready, this, &SetupWizard::useDemoAccount);
    connect(m_finishPage, &FinishPage::adminSetupRequested, this, &SetupWizard::adminSetupRequested);
    connect(m_committer, &SettingsCommitter::finished, this, &SetupWizard::committed);
}

SetupWizard::~SetupWizard() = default;

config::Settings SetupWizard::settings() const
{
    config::Settings settings = m_initial;
    m_credentials->applyTo(settings);
    m_apps->applyTo(settings);
    m_destination->applyTo(settings);
    m_sync->applyTo(settings);
    return settings;
}

config::Settings SetupWizard::settingsUsingKeyFile() const
{
    config::Settings current = settings();
    if (const QString file = m_credentials->chosenKeyFile(); !file.isEmpty()) {
        current.keyFile = file;
    }
    return current;
}

QString SetupWizard::settingsPath() const
{
    return m_committer->settingsPath();
}

void SetupWizard::startDemo()
{
    m_demo->start();
}

void SetupWizard::useDemoAccount(const DemoAccount &account)
{
    m_demoUsed = true;
    m_credentials->loadDemo(account);
    m_apps->setVendorNumber(account.vendorNumber);
    // The demo's reports go into a file of their own, never into the user's real database.
    config::Settings demo = settings();
    if (demo.destination == config::Settings::defaultDestination() || demo.destination.isEmpty()) {
        const QString dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        demo.destination = u"sqlite:"_s + QDir(dataDir).filePath(u"ascsync-demo.db"_s);
        m_destination->load(demo);
    }
    // The demo's reports only: a first sync of a minute and tens of megabytes, with something to chart.
    demo.streams = reports::StreamSelection::of(DemoSandbox::demoStreams());
    m_sync->load(demo);
    if (currentId() == WelcomePageId) {
        next();
    }
    m_credentials->testConnection();
    Q_EMIT demoReady();
}

void SetupWizard::accept()
{
    if (m_committer->isBusy()) {
        return;
    }
    m_finishPage->setSaving(true);
    if (m_demoUsed) {
        // A demo never replaces the user's own settings, nor puts the simulator's key in the keychain: it
        // gets a settings file of its own (beside the real one) naming the simulator's key file. The next
        // start without it shows setup again.
        const QFileInfo real(m_committer->settingsPath());
        m_committer->setSettingsPath(real.dir().filePath(u"demo.conf"_s));
        m_committer->commit(settingsUsingKeyFile(), {}, m_destination->password());
        return;
    }
    m_committer->commit(settings(), m_credentials->keyPemToStore(), m_destination->password());
}

void SetupWizard::committed(bool ok, const QString &message)
{
    m_finishPage->setSaving(false);
    if (!ok) {
        qCInfo(lcUi) << "setup not saved";
        m_finishPage->showSaveError(message);
        return;
    }
    Q_EMIT settingsSaved(m_demoUsed ? settingsUsingKeyFile() : settings());
    QWizard::accept();
}

} // namespace ascsync::ui
