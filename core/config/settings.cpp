#include "settings.h"

#include "core/auth/credentialids.h"
#include "core/reports/reportversions.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace ascsync::config {

namespace {

// Bump when a key is renamed or its meaning changes, and migrate in load().
constexpr int kFormatVersion = 1;

QString configFileError(const QString &path, const QString &what)
{
    return u"The settings file %1 %2. Fix or delete it (ascsync recreates it with `ascsync login`)."_s.arg(
        path, what);
}

} // namespace

QString Settings::defaultDestination()
{
    const QString dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return u"sqlite:"_s + QDir(dataDir).filePath(u"ascsync.db"_s);
}

QString SettingsFile::defaultPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation))
        .filePath(u"ascsync.conf"_s);
}

Result<Settings> SettingsFile::load(const QString &path)
{
    Settings settings;
    settings.destination = Settings::defaultDestination();
    if (!QFileInfo::exists(path)) {
        return settings;
    }
    QSettings file(path, QSettings::IniFormat);
    if (file.status() != QSettings::NoError) {
        return makeError(u"settings.unreadable"_s, configFileError(path, u"cannot be read"_s));
    }
    const int version = file.value(u"format"_s, kFormatVersion).toInt();
    if (version > kFormatVersion) {
        return makeError(u"settings.newer"_s,
                         configFileError(path, u"was written by a newer ascsync (format %1)"_s.arg(version)));
    }
    settings.issuerId = file.value(u"credentials/issuerId"_s).toString();
    settings.keyId = file.value(u"credentials/keyId"_s).toString();
    settings.keyFile = file.value(u"credentials/keyFile"_s).toString();
    settings.apiBaseUrl = QUrl(file.value(u"api/baseUrl"_s, settings.apiBaseUrl.toString()).toString());
    settings.caFile = file.value(u"api/caFile"_s).toString();
    settings.destination = file.value(u"destination/uri"_s, settings.destination).toString();
    settings.schema = file.value(u"destination/schema"_s, settings.schema).toString();
    const QString policy =
        file.value(u"destination/migrationPolicy"_s, storage::migrationPolicyName(settings.migrationPolicy))
            .toString();
    if (const auto parsed = storage::parseMigrationPolicy(policy)) {
        settings.migrationPolicy = *parsed;
    } else {
        return makeError(u"settings.migrationPolicy"_s,
                         configFileError(path, u"has destination/migrationPolicy \"%1\"; it must be evolve, "
                                               "ignore or fail"_s.arg(policy)));
    }
    settings.apps = file.value(u"sync/apps"_s).toStringList();
    settings.vendorNumber = file.value(u"sync/vendorNumber"_s).toString();
    auto streams = reports::StreamSelection::parse(
        file.value(u"sync/streams"_s, settings.streams.toStrings()).toStringList());
    if (!streams)
        return makeError(streams.error().code,
                         configFileError(path, u"has sync/streams: "_s + streams.errorMessage()));
    settings.streams = std::move(streams).value();
    settings.granularities = file.value(u"sync/granularities"_s, settings.granularities).toStringList();
    settings.financeRegions = file.value(u"sync/financeRegions"_s, settings.financeRegions).toStringList();
    settings.schedule =
        ScheduleSetting::fromText(file.value(u"sync/schedule"_s, settings.schedule.text()).toString());
    settings.reportVersions = file.value(u"sync/reportVersions"_s).toStringList();
    bool ok = true;
    settings.backfillDays = file.value(u"sync/backfillDays"_s, settings.backfillDays).toInt(&ok);
    if (!ok) {
        return makeError(u"settings.invalid"_s,
                         configFileError(path, u"has a non-numeric sync/backfillDays"_s));
    }
    settings.concurrency = file.value(u"sync/concurrency"_s, settings.concurrency).toInt(&ok);
    if (!ok) {
        return makeError(u"settings.invalid"_s,
                         configFileError(path, u"has a non-numeric sync/concurrency"_s));
    }
    settings.archiveDirectory = file.value(u"archive/directory"_s).toString();
    settings.archiveMaxBytes = file.value(u"archive/maxBytes"_s, 0).toLongLong(&ok);
    if (!ok) {
        return makeError(u"settings.invalid"_s,
                         configFileError(path, u"has a non-numeric archive/maxBytes"_s));
    }
    settings.archiveMaxAgeDays = file.value(u"archive/maxAgeDays"_s, 0).toInt(&ok);
    if (!ok) {
        return makeError(u"settings.invalid"_s,
                         configFileError(path, u"has a non-numeric archive/maxAgeDays"_s));
    }
    return settings;
}

