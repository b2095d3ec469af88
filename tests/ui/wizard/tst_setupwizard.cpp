// The setup wizard driven as a user would: fields filled by objectName, buttons clicked, against the real
// simulator (started directly, and through the "Try it with a demo account" button), real files and the real
// keychain. Checks that every field explains its mistakes, that Next waits for valid input, and that
// finishing writes the settings file without any key material and the key into the keychain.
#include "wizardtesthelpers.h"

#include "ascsync/testpaths.h"
#include "core/config/apikeystore.h"
#include "core/config/secretstore.h"
#include "core/config/settings.h"
#include "tests/testkit/sandboxprocess.h"
#include "ui/common/demosandbox.h"
#include "ui/wizard/setupwizard.h"

#include <QAbstractSpinBox>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QJsonObject>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeEdit>

using namespace Qt::StringLiterals;
using ascsync::config::SecretStore;
using ascsync::config::Settings;
using ascsync::ui::SetupWizard;
using wizardtest::find;
using wizardtest::visibleText;

namespace {

constexpr int kNetworkWaitMs = 30'000;
// Set in the child process that checks the wizard without any keychain.
const char *const kNoKeychainChild = "ASCSYNC_TST_WIZARD_NO_KEYCHAIN";

QPushButton *wizardButton(SetupWizard &wizard, QWizard::WizardButton which)
{
    return qobject_cast<QPushButton *>(wizard.button(which));
}

} // namespace

