#include "appstartup.h"

#include "mainwindow.h"

#include "ascsync/version.h"
#include "core/config/settings.h"
#include "ui/admin/adminsetupdialog.h"
#include "ui/common/demosandbox.h"
#include "ui/common/screenshottour.h"
#include "ui/wizard/setupwizard.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace ascsync::ui {

AppStartup::AppStartup(QString settingsPath, QObject *parent)
    : QObject(parent)
    , m_settingsPath(std::move(settingsPath))
    , m_secrets(QStringLiteral(ASCSYNC_APP_ID))
    , m_window(std::make_unique<MainWindow>(m_settingsPath, &m_secrets))
{
    connect(m_window.get(), &MainWindow::setupRequested, this, &AppStartup::showSetupWizard);
}

AppStartup::~AppStartup()
{
    delete m_wizard.data();
}

void AppStartup::start()
{
    if (QFileInfo::exists(m_settingsPath)) {
        m_window->show();
    } else {
        showSetupWizard();
    }
}

void AppStartup::showSetupWizard()
{
    if (m_wizard) {
        m_wizard->raise();
        m_wizard->activateWindow();
        return;
    }
    config::Settings initial;
    if (const auto loaded = config::SettingsFile::load(m_settingsPath)) {
        initial = loaded.value();
    }
    m_wizard = new SetupWizard(m_secrets, m_settingsPath, initial);
    m_wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_wizard, &SetupWizard::settingsSaved, this, &AppStartup::onWizardSaved);
    connect(m_wizard, &SetupWizard::adminSetupRequested, this, &AppStartup::openAdminSetupFromWizard);
    // Closed without finishing: the window's empty state offers "Run setup…" again.
    connect(m_wizard, &QDialog::rejected, m_window.get(), &QWidget::show);
    m_wizard->show();
}

void AppStartup::onWizardSaved()
{
    if (m_wizard && m_wizard->isDemo()) {
        // The demo account's simulator must outlive the wizard: the window syncs from it.
        m_wizard->demoSandbox()->setParent(m_window.get());
    }
    m_window->useSettingsFile(m_wizard ? m_wizard->settingsPath() : m_settingsPath);
    m_window->show();
}

void AppStartup::openAdminSetupFromWizard()
{
    if (!m_wizard) {
        return;
    }
    // Before Finish the key is not in the keychain yet: the dialog reads the regular key from the chosen
    // file.
    auto *dialog = new AdminSetupDialog(m_wizard->settingsUsingKeyFile(), m_wizard);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (m_wizard->isDemo()) {
        const DemoAccount &demo = m_wizard->demoSandbox()->account();
        dialog->setAdminCredentials(demo.issuerId, demo.adminKeyId, demo.adminKeyFile);
    }
    dialog->open();
}

void AppStartup::addScreens(ScreenshotTour &tour)
{
    tour.addStep(u"main-window"_s, [this](const ScreenshotTour::Capture &capture) {
        m_window->show();
        capture(m_window.get());
    });
    tour.addStep(u"admin-setup"_s, [this, &tour](const ScreenshotTour::Capture &capture) {
        auto *dialog = new AdminSetupDialog(m_window->settings(), m_window.get());
        // The capture happens once the layout has settled, so the dialog stays until the tour ends.
        connect(&tour, &ScreenshotTour::finished, dialog, &QObject::deleteLater);
        dialog->show();
        capture(dialog);
    });
}

} // namespace ascsync::ui