Status SettingsFile::save(const QString &path, const Settings &settings)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath())) {
        return makeError(u"settings.unwritable"_s,
                         u"Cannot create the folder %1 for the settings file."_s.arg(info.absolutePath()));
    }
    QSettings file(path, QSettings::IniFormat);
    file.setValue(u"format"_s, kFormatVersion);
    file.setValue(u"credentials/issuerId"_s, settings.issuerId);
    file.setValue(u"credentials/keyId"_s, settings.keyId);
    file.setValue(u"credentials/keyFile"_s, settings.keyFile);
    file.setValue(u"api/baseUrl"_s, settings.apiBaseUrl.toString());
    file.setValue(u"api/caFile"_s, settings.caFile);
    file.setValue(u"destination/uri"_s, settings.destination);
    file.setValue(u"destination/schema"_s, settings.schema);
    file.setValue(u"destination/migrationPolicy"_s, storage::migrationPolicyName(settings.migrationPolicy));
    file.setValue(u"sync/apps"_s, settings.apps);
    file.setValue(u"sync/vendorNumber"_s, settings.vendorNumber);
    file.setValue(u"sync/backfillDays"_s, settings.backfillDays);
    file.setValue(u"sync/streams"_s, settings.streams.toStrings());
    file.setValue(u"sync/granularities"_s, settings.granularities);
    file.setValue(u"sync/financeRegions"_s, settings.financeRegions);
    file.setValue(u"sync/concurrency"_s, settings.concurrency);
    file.setValue(u"sync/schedule"_s, settings.schedule.text());
    file.setValue(u"sync/reportVersions"_s, settings.reportVersions);
    file.setValue(u"archive/directory"_s, settings.archiveDirectory);
    file.setValue(u"archive/maxBytes"_s, settings.archiveMaxBytes);
    file.setValue(u"archive/maxAgeDays"_s, settings.archiveMaxAgeDays);
    file.sync();
    if (file.status() != QSettings::NoError) {
        return makeError(u"settings.unwritable"_s, u"Cannot write the settings file %1: check the folder's "
                                                   u"permissions and free space."_s.arg(path));
    }
    // Owner only: it names the key, the database and the vendor (QSettings writes a new file each time).
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    return {};
}

Status validateArchive(const Settings &settings)
{
    if (!settings.archiveDirectory.isEmpty() && !QDir::isAbsolutePath(settings.archiveDirectory)) {
        return makeError(
            u"settings.archiveDirectory"_s,
            u"The archive folder \"%1\" must be an absolute path (like /srv/ascsync-archive), so "
            u"a scheduled sync keeps its files in the same place."_s.arg(settings.archiveDirectory));
    }
    if (settings.archiveMaxBytes < 0) {
        return makeError(u"settings.archiveMaxBytes"_s,
                         u"The archive's size limit cannot be negative (0 means no limit)."_s);
    }
    if (settings.archiveMaxAgeDays < 0 || settings.archiveMaxAgeDays > 36500) {
        return makeError(
            u"settings.archiveMaxAgeDays"_s,
            u"The archive's age limit must be between 0 (no limit) and 36500 days, not %1."_s.arg(
                settings.archiveMaxAgeDays));
    }
    return {};
}