class TestSetupWizard : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    SandboxProcess m_sandbox;
    QString m_readerKeyFile;
    QString m_service = wizardtest::uniqueKeychainService();

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        // One app of three without report requests, for the summary's count.
        QVERIFY(m_sandbox.start(m_dir.filePath(u"sandbox"_s), {u"--apps"_s, u"3"_s, u"--enabled-apps"_s,
                                                               u"2"_s, u"--traffic-scale"_s, u"0.05"_s}));
        m_readerKeyFile =
            m_sandbox.credentials().value(u"reader"_s).toObject().value(u"keyFile"_s).toString();
        QVERIFY(QFile::exists(m_readerKeyFile));
    }

    void eachFieldExplainsItsMistake()
    {
        SecretStore secrets(m_service);
        SetupWizard wizard(secrets, m_dir.filePath(u"unused.conf"_s), Settings());
        wizard.show();
        wizard.next();
        QCOMPARE(wizard.currentId(), int(SetupWizard::CredentialsPageId));
        auto *issuer = find<QLineEdit>(&wizard, "issuerIdEdit");
        auto *keyId = find<QLineEdit>(&wizard, "keyIdEdit");
        auto *keyFile = find<QLineEdit>(&wizard, "keyFileEdit");
        auto *test = find<QPushButton>(&wizard, "testConnectionButton");
        QVERIFY(issuer && keyId && keyFile && test);

        // Empty fields: nothing to complain about yet, but no way forward either.
        QCOMPARE(visibleText(&wizard, "issuerIdMessage"), QString());
        QVERIFY(!wizardButton(wizard, QWizard::NextButton)->isEnabled());
        QVERIFY(!test->isEnabled());

        QTest::keyClicks(issuer, u"2X9R4HXF34"_s);
        QVERIFY2(visibleText(&wizard, "issuerIdMessage").contains(u"looks like a Key ID"_s),
                 qPrintable(visibleText(&wizard, "issuerIdMessage")));
        issuer->setText(u"57246542-96fe-1a63-e053-0824d01107"_s);
        QVERIFY(visibleText(&wizard, "issuerIdMessage").contains(u"must have 36"_s));
        issuer->setText(u"57246542-96fe-1a63-e053-0824d011072a"_s);
        QCOMPARE(visibleText(&wizard, "issuerIdMessage"), QString());

        keyId->setText(u"AuthKey_2X9R4HXF34.p8"_s);
        QVERIFY(visibleText(&wizard, "keyIdMessage").contains(u"file name"_s));
        keyId->setText(u"2x9r4hxf34"_s);
        QVERIFY(visibleText(&wizard, "keyIdMessage").contains(u"upper-case"_s));
        keyId->setText(u"2X9R4HXF34"_s);
        QCOMPARE(visibleText(&wizard, "keyIdMessage"), QString());

        const QString missing = m_dir.filePath(u"AuthKey_MISSING000.p8"_s);
        keyFile->setText(missing);
        QVERIFY(visibleText(&wizard, "keyFileMessage").contains(u"does not exist"_s));
        const QString notAKey = wizardtest::writeFile(m_dir.path(), u"notes.p8"_s,
                                                      "-----BEGIN CERTIFICATE-----\nMIIB\n-----END "
                                                      "CERTIFICATE-----\n");
        keyFile->setText(notAKey);
        QVERIFY(!visibleText(&wizard, "keyFileMessage").isEmpty());
        QVERIFY(!test->isEnabled());
        QVERIFY(!wizardButton(wizard, QWizard::NextButton)->isEnabled());

        // A real key: the fields are valid, the test can run, but Next still waits for it.
        keyFile->setText(m_readerKeyFile);
        QVERIFY(visibleText(&wizard, "keyFileMessage").contains(u"valid"_s));
        QVERIFY(test->isEnabled());
        QVERIFY(!wizardButton(wizard, QWizard::NextButton)->isEnabled());

        // A plain-http URL is only for a simulator on this computer; the advanced section opens to show it.
        auto *url = find<QLineEdit>(&wizard, "apiBaseUrlEdit");
        url->setText(u"http://example.com"_s);
        QVERIFY(url->isVisibleTo(&wizard));
        QVERIFY(visibleText(&wizard, "apiBaseUrlMessage").contains(u"https"_s));
        QVERIFY(!test->isEnabled());
    }

    void wrongKeyAndNetworkDownAreExplained()
    {
        SecretStore secrets(m_service);
        SetupWizard wizard(secrets, m_dir.filePath(u"unused.conf"_s), Settings());
        wizard.show();
        wizard.next();
        const QJsonObject reader = m_sandbox.credentials().value(u"reader"_s).toObject();
        find<QLineEdit>(&wizard, "issuerIdEdit")->setText(reader.value(u"issuerId"_s).toString());
        find<QLineEdit>(&wizard, "keyIdEdit")->setText(u"ZZZZZZZZZZ"_s); // not registered with the simulator
        find<QLineEdit>(&wizard, "keyFileEdit")->setText(m_readerKeyFile);
        find<QLineEdit>(&wizard, "apiBaseUrlEdit")->setText(m_sandbox.apiBaseUrl());
        QTest::mouseClick(find<QPushButton>(&wizard, "testConnectionButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(find<QPushButton>(&wizard, "testConnectionButton")->isEnabled(),
                                 kNetworkWaitMs);
        const QString refused = visibleText(&wizard, "connectionMessage");
        QVERIFY2(refused.startsWith(u"The connection test failed: "_s), qPrintable(refused));
        QVERIFY(!wizardButton(wizard, QWizard::NextButton)->isEnabled());

        // Nothing listens on port 9 of this computer.
        find<QLineEdit>(&wizard, "keyIdEdit")->setText(reader.value(u"keyId"_s).toString());
        find<QLineEdit>(&wizard, "apiBaseUrlEdit")->setText(u"http://127.0.0.1:9"_s);
        QTest::mouseClick(find<QPushButton>(&wizard, "testConnectionButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(find<QPushButton>(&wizard, "testConnectionButton")->isEnabled(),
                                 kNetworkWaitMs);
        const QString down = visibleText(&wizard, "connectionMessage");
        QVERIFY2(down.startsWith(u"The connection test failed: "_s) && down != refused, qPrintable(down));
        QVERIFY(!wizardButton(wizard, QWizard::NextButton)->isEnabled());
    }

    void endToEndWritesSettingsAndKeychain()
    {
        SecretStore secrets(m_service, std::chrono::seconds(15));
        const QString settingsPath = m_dir.filePath(u"config/ascsync.conf"_s);
        const QString databasePath = m_dir.filePath(u"data/reports.db"_s);
        SetupWizard wizard(secrets, settingsPath, Settings());
        QSignalSpy adminSetup(&wizard, &SetupWizard::adminSetupRequested);
        QSignalSpy saved(&wizard, &SetupWizard::settingsSaved);
        wizard.show();
        wizard.next();

        // Credentials, typed.
        const QJsonObject reader = m_sandbox.credentials().value(u"reader"_s).toObject();
        QTest::keyClicks(find<QLineEdit>(&wizard, "issuerIdEdit"), reader.value(u"issuerId"_s).toString());
        QTest::keyClicks(find<QLineEdit>(&wizard, "keyIdEdit"), reader.value(u"keyId"_s).toString());
        find<QLineEdit>(&wizard, "keyFileEdit")->setText(m_readerKeyFile);
        QTest::mouseClick(find<QAbstractButton>(&wizard, "advancedToggle"), Qt::LeftButton);
        auto *url = find<QLineEdit>(&wizard, "apiBaseUrlEdit");
        QVERIFY(url->isVisible());
        url->setText(m_sandbox.apiBaseUrl());
        QTest::mouseClick(find<QPushButton>(&wizard, "testConnectionButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(wizardButton(wizard, QWizard::NextButton)->isEnabled(), kNetworkWaitMs);
        QCOMPARE(visibleText(&wizard, "connectionMessage"), u"Connected. The key sees 3 apps."_s);

        // Apps: all three listed and checked; the search filters; none checked blocks Next.
        QTest::mouseClick(wizardButton(wizard, QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard.currentId(), int(SetupWizard::AppsPageId));
        auto *list = find<QListWidget>(&wizard, "appsList");
        QCOMPARE(list->count(), 3);
        for (int row = 0; row < list->count(); ++row) {
            QCOMPARE(list->item(row)->checkState(), Qt::Checked);
        }
        const QString firstName = list->item(0)->text().section(u"  "_s, 0, 0);
        QTest::keyClicks(find<QLineEdit>(&wizard, "appsSearchEdit"), firstName);
        QVERIFY(!list->item(0)->isHidden());
        int shown = 0;
        for (int row = 0; row < list->count(); ++row) {
            shown += list->item(row)->isHidden() ? 0 : 1;
        }
        QVERIFY(shown < 3);
        find<QLineEdit>(&wizard, "appsSearchEdit")->clear();
        QTest::mouseClick(find<QPushButton>(&wizard, "selectNoAppsButton"), Qt::LeftButton);
        QVERIFY(!wizardButton(wizard, QWizard::NextButton)->isEnabled());
        QVERIFY(visibleText(&wizard, "appsMessage").contains(u"at least one"_s));
        QTest::mouseClick(find<QPushButton>(&wizard, "selectAllAppsButton"), Qt::LeftButton);
        QVERIFY(wizardButton(wizard, QWizard::NextButton)->isEnabled());
        // --enabled-apps 2: the first app is ready, the second's ONGOING request was stopped, the third has
        // none. Keep the first and the third.
        list->item(1)->setCheckState(Qt::Unchecked);
        const QStringList chosen{list->item(0)->data(Qt::UserRole).toString(),
                                 list->item(2)->data(Qt::UserRole).toString()};
        auto *vendor = find<QLineEdit>(&wizard, "vendorNumberEdit");
        vendor->setText(u"85x"_s);
        QVERIFY(visibleText(&wizard, "vendorNumberMessage").contains(u"vendor number"_s));
        QVERIFY(!wizardButton(wizard, QWizard::NextButton)->isEnabled());
        vendor->setText(m_sandbox.vendorNumber());
        QCOMPARE(visibleText(&wizard, "vendorNumberMessage"), QString());

        // Destination: SQLite in the temporary folder, tested (the worker thread creates the file).
        QTest::mouseClick(wizardButton(wizard, QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard.currentId(), int(SetupWizard::DestinationPageId));
        QVERIFY(find<QRadioButton>(&wizard, "sqliteRadio")->isChecked());
        QVERIFY(find<QLineEdit>(&wizard, "sqlitePathEdit")->text().endsWith(u"ascsync.db"_s));
        QVERIFY(QDir().mkpath(m_dir.filePath(u"data"_s)));
        find<QLineEdit>(&wizard, "sqlitePathEdit")->setText(databasePath);
        find<QLineEdit>(&wizard, "schemaEdit")->setText(u"Apple-Data"_s);
        QVERIFY(visibleText(&wizard, "schemaMessage").contains(u"must start with"_s));
        QVERIFY(!wizardButton(wizard, QWizard::NextButton)->isEnabled());
        find<QLineEdit>(&wizard, "schemaEdit")->setText(u"apple_app_store"_s);
        QTest::mouseClick(find<QPushButton>(&wizard, "testDestinationButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(visibleText(&wizard, "destinationTestMessage").startsWith(u"Connected to"_s),
                                 kNetworkWaitMs);
        QVERIFY(QFile::exists(databasePath));

        // Sync settings.
        QTest::mouseClick(wizardButton(wizard, QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard.currentId(), int(SetupWizard::SyncPageId));
        auto *schedule = find<QComboBox>(&wizard, "scheduleCombo");
        schedule->setCurrentIndex(schedule->findText(u"Every few hours"_s));
        auto *hours = find<QComboBox>(&wizard, "scheduleHoursCombo");
        hours->setCurrentIndex(hours->findData(6));
        find<QSpinBox>(&wizard, "backfillDaysSpin")->setValue(10);
        QCOMPARE(find<QSpinBox>(&wizard, "backfillDaysSpin")->maximum(), 35);
        auto *ignore = find<QRadioButton>(&wizard, "migrationIgnoreRadio");
        QTest::mouseClick(ignore, Qt::LeftButton, {}, QPoint(8, ignore->height() / 2)); // on its circle
        find<QCheckBox>(&wizard, "analyticsCheck")->setChecked(false);
        find<QCheckBox>(&wizard, "salesCheck")->setChecked(false);
        find<QCheckBox>(&wizard, "financeCheck")->setChecked(false);
        QVERIFY(!wizardButton(wizard, QWizard::NextButton)->isEnabled());
        QVERIFY(visibleText(&wizard, "familiesMessage").contains(u"at least one"_s));
        find<QCheckBox>(&wizard, "analyticsCheck")->setChecked(true);
        find<QCheckBox>(&wizard, "salesCheck")->setChecked(true);

        // Summary and the apps that lack report requests.
        QTest::mouseClick(wizardButton(wizard, QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard.currentId(), int(SetupWizard::FinishPageId));
        QTRY_COMPARE_WITH_TIMEOUT(visibleText(&wizard, "requestsMessage").section(u'.', 0, 0),
                                  u"You have 1 app without report requests"_s, kNetworkWaitMs);
        // What the first sync costs, planned against an empty temporary destination.
        QTRY_VERIFY_WITH_TIMEOUT(visibleText(&wizard, "firstSyncEstimate").startsWith(u"First sync: about"_s),
                                 kNetworkWaitMs);
        QVERIFY2(visibleText(&wizard, "firstSyncEstimate").contains(u"request budget"_s),
                 qPrintable(visibleText(&wizard, "firstSyncEstimate")));
        QTest::mouseClick(find<QPushButton>(&wizard, "adminSetupButton"), Qt::LeftButton);
        QCOMPARE(adminSetup.count(), 1);
        // What the Admin Setup dialog gets before Finish: the regular key from its file, nothing stored yet.
        QCOMPARE(wizard.settingsUsingKeyFile().keyFile, m_readerKeyFile);
        QCOMPARE(wizard.settings().keyFile, QString());

        QTest::mouseClick(wizardButton(wizard, QWizard::FinishButton), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            !wizard.isVisible() || !visibleText(&wizard, "saveMessage").startsWith(u"Saving"_s), 20'000);
        if (wizard.result() != QDialog::Accepted) {
            // No keychain here: the wizard must fail closed, say why, and write nothing.
            const QString message = visibleText(&wizard, "saveMessage");
            QVERIFY2(message.contains(u"keychain"_s), qPrintable(message));
            QVERIFY(!QFile::exists(settingsPath));
            QSKIP(qPrintable(u"No keychain reachable (run through tests/run-all.sh for a D-Bus session with "
                             u"gnome-keyring); the wizard refused to save, as it must: "_s +
                             message));
        }
        QCOMPARE(saved.count(), 1);

        // The settings file: every field, and no key material.
        const auto loaded = ascsync::config::SettingsFile::load(settingsPath);
        QVERIFY2(loaded.ok(), qPrintable(loaded.errorMessage()));
        const Settings settings = loaded.value();
        QCOMPARE(settings.issuerId, reader.value(u"issuerId"_s).toString());
        QCOMPARE(settings.keyId, reader.value(u"keyId"_s).toString());
        QCOMPARE(settings.keyFile, QString());
        QCOMPARE(settings.apiBaseUrl.toString(), m_sandbox.apiBaseUrl());
        QCOMPARE(settings.apps, chosen);
        QCOMPARE(settings.vendorNumber, m_sandbox.vendorNumber());
        QCOMPARE(settings.destination, u"sqlite:"_s + databasePath);
        QCOMPARE(settings.schema, u"apple_app_store"_s);
        QCOMPARE(settings.schedule.text(), u"every 6h"_s);
        QCOMPARE(settings.backfillDays, 10);
        QCOMPARE(settings.migrationPolicy, ascsync::storage::MigrationPolicy::Ignore);
        // The default analytics reports (the two behind conversion-rate.sql) and sales; finance unticked.
        QCOMPARE(settings.streams.toStrings(), (QStringList{u"analytics:discovery_and_engagement"_s,
                                                            u"analytics:downloads"_s, u"sales"_s}));
        QFile file(settingsPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QFile keyFile(m_readerKeyFile);
        QVERIFY(keyFile.open(QIODevice::ReadOnly));
        const QByteArray pem = keyFile.readAll();
        QVERIFY(!text.contains("PRIVATE KEY"));
        for (const QByteArray &line : pem.split('\n')) {
            if (line.size() > 16 && !line.startsWith("-----")) {
                QVERIFY2(!text.contains(line), "a line of the key's PEM is in the settings file");
            }
        }

        // The key is in the keychain, where `ascsync` looks for it.
        const auto stored = secrets.readNow(ascsync::config::ApiKeyStore::account(settings),
                                            ascsync::config::ApiKeyStore::entryName(settings));
        QVERIFY2(stored.ok(), qPrintable(stored.errorMessage()));
        QCOMPARE(stored.value(), pem);
        QVERIFY(secrets
                    .removeNow(ascsync::config::ApiKeyStore::account(settings),
                               ascsync::config::ApiKeyStore::entryName(settings))
                    .ok());
    }

    void finishWithoutKeychainFailsClosed()
    {
        if (qEnvironmentVariableIsEmpty(kNoKeychainChild)) {
            // Run this test again in a child whose D-Bus session address leads nowhere, so no keychain exists
            // there whatever this machine has.
            QProcess child;
            QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
            environment.insert(QString::fromLatin1(kNoKeychainChild), u"1"_s);
            environment.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path=/nonexistent/ascsync-test-bus"_s);
            child.setProcessEnvironment(environment);
            child.setProcessChannelMode(QProcess::MergedChannels);
            child.start(QCoreApplication::applicationFilePath(), {u"finishWithoutKeychainFailsClosed"_s});
            QVERIFY(child.waitForFinished(120'000));
            const QByteArray output = child.readAll();
            QVERIFY2(child.exitCode() == 0 &&
                         output.contains("PASS   : TestSetupWizard::finishWithoutKeychainFailsClosed()"),
                     output.constData());
            return;
        }
        SecretStore secrets(m_service, std::chrono::seconds(15));
        const QString settingsPath = m_dir.filePath(u"nokeychain/ascsync.conf"_s);
        SetupWizard wizard(secrets, settingsPath, Settings());
        wizard.show();
        wizard.next();
        const QJsonObject reader = m_sandbox.credentials().value(u"reader"_s).toObject();
        find<QLineEdit>(&wizard, "issuerIdEdit")->setText(reader.value(u"issuerId"_s).toString());
        find<QLineEdit>(&wizard, "keyFileEdit")->setText(m_readerKeyFile);
        find<QLineEdit>(&wizard, "apiBaseUrlEdit")->setText(m_sandbox.apiBaseUrl());
        QTest::mouseClick(find<QPushButton>(&wizard, "testConnectionButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(wizardButton(wizard, QWizard::NextButton)->isEnabled(), kNetworkWaitMs);
        while (wizard.currentId() != SetupWizard::FinishPageId) {
            wizard.next();
        }
        QTest::mouseClick(wizardButton(wizard, QWizard::FinishButton), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!visibleText(&wizard, "saveMessage").startsWith(u"Saving"_s), 20'000);
        const QString message = visibleText(&wizard, "saveMessage");
        QVERIFY2(message.contains(u"No system keychain is available"_s), qPrintable(message));
        QVERIFY2(message.contains(u"Keep using the key file"_s), qPrintable(message)); // the way out
        QVERIFY(wizard.isVisible());
        QCOMPARE(wizard.result(), int(QDialog::Rejected));
        QVERIFY(!QFile::exists(settingsPath));
        QVERIFY(wizardButton(wizard, QWizard::FinishButton)->isEnabled()); // the user can try again
    }

    void keyFileCanBeDropped()
    {
        SecretStore secrets(m_service);
        SetupWizard wizard(secrets, m_dir.filePath(u"unused.conf"_s), Settings());
        wizard.show();
        wizard.next();
        auto *keyFile = find<QLineEdit>(&wizard, "keyFileEdit");
        QMimeData data;
        data.setUrls({QUrl::fromLocalFile(m_readerKeyFile)});
        QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(keyFile, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(5, 5), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(keyFile, &drop);
        QCOMPARE(keyFile->text(), m_readerKeyFile);
        QVERIFY(visibleText(&wizard, "keyFileMessage").contains(u"valid"_s));
        // The file's name gave the empty Key ID field its value.
        const QString keyId =
            m_sandbox.credentials().value(u"reader"_s).toObject().value(u"keyId"_s).toString();
        QCOMPARE(find<QLineEdit>(&wizard, "keyIdEdit")->text(), keyId);
    }

    void keepingTheKeyFileSavesOnlyItsPath()
    {
        // The way to work without a keychain: the settings name the key file, and hold no key material.
        SecretStore secrets(m_service);
        const QString settingsPath = m_dir.filePath(u"keyfile/ascsync.conf"_s);
        SetupWizard wizard(secrets, settingsPath, Settings());
        wizard.show();
        wizard.next();
        const QJsonObject reader = m_sandbox.credentials().value(u"reader"_s).toObject();
        find<QLineEdit>(&wizard, "issuerIdEdit")->setText(reader.value(u"issuerId"_s).toString());
        find<QLineEdit>(&wizard, "keyFileEdit")->setText(m_readerKeyFile);
        find<QLineEdit>(&wizard, "apiBaseUrlEdit")->setText(m_sandbox.apiBaseUrl());
        QTest::mouseClick(find<QCheckBox>(&wizard, "keepKeyFileCheck"), Qt::LeftButton);
        QTest::mouseClick(find<QPushButton>(&wizard, "testConnectionButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(wizardButton(wizard, QWizard::NextButton)->isEnabled(), kNetworkWaitMs);
        wizard.next();
        wizard.next();
        find<QLineEdit>(&wizard, "sqlitePathEdit")->setText(m_dir.filePath(u"keyfile/reports.db"_s));
        wizard.next();
        find<QComboBox>(&wizard, "scheduleCombo")->setCurrentIndex(3);
        find<QTimeEdit>(&wizard, "scheduleTimeEdit")->setTime(QTime(23, 15));
        wizard.next();
        QCOMPARE(wizard.currentId(), int(SetupWizard::FinishPageId));
        QVERIFY(visibleText(&wizard, "summaryLabel").contains(m_readerKeyFile));
        QTest::mouseClick(wizardButton(wizard, QWizard::FinishButton), Qt::LeftButton);
        QTRY_COMPARE(wizard.result(), int(QDialog::Accepted));

        const auto loaded = ascsync::config::SettingsFile::load(settingsPath);
        QVERIFY2(loaded.ok(), qPrintable(loaded.errorMessage()));
        QCOMPARE(loaded->keyFile, m_readerKeyFile);
        QCOMPARE(loaded->keyId, reader.value(u"keyId"_s).toString());
        QCOMPARE(loaded->schedule.text(), u"daily 23:15"_s);
        QCOMPARE(loaded->apps, QStringList()); // all three checked: "all apps", including later ones
        QFile file(settingsPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("PRIVATE KEY"));
    }

    void everyInteractiveWidgetIsNamedAndTabbedInOrder()
    {
        SecretStore secrets(m_service);
        SetupWizard wizard(secrets, m_dir.filePath(u"unused.conf"_s), Settings());
        wizard.show();
        const QList<QWidget *> widgets = wizard.findChildren<QWidget *>();
        for (QWidget *widget : widgets) {
            const bool interactive = qobject_cast<QAbstractButton *>(widget) ||
                                     qobject_cast<QLineEdit *>(widget) ||
                                     qobject_cast<QAbstractSpinBox *>(widget) ||
                                     qobject_cast<QComboBox *>(widget) || qobject_cast<QListWidget *>(widget);
            // Parts of composite Qt widgets (a spin box's line edit, a field's clear button) are Qt's.
            const bool part = qobject_cast<QAbstractSpinBox *>(widget->parentWidget()) ||
                              qobject_cast<QLineEdit *>(widget->parentWidget()) ||
                              qobject_cast<QComboBox *>(widget->parentWidget()) ||
                              widget->objectName().startsWith(u"qt_"_s);
            if (interactive && !part) {
                QVERIFY2(!widget->objectName().isEmpty(), widget->metaObject()->className());
            }
        }

        wizard.next();
        const QStringList expected{u"issuerIdEdit"_s,        u"keyIdEdit"_s,           u"keyFileEdit"_s,
                                   u"keyFileBrowseButton"_s, u"keepKeyFileCheck"_s,    u"advancedToggle"_s,
                                   u"apiBaseUrlEdit"_s,      u"testConnectionButton"_s};
        QWidget *widget = find<QWidget>(&wizard, "issuerIdEdit");
        QStringList order{widget->objectName()};
        while (order.size() < expected.size()) {
            widget = widget->nextInFocusChain();
            if (!widget->objectName().isEmpty() && widget->focusPolicy() & Qt::TabFocus) {
                order << widget->objectName();
            }
        }
        QCOMPARE(order, expected);
    }

    void demoButtonFillsEverythingIn()
    {
        SecretStore secrets(m_service);
        auto wizard = std::make_unique<SetupWizard>(secrets, m_dir.filePath(u"real.conf"_s), Settings());
        wizard->demoSandbox()->setExecutable(QStringLiteral(ASCSYNC_SANDBOX_PATH));
        wizard->show();
        QTest::mouseClick(find<QPushButton>(wizard.get(), "demoButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(wizard->currentId(), int(SetupWizard::CredentialsPageId), kNetworkWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(wizardButton(*wizard, QWizard::NextButton)->isEnabled(), kNetworkWaitMs);
        QCOMPARE(visibleText(wizard.get(), "connectionMessage"), u"Connected. The key sees 3 apps."_s);
        QCOMPARE(find<QLineEdit>(wizard.get(), "issuerIdEdit")->text(),
                 wizard->demoSandbox()->account().issuerId);
        QVERIFY(find<QLineEdit>(wizard.get(), "apiBaseUrlEdit")->text().startsWith(u"http://127.0.0.1:"_s));

        wizard->next();
        QCOMPARE(find<QListWidget>(wizard.get(), "appsList")->count(), 3);
        QCOMPARE(find<QLineEdit>(wizard.get(), "vendorNumberEdit")->text(),
                 wizard->demoSandbox()->account().vendorNumber);
        wizard->next();
        // The demo's tables never go into the user's real database.
        QVERIFY(find<QLineEdit>(wizard.get(), "sqlitePathEdit")->text().endsWith(u"ascsync-demo.db"_s));
        wizard->next();
        wizard->next();
        QCOMPARE(wizard->currentId(), int(SetupWizard::FinishPageId));
        // One app has no requests, one had its ONGOING request stopped for inactivity (ascsync status's
        // count).
        QTRY_COMPARE_WITH_TIMEOUT(visibleText(wizard.get(), "requestsMessage").section(u'.', 0, 0),
                                  u"You have 2 apps without report requests"_s, kNetworkWaitMs);

        // Finishing a demo leaves the user's own settings file alone and stores nothing in the keychain: the
        // demo gets demo.conf beside it, naming the simulator's key file.
        QSignalSpy saved(wizard.get(), &SetupWizard::settingsSaved);
        wizard->accept();
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, kNetworkWaitMs);
        QVERIFY(!QFileInfo::exists(m_dir.filePath(u"real.conf"_s)));
        QCOMPARE(wizard->settingsPath(), m_dir.filePath(u"demo.conf"_s));
        const auto demoSettings = ascsync::config::SettingsFile::load(wizard->settingsPath());
        QVERIFY(demoSettings);
        QCOMPARE(demoSettings->keyFile, wizard->demoSandbox()->account().keyFile);
        QVERIFY(demoSettings->destination.endsWith(u"ascsync-demo.db"_s));
        // The demo syncs a small set (a minute, tens of MB), not every analytics report Apple has.
        QCOMPARE(demoSettings->streams.toStrings(), ascsync::ui::DemoSandbox::demoStreams());

        // The caller keeps the simulator after the wizard is gone; it stops with its new owner.
        QObject owner;
        ascsync::ui::DemoSandbox *demo = wizard->demoSandbox();
        demo->setParent(&owner);
        wizard.reset();
        QVERIFY(demo->isRunning());
        QSignalSpy destroyed(demo, &QObject::destroyed);
        delete demo;
        QCOMPARE(destroyed.count(), 1);
    }

    void demoWithoutSimulatorSaysWhatToDo()
    {
        SecretStore secrets(m_service);
        SetupWizard wizard(secrets, m_dir.filePath(u"demo.conf"_s), Settings());
        wizard.demoSandbox()->setExecutable(m_dir.filePath(u"no-such-sandbox"_s));
        wizard.show();
        QTest::mouseClick(find<QPushButton>(&wizard, "demoButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(find<QPushButton>(&wizard, "demoButton")->isEnabled(), kNetworkWaitMs);
        QVERIFY2(visibleText(&wizard, "demoMessage").contains(u"Reinstall ascsync"_s),
                 qPrintable(visibleText(&wizard, "demoMessage")));
        QCOMPARE(wizard.currentId(), int(SetupWizard::WelcomePageId));
    }

    void closingDuringATestIsSafe()
    {
        SecretStore secrets(m_service);
        auto wizard = std::make_unique<SetupWizard>(secrets, m_dir.filePath(u"unused.conf"_s), Settings());
        wizard->show();
        wizard->next();
        const QJsonObject reader = m_sandbox.credentials().value(u"reader"_s).toObject();
        find<QLineEdit>(wizard.get(), "issuerIdEdit")->setText(reader.value(u"issuerId"_s).toString());
        find<QLineEdit>(wizard.get(), "keyIdEdit")->setText(reader.value(u"keyId"_s).toString());
        find<QLineEdit>(wizard.get(), "keyFileEdit")->setText(m_readerKeyFile);
        find<QLineEdit>(wizard.get(), "apiBaseUrlEdit")->setText(m_sandbox.apiBaseUrl());
        QTest::mouseClick(find<QPushButton>(wizard.get(), "testConnectionButton"), Qt::LeftButton);
        wizard.reset(); // the worker thread's result must find nobody, and harm nobody
        QTest::qWait(1500);
    }
};

QTEST_MAIN(TestSetupWizard)
#include "tst_setupwizard.moc"
