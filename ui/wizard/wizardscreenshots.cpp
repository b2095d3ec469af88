#include "wizardscreenshots.h"

#include "credentialseditor.h"
#include "finishpage.h"
#include "settingsdialog.h"
#include "setupwizard.h"

#include "core/config/settings.h"
#include "ui/common/demosandbox.h"
#include "ui/common/screenshottour.h"

#include <QDir>
#include <QLineEdit>
#include <QPointer>
#include <QRadioButton>
#include <QTabWidget>

using namespace Qt::StringLiterals;

namespace ascsync::ui {

namespace {

// Calls `capture` once the demo's connection test has listed the apps.
void whenConnectionTested(SetupWizard *wizard, const ScreenshotTour::Capture &capture)
{
    CredentialsEditor *editor = wizard->credentialsEditor();
    if (editor->isConnectionTested()) {
        capture(wizard);
        return;
    }
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection =
        QObject::connect(editor, &CredentialsEditor::appsListed, wizard, [wizard, capture, connection] {
            QObject::disconnect(*connection);
            capture(wizard);
        });
}

using DialogHandle = std::shared_ptr<QPointer<SettingsDialog>>;

// The wizard's pages with the demo's values, the finish page once it has counted the requests.
void addWizardPageSteps(ScreenshotTour &tour, SetupWizard *wizard)
{
    tour.addStep(u"wizard-welcome"_s, [wizard](const ScreenshotTour::Capture &capture) {
        wizard->show();
        capture(wizard);
    });
    tour.addStep(u"wizard-credentials"_s, [wizard](const ScreenshotTour::Capture &capture) {
        wizard->startDemo();
        whenConnectionTested(wizard, capture);
    });
    const auto nextPage = [wizard](const ScreenshotTour::Capture &capture) {
        wizard->next();
        capture(wizard);
    };
    tour.addStep(u"wizard-apps"_s, nextPage);
    tour.addStep(u"wizard-destination"_s, nextPage);
    tour.addStep(u"wizard-sync"_s, nextPage);
    tour.addStep(u"wizard-finish"_s, [wizard](const ScreenshotTour::Capture &capture) {
        wizard->next();
        auto *finish = qobject_cast<FinishPage *>(wizard->currentPage());
        if (finish == nullptr || finish->isRequestCountKnown()) {
            capture(wizard);
            return;
        }
        QObject::connect(
            finish, &FinishPage::requestCountKnown, wizard, [wizard, capture] { capture(wizard); },
            Qt::SingleShotConnection);
    });
}

// The same editors in the settings dialog, with the demo's values.
void addSettingsDialogSteps(ScreenshotTour &tour, SetupWizard *wizard, const DialogHandle &dialog,
                            config::SecretStore &secrets, const QString &unusedSettingsPath)
{
    tour.addStep(u"settings-account"_s,
                 [wizard, dialog, &secrets, unusedSettingsPath](const ScreenshotTour::Capture &capture) {
                     wizard->hide();
                     // The demo key stays in its file (the tour writes nothing to the keychain), so
                     // the dialog's own connection test can list the apps.
                     config::Settings settings = wizard->settings();
                     settings.keyFile = wizard->demoSandbox()->account().keyFile;
                     *dialog = new SettingsDialog(secrets, unusedSettingsPath, settings, wizard);
                     (*dialog)->show();
                     capture(*dialog);
                 });
    const auto tab = [dialog](int index) {
        return [dialog, index](const ScreenshotTour::Capture &capture) {
            if (*dialog == nullptr) {
                capture(nullptr);
                return;
            }
            (*dialog)->findChild<QTabWidget *>(u"settingsTabs"_s)->setCurrentIndex(index);
            capture(*dialog);
        };
    };
    tour.addStep(u"settings-apps"_s, [dialog, tab](const ScreenshotTour::Capture &capture) {
        // After the dialog's connection test has filled the list.
        auto *editor = *dialog == nullptr ? nullptr : (*dialog)->credentialsEditor();
        if (editor == nullptr || editor->isConnectionTested()) {
            tab(1)(capture);
            return;
        }
        QObject::connect(
            editor, &CredentialsEditor::appsListed, *dialog, [tab, capture] { tab(1)(capture); },
            Qt::SingleShotConnection);
    });
    tour.addStep(u"settings-destination"_s, tab(2));
    tour.addStep(u"settings-postgresql"_s, [dialog, tab](const ScreenshotTour::Capture &capture) {
        if (*dialog != nullptr) {
            (*dialog)->findChild<QRadioButton *>(u"postgresRadio"_s)->setChecked(true);
            (*dialog)->findChild<QLineEdit *>(u"pgHostEdit"_s)->setText(u"db.example.com"_s);
            (*dialog)->findChild<QLineEdit *>(u"pgDatabaseEdit"_s)->setText(u"analytics"_s);
            (*dialog)->findChild<QLineEdit *>(u"pgUserEdit"_s)->setText(u"ana"_s);
        }
        tab(2)(capture);
    });
    tour.addStep(u"settings-sync"_s, tab(3));
}

// What mistakes look like: every field of the credentials page with its message.
void addCredentialErrorsStep(ScreenshotTour &tour, SetupWizard *wizard, const DialogHandle &dialog)
{
    tour.addStep(u"wizard-credentials-errors"_s, [wizard, dialog](const ScreenshotTour::Capture &capture) {
        if (*dialog != nullptr) {
            (*dialog)->hide();
        }
        wizard->show();
        while (wizard->currentId() != SetupWizard::CredentialsPageId) {
            wizard->back();
        }
        wizard->findChild<QLineEdit *>(u"issuerIdEdit"_s)->setText(u"2X9R4HXF34"_s);
        wizard->findChild<QLineEdit *>(u"keyIdEdit"_s)->setText(u"AuthKey_2X9R4HXF34.p8"_s);
        wizard->findChild<QLineEdit *>(u"keyFileEdit"_s)
            ->setText(QDir::temp().filePath(u"AuthKey_MISSING.p8"_s));
        capture(wizard);
    });
}

} // namespace

void addSetupWizardScreens(ScreenshotTour &tour, config::SecretStore &secrets)
{
    // Never written: the tour does not finish the wizard or accept the dialog.
    const QString unusedSettingsPath = QDir::temp().filePath(u"ascsync-screenshot-tour-unused.conf"_s);
    config::Settings defaults;
    defaults.destination = config::Settings::defaultDestination();
    auto *wizard = new SetupWizard(secrets, unusedSettingsPath, defaults);
    QObject::connect(&tour, &ScreenshotTour::finished, wizard, &QObject::deleteLater);
    QObject::connect(&tour, &QObject::destroyed, wizard, &QObject::deleteLater);
    const auto dialog = std::make_shared<QPointer<SettingsDialog>>();
    addWizardPageSteps(tour, wizard);
    addSettingsDialogSteps(tour, wizard, dialog, secrets, unusedSettingsPath);
    addCredentialErrorsStep(tour, wizard, dialog);
}

} // namespace ascsync::ui