namespace {

// The key's identity and the API's address.
Status validateConnection(const Settings &settings)
{
    if (!settings.issuerId.isEmpty()) {
        if (const auto id = auth::validateIssuerId(settings.issuerId); !id) {
            return id.error();
        }
    }
    if (!settings.keyId.isEmpty()) {
        if (const auto id = auth::validateKeyId(settings.keyId); !id) {
            return id.error();
        }
    }
    if (!settings.apiBaseUrl.isValid() ||
        (settings.apiBaseUrl.scheme() != u"https"_s && settings.apiBaseUrl.scheme() != u"http"_s)) {
        return makeError(u"settings.apiBaseUrl"_s, u"The API base URL \"%1\" is not an http(s) URL."_s.arg(
                                                       settings.apiBaseUrl.toString()));
    }
    if (settings.apiBaseUrl.scheme() == u"http"_s) {
        const QString host = settings.apiBaseUrl.host();
        if (host != u"127.0.0.1"_s && host != u"localhost"_s && host != u"::1"_s) {
            return makeError(u"settings.apiBaseUrl"_s,
                             u"The API base URL must use https (plain http is allowed only "
                             u"for a simulator on this computer): %1"_s.arg(settings.apiBaseUrl.toString()));
        }
    }
    return {};
}

// The schema, the apps and the vendor number: the names the data is stored and asked for under.
Status validateScope(const Settings &settings)
{
    static const QRegularExpression schemaName(u"^[a-z_][a-z0-9_]{0,62}$"_s);
    if (!schemaName.match(settings.schema).hasMatch()) {
        return makeError(u"settings.schema"_s,
                         u"The schema name \"%1\" must start with a lower-case letter or _ and "
                         u"hold only a-z, 0-9 and _ (at most 63 characters)."_s.arg(settings.schema));
    }
    static const QRegularExpression appId(u"^[0-9]{6,12}$"_s);
    for (const QString &app : settings.apps) {
        if (!appId.match(app).hasMatch()) {
            return makeError(u"settings.apps"_s,
                             u"\"%1\" is not an app's Apple ID (the number in the app's App Store "
                             u"URL, like 1476097583)."_s.arg(app));
        }
    }
    static const QRegularExpression vendor(u"^[0-9]{6,12}$"_s);
    if (!settings.vendorNumber.isEmpty() && !vendor.match(settings.vendorNumber).hasMatch()) {
        return makeError(u"settings.vendorNumber"_s,
                         u"The vendor number \"%1\" should be the number shown in App "
                         u"Store Connect under Payments and Financial Reports (like "
                         u"85012345)."_s.arg(settings.vendorNumber));
    }
    return {};
}

// What a sync fetches and how.
Status validateSyncChoices(const Settings &settings)
{
    if (const auto versions = reports::parseVersionOverrides(settings.reportVersions); !versions) {
        return versions.error();
    }
    if (settings.backfillDays < 0 || settings.backfillDays > 365) {
        return makeError(u"settings.backfillDays"_s,
                         u"Backfill days must be between 0 and 365, not %1."_s.arg(settings.backfillDays));
    }
    if (settings.concurrency < 1 || settings.concurrency > 16) {
        return makeError(u"settings.concurrency"_s,
                         u"Parallel downloads must be between 1 and 16, not %1."_s.arg(settings.concurrency));
    }
    if (const Status archive = validateArchive(settings); !archive) {
        return archive;
    }
    static const QStringList granularities{u"DAILY"_s, u"WEEKLY"_s, u"MONTHLY"_s};
    for (const QString &granularity : settings.granularities) {
        if (!granularities.contains(granularity)) {
            return makeError(u"settings.granularities"_s, u"Unknown granularity \"%1\": use DAILY, WEEKLY or "
                                                          u"MONTHLY."_s.arg(granularity));
        }
    }
    return {};
}

} // namespace

Status validate(const Settings &settings)
{
    for (const auto &check : {validateConnection, validateScope, validateSyncChoices}) {
        if (const Status ok = check(settings); !ok)
            return ok;
    }
    return {};
}

} // namespace ascsync::config
