// The settings dialog reuses the wizard's editors on existing settings: it must show them as saved, keep
// what it does not offer (a custom schedule, narrowed streams, the key in the keychain), and write back
// only what changed. Also the destination editor against a real PostgreSQL when ASCSYNC_TEST_PG_* is set.
#include "wizardtesthelpers.h"

#include "core/config/secretstore.h"
#include "core/config/settings.h"
#include "ui/wizard/destinationeditor.h"
#include "ui/wizard/settingsdialog.h"
#include "ui/wizard/syncsettingseditor.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using ascsync::config::SecretStore;
using ascsync::config::Settings;
using ascsync::ui::SettingsDialog;
using wizardtest::find;
using wizardtest::visibleText;

class TestSettingsDialog : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_service = wizardtest::uniqueKeychainService();

    Settings savedSettings() const
    {
        Settings settings;
        settings.issuerId = u"57246542-96fe-1a63-e053-0824d011072a"_s;
        settings.keyId = u"2X9R4HXF34"_s; // no keyFile: the key is in the keychain
        settings.apiBaseUrl = QUrl(u"http://127.0.0.1:8443"_s);
        settings.apps = {u"1476097583"_s, u"1476097584"_s};
        settings.vendorNumber = u"85012345"_s;
        settings.destination = u"sqlite:"_s + m_dir.filePath(u"reports.db"_s);
        settings.schema = u"asc"_s;
        settings.schedule = ascsync::config::ScheduleSetting::fromText(u"weekly tue 07:30"_s);
        settings.backfillDays = 14;
        settings.migrationPolicy = ascsync::storage::MigrationPolicy::Fail;
        settings.streams = ascsync::reports::StreamSelection::of({u"analytics:downloads"_s, u"finance"_s});
        return settings;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void scheduleIsReadAndWrittenInTheCliGrammar()
    {
        // Every schedule `ascsync schedule` accepts comes back unchanged through the editor.
        for (const QString &text : {u"manual"_s, u"hourly"_s, u"every 6h"_s, u"every 12h"_s, u"daily 06:00"_s,
                                    u"daily 23:45"_s, u"weekly fri 07:30"_s}) {
            ascsync::ui::SyncSettingsEditor editor;
            Settings settings;
            settings.schedule = ascsync::config::ScheduleSetting::fromText(text);
            editor.load(settings);
            Settings written;
            editor.applyTo(written);
            QCOMPARE(written.schedule.text(), text);
            QVERIFY(editor.isValid());
        }
        // A text it refuses is shown, explained, and blocks saving until another schedule is chosen.
        ascsync::ui::SyncSettingsEditor editor;
        Settings settings;
        settings.schedule = ascsync::config::ScheduleSetting::fromText(u"every 5h"_s);
        editor.load(settings);
        QVERIFY(!editor.isValid());
        QVERIFY(!visibleText(&editor, "scheduleMessage").isEmpty());
        auto *combo = find<QComboBox>(&editor, "scheduleCombo");
        QVERIFY(combo->currentText().contains(u"every 5h"_s));
        combo->setCurrentIndex(combo->findText(u"Every few hours"_s));
        find<QComboBox>(&editor, "scheduleHoursCombo")->setCurrentIndex(3);
        QVERIFY(editor.isValid());
        editor.applyTo(settings);
        QCOMPARE(settings.schedule.text(), u"every 6h"_s);
    }

    void archiveFieldsAreCheckedAndKept()
    {
        ascsync::ui::SyncSettingsEditor editor;
        Settings settings;
        settings.archiveDirectory = m_dir.filePath(u"archive"_s);
        settings.archiveMaxBytes = qint64(20) << 30;
        settings.archiveMaxAgeDays = 90;
        editor.load(settings);
        QCOMPARE(find<QLineEdit>(&editor, "archiveFolderEdit")->text(), settings.archiveDirectory);
        QCOMPARE(find<QLineEdit>(&editor, "archiveMaxSizeEdit")->text(), u"20G"_s);
        QCOMPARE(find<QSpinBox>(&editor, "archiveMaxAgeSpin")->value(), 90);
        QVERIFY(editor.isValid());
        Settings written;
        editor.applyTo(written);
        QCOMPARE(written.archiveDirectory, settings.archiveDirectory);
        QCOMPARE(written.archiveMaxBytes, settings.archiveMaxBytes);
        QCOMPARE(written.archiveMaxAgeDays, 90);

        // A relative folder would move with the scheduler's working directory: refused, and said why.
        find<QLineEdit>(&editor, "archiveFolderEdit")->setText(u"archive"_s);
        QVERIFY(!editor.isValid());
        QVERIFY(visibleText(&editor, "archiveMessage").contains(u"absolute path"_s));
        find<QLineEdit>(&editor, "archiveFolderEdit")->setText(settings.archiveDirectory);
        QVERIFY(editor.isValid());
        find<QLineEdit>(&editor, "archiveMaxSizeEdit")->setText(u"lots"_s);
        QVERIFY(!editor.isValid());
        QVERIFY(visibleText(&editor, "archiveMessage").contains(u"20G"_s));
        find<QLineEdit>(&editor, "archiveMaxSizeEdit")->setText(u"1536M"_s);
        QVERIFY(editor.isValid());
        editor.applyTo(written);
        QCOMPARE(written.archiveMaxBytes, qint64(1536) << 20);

        // Off: no folder, no limits; and the settings file keeps what the editor wrote.
        const QString path = m_dir.filePath(u"archive.conf"_s);
        QVERIFY(ascsync::config::SettingsFile::save(path, written).ok());
        const auto loaded = ascsync::config::SettingsFile::load(path);
        QVERIFY(loaded.ok());
        QCOMPARE(loaded->archiveDirectory, written.archiveDirectory);
        QCOMPARE(loaded->archiveMaxBytes, written.archiveMaxBytes);
        QCOMPARE(loaded->archiveMaxAgeDays, 90);
        editor.load(Settings());
        QCOMPARE(find<QLineEdit>(&editor, "archiveFolderEdit")->text(), QString());
        QCOMPARE(find<QLineEdit>(&editor, "archiveMaxSizeEdit")->text(), QString());
        QVERIFY(editor.isValid());
    }

    void showsAndKeepsSavedSettings()
    {
        SecretStore secrets(m_service);
        const QString path = m_dir.filePath(u"dialog.conf"_s);
        SettingsDialog dialog(secrets, path, savedSettings());
        QSignalSpy saved(&dialog, &SettingsDialog::settingsSaved);
        dialog.show();

        QCOMPARE(find<QLineEdit>(&dialog, "issuerIdEdit")->text(), savedSettings().issuerId);
        QCOMPARE(find<QLineEdit>(&dialog, "keyFileEdit")->text(), QString());
        QVERIFY(visibleText(&dialog, "keyFileMessage").contains(u"keychain"_s));
        QVERIFY(find<QLineEdit>(&dialog, "apiBaseUrlEdit")->isVisibleTo(&dialog)); // not the default: shown
        QCOMPARE(find<QListWidget>(&dialog, "appsList")->count(), 2);
        QCOMPARE(find<QLineEdit>(&dialog, "schemaEdit")->text(), u"asc"_s);
        QCOMPARE(find<QSpinBox>(&dialog, "backfillDaysSpin")->value(), 14);
        QVERIFY(find<QRadioButton>(&dialog, "migrationFailRadio")->isChecked());
        QCOMPARE(find<QComboBox>(&dialog, "scheduleCombo")->currentText(), u"Every week on"_s);
        QCOMPARE(find<QComboBox>(&dialog, "scheduleWeekdayCombo")->currentData().toInt(), int(Qt::Tuesday));

        auto *ok = find<QPushButton>(&dialog, "okButton");
        QVERIFY(ok->isEnabled());
        find<QLineEdit>(&dialog, "keyIdEdit")->setText(u"bad"_s);
        QVERIFY(!ok->isEnabled());
        QVERIFY(visibleText(&dialog, "settingsMessage").contains(u"Account"_s));
        // Another key ID has no key in the keychain: its file is needed.
        find<QLineEdit>(&dialog, "keyIdEdit")->setText(u"ABCDE12345"_s);
        QVERIFY(!ok->isEnabled());
        QVERIFY(visibleText(&dialog, "keyFileMessage").contains(u"Choose the .p8 file"_s));
        find<QLineEdit>(&dialog, "keyIdEdit")->setText(savedSettings().keyId);
        QVERIFY(ok->isEnabled());

        find<QSpinBox>(&dialog, "backfillDaysSpin")->setValue(3);
        // No new key or password: nothing goes to the keychain, so this needs none.
        QTest::mouseClick(ok, Qt::LeftButton);
        QTRY_COMPARE(saved.count(), 1);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));

        const auto loaded = ascsync::config::SettingsFile::load(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.errorMessage()));
        Settings expected = savedSettings();
        expected.backfillDays = 3;
        QCOMPARE(loaded->issuerId, expected.issuerId);
        QCOMPARE(loaded->keyId, expected.keyId);
        QCOMPARE(loaded->keyFile, QString());
        QCOMPARE(loaded->apiBaseUrl, expected.apiBaseUrl);
        QCOMPARE(loaded->apps, expected.apps); // a saved whitelist is never widened to "all"
        QCOMPARE(loaded->vendorNumber, expected.vendorNumber);
        QCOMPARE(loaded->destination, expected.destination);
        QCOMPARE(loaded->schema, expected.schema);
        QCOMPARE(loaded->schedule.text(), expected.schedule.text());
        QCOMPARE(loaded->backfillDays, 3);
        QCOMPARE(loaded->migrationPolicy, expected.migrationPolicy);
        QCOMPARE(loaded->streams, expected.streams);
    }

    void postgresPasswordGoesToTheKeychainOnly()
    {
        SecretStore secrets(m_service, std::chrono::seconds(15));
        const QString path = m_dir.filePath(u"pg.conf"_s);
        SettingsDialog dialog(secrets, path, savedSettings());
        dialog.show();
        find<QRadioButton>(&dialog, "postgresRadio")->setChecked(true);
        find<QLineEdit>(&dialog, "pgHostEdit")->setText(u"db.example.com"_s);
        find<QLineEdit>(&dialog, "pgDatabaseEdit")->setText(u"stats"_s);
        find<QLineEdit>(&dialog, "pgUserEdit")->setText(u"ana"_s);
        const QString password = u"s3cret-\u00e9-password"_s;
        find<QLineEdit>(&dialog, "pgPasswordEdit")->setText(password);
        QTest::mouseClick(find<QPushButton>(&dialog, "okButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!visibleText(&dialog, "saveMessage").startsWith(u"Saving"_s), 20'000);
        if (dialog.result() != QDialog::Accepted) {
            const QString message = visibleText(&dialog, "saveMessage");
            QVERIFY2(message.contains(u"keychain"_s), qPrintable(message));
            QVERIFY(!QFile::exists(path)); // fail closed: no settings that point at a missing password
            QSKIP(qPrintable(u"No keychain reachable (tests/run-all.sh provides one); saving refused as it "
                             u"must: "_s +
                             message));
        }
        const QString account = u"postgresql://ana@db.example.com:5432/stats"_s;
        const auto stored = secrets.readNow(account, u"password"_s);
        QVERIFY2(stored.ok(), qPrintable(stored.errorMessage()));
        QCOMPARE(QString::fromUtf8(stored.value()), password);
        QVERIFY(secrets.removeNow(account, u"password"_s).ok());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY(text.contains("postgresql://ana@db.example.com:5432/stats"));
        QVERIFY(!text.contains("s3cret"));
    }

    void postgresFieldsAreChecked()
    {
        SecretStore secrets(m_service);
        ascsync::ui::DestinationEditor editor(secrets);
        find<QRadioButton>(&editor, "postgresRadio")->setChecked(true);
        QVERIFY(!editor.isValid());
        find<QLineEdit>(&editor, "pgHostEdit")->setText(u"db.example.com"_s);
        QVERIFY(visibleText(&editor, "destinationMessage").contains(u"database and user"_s));
        find<QLineEdit>(&editor, "pgDatabaseEdit")->setText(u"stats"_s);
        find<QLineEdit>(&editor, "pgUserEdit")->setText(u"ana"_s);
        QVERIFY(editor.isValid());
        Settings settings;
        editor.applyTo(settings);
        QCOMPARE(settings.destination, u"postgresql://ana@db.example.com:5432/stats"_s);
        find<QLineEdit>(&editor, "schemaEdit")->setText(u"1st"_s);
        QVERIFY(!editor.isValid());
        QVERIFY(!visibleText(&editor, "schemaMessage").isEmpty());
    }

    void postgresConnectionTest()
    {
        const QString host = qEnvironmentVariable("ASCSYNC_TEST_PG_HOST");
        if (host.isEmpty()) {
            QSKIP("ASCSYNC_TEST_PG_HOST is not set (tests/run-all.sh starts a PostgreSQL server)");
        }
        SecretStore secrets(m_service);
        ascsync::ui::DestinationEditor editor(secrets);
        find<QRadioButton>(&editor, "postgresRadio")->setChecked(true);
        find<QLineEdit>(&editor, "pgHostEdit")->setText(host);
        find<QSpinBox>(&editor, "pgPortSpin")->setValue(qEnvironmentVariableIntValue("ASCSYNC_TEST_PG_PORT"));
        find<QLineEdit>(&editor, "pgDatabaseEdit")->setText(qEnvironmentVariable("ASCSYNC_TEST_PG_DATABASE"));
        find<QLineEdit>(&editor, "pgUserEdit")->setText(qEnvironmentVariable("ASCSYNC_TEST_PG_USER"));
        // A schema of its own per run, dropped at the end.
        const QString schema = u"ascsync_wizard_"_s + QString::number(QCoreApplication::applicationPid());
        find<QLineEdit>(&editor, "schemaEdit")->setText(schema);
        auto *test = find<QPushButton>(&editor, "testDestinationButton");

        find<QLineEdit>(&editor, "pgPasswordEdit")->setText(u"wrong-password"_s);
        QTest::mouseClick(test, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(test->isEnabled(), 30'000);
        const QString refused = visibleText(&editor, "destinationTestMessage");
        QVERIFY2(!refused.isEmpty() && !refused.startsWith(u"Connected"_s), qPrintable(refused));
        qInfo().noquote() << "refused:" << refused;

        find<QLineEdit>(&editor, "pgPasswordEdit")->setText(qEnvironmentVariable("ASCSYNC_TEST_PG_PASSWORD"));
        QTest::mouseClick(test, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(test->isEnabled(), 30'000);
        QVERIFY2(visibleText(&editor, "destinationTestMessage").startsWith(u"Connected to"_s),
                 qPrintable(visibleText(&editor, "destinationTestMessage")));

        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, u"cleanup"_s);
            db.setHostName(host);
            db.setPort(qEnvironmentVariableIntValue("ASCSYNC_TEST_PG_PORT"));
            db.setDatabaseName(qEnvironmentVariable("ASCSYNC_TEST_PG_DATABASE"));
            db.setUserName(qEnvironmentVariable("ASCSYNC_TEST_PG_USER"));
            db.setPassword(qEnvironmentVariable("ASCSYNC_TEST_PG_PASSWORD"));
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            QSqlQuery drop(db);
            QVERIFY2(drop.exec(u"DROP SCHEMA \"%1\" CASCADE"_s.arg(schema)),
                     qPrintable(drop.lastError().text()));
        }
        QSqlDatabase::removeDatabase(u"cleanup"_s);
    }
};

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
