// The settings file: what is written comes back, secrets never go in, and every value a user can get wrong
// is refused with a message naming the field.

#include "core/config/settings.h"

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace ascsync::config;

namespace {

// Writes the default settings to `path`, then sets one key by hand, as a user editing the file would.
bool saveDefaultsWith(const QString &path, const QString &key, const QString &value)
{
    if (!SettingsFile::save(path, Settings()))
        return false;
    QSettings file(path, QSettings::IniFormat);
    file.setValue(key, value);
    file.sync();
    return file.status() == QSettings::NoError;
}

} // namespace

class SettingsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void roundTrip()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("ascsync.conf"));
        Settings written;
        written.issuerId = QStringLiteral("57246542-96fe-1a63-e053-0824d011072a");
        written.keyId = QStringLiteral("2X9R4HXF34");
        written.destination = QStringLiteral("postgresql://analyst@db.example:5432/apple");
        written.schema = QStringLiteral("store");
        written.apps = {QStringLiteral("1476097583"), QStringLiteral("6695613263")};
        written.vendorNumber = QStringLiteral("85012345");
        written.backfillDays = 14;
        written.streams = ascsync::reports::StreamSelection::of({QStringLiteral("analytics")});
        written.granularities = {QStringLiteral("DAILY"), QStringLiteral("WEEKLY")};
        written.migrationPolicy = ascsync::storage::MigrationPolicy::Fail;
        written.schedule = ascsync::config::ScheduleSetting::fromText(QStringLiteral("every 6h"));
        written.reportVersions = {QStringLiteral("SUBSCRIPTION=1_4"),
                                  QStringLiteral("SALES/SUMMARY/DAILY=1_0")};
        QVERIFY(SettingsFile::save(path, written));
        const auto read = SettingsFile::load(path);
        QVERIFY2(read, qPrintable(read.errorMessage()));
        QCOMPARE(read->issuerId, written.issuerId);
        QCOMPARE(read->keyId, written.keyId);
        QCOMPARE(read->destination, written.destination);
        QCOMPARE(read->schema, written.schema);
        QCOMPARE(read->apps, written.apps);
        QCOMPARE(read->vendorNumber, written.vendorNumber);
        QCOMPARE(read->backfillDays, 14);
        QCOMPARE(read->streams, written.streams);
        QCOMPARE(read->granularities, written.granularities);
        QCOMPARE(read->migrationPolicy, written.migrationPolicy);
        QCOMPARE(read->schedule.text(), written.schedule.text());
        QVERIFY(read->schedule.schedule());
        QCOMPARE(read->schedule.schedule()->everyHours, 6);
        QCOMPARE(read->reportVersions, written.reportVersions);
    }

    // The schedule is typed too, but a schedule the file holds that this version cannot read (a hand-edited
    // typo) still opens: it is kept as written, and asking for it says why it is not one.
    void anUnreadableScheduleIsKeptAsWritten()
    {
        QCOMPARE(Settings().schedule.text(), QStringLiteral("daily 06:00"));
        QVERIFY(Settings().schedule.isReadable());
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("ascsync.conf"));
        QVERIFY(saveDefaultsWith(path, QStringLiteral("sync/schedule"), QStringLiteral("every 5h")));
        const auto read = SettingsFile::load(path);
        QVERIFY2(read, qPrintable(read.errorMessage()));
        QVERIFY(!read->schedule.isReadable());
        QCOMPARE(read->schedule.text(), QStringLiteral("every 5h"));
        const auto schedule = read->schedule.schedule();
        QVERIFY(!schedule);
        QVERIFY2(schedule.errorMessage().contains(QStringLiteral("every 5h")),
                 qPrintable(schedule.errorMessage()));
        QVERIFY(SettingsFile::save(path, read.value())); // saving it again keeps it as it was
        QCOMPARE(SettingsFile::load(path)->schedule.text(), QStringLiteral("every 5h"));
    }

    // The policy is typed: a word the file holds that is none of the three is refused when the file is read,
    // naming the file and the key, instead of a sync silently evolving.
    void anUnknownPolicyInTheFileIsRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("ascsync.conf"));
        QVERIFY(
            saveDefaultsWith(path, QStringLiteral("destination/migrationPolicy"), QStringLiteral("merge")));
        const auto read = SettingsFile::load(path);
        QVERIFY(!read);
        QCOMPARE(read.error().code, QStringLiteral("settings.migrationPolicy"));
        QVERIFY2(read.errorMessage().contains(path), qPrintable(read.errorMessage()));
        QVERIFY2(read.errorMessage().contains(QStringLiteral("\"merge\"")), qPrintable(read.errorMessage()));
        QVERIFY2(read.errorMessage().contains(QStringLiteral("evolve, ignore or fail")),
                 qPrintable(read.errorMessage()));
    }

    void missingFileGivesDefaults()
    {
        QTemporaryDir dir;
        const auto read = SettingsFile::load(dir.filePath(QStringLiteral("none.conf")));
        QVERIFY(read);
        QCOMPARE(read->schema, QStringLiteral("apple_app_store"));
        QCOMPARE(read->backfillDays, 7);
        QCOMPARE(read->schedule.text(), QStringLiteral("daily 06:00"));
        QVERIFY(validate(read.value()));
    }

    void invalidValuesNameTheirField_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("code");
        QTest::newRow("issuer id") << "issuerId"
                                   << "2X9R4HXF34"
                                   << "";
        QTest::newRow("key id") << "keyId"
                                << "AuthKey_2X9R4HXF34.p8"
                                << "";
        QTest::newRow("plain http to a remote host") << "apiBaseUrl"
                                                     << "http://api.example.com"
                                                     << "settings.apiBaseUrl";
        QTest::newRow("schema with a dash") << "schema"
                                            << "apple-store"
                                            << "settings.schema";
        QTest::newRow("app name instead of id") << "apps"
                                                << "Quiet Hours"
                                                << "settings.apps";
        QTest::newRow("vendor with letters") << "vendorNumber"
                                             << "V85012345"
                                             << "settings.vendorNumber";
        QTest::newRow("backfill too long") << "backfillDays"
                                           << "400"
                                           << "settings.backfillDays";
        QTest::newRow("report version with a dot") << "reportVersions"
                                                   << "SUBSCRIPTION=1.4"
                                                   << "settings.reportVersion";
        QTest::newRow("report version without a type") << "reportVersions"
                                                       << "1_4"
                                                       << "settings.reportVersion";
    }

    void invalidValuesNameTheirField()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, code);
        Settings settings;
        if (field == u"issuerId") {
            settings.issuerId = value;
        } else if (field == u"keyId") {
            settings.keyId = value;
        } else if (field == u"apiBaseUrl") {
            settings.apiBaseUrl = QUrl(value);
        } else if (field == u"schema") {
            settings.schema = value;
        } else if (field == u"apps") {
            settings.apps = {value};
        } else if (field == u"vendorNumber") {
            settings.vendorNumber = value;
        } else if (field == u"backfillDays") {
            settings.backfillDays = value.toInt();
        } else if (field == u"reportVersions") {
            settings.reportVersions = {value};
        }
        const ascsync::Status status = validate(settings);
        QVERIFY(!status);
        if (!code.isEmpty()) {
            QCOMPARE(status.error().code, code);
        }
        QVERIFY2(status.errorMessage().size() > 20, qPrintable(status.errorMessage()));
    }

    void noSecretInTheFile()
    {
        // The struct has no field for a key or a password: the file can only hold a key file's path.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("ascsync.conf"));
        Settings settings;
        settings.keyFile = QStringLiteral("/home/me/keys/AuthKey_2X9R4HXF34.p8");
        QVERIFY(SettingsFile::save(path, settings));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY(text.contains("AuthKey_2X9R4HXF34.p8"));
        QVERIFY(!text.contains("PRIVATE KEY"));
        QVERIFY(!text.toLower().contains("password"));
    }
};

QTEST_GUILESS_MAIN(SettingsTest)
#include "tst_settings.moc"
