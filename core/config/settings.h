#pragma once

#include "schedulesetting.h"

#include "core/common/result.h"
#include "core/reports/streamselection.h"
#include "core/storage/column.h"

#include <QString>
#include <QStringList>
#include <QUrl>

namespace ascsync::config {

// Everything ascsync remembers between runs, except secrets (those live in the keychain: SecretStore).
// One typed struct; keys, defaults and file-format migrations live in SettingsFile, nowhere else.
struct Settings {
    // Credentials (the key itself is in the keychain under the issuer ID, unless keyFile names a file).
    QString issuerId;
    QString keyId;
    QString keyFile;

    QUrl apiBaseUrl = QUrl(QStringLiteral("https://api.appstoreconnect.apple.com"));
    QString caFile;

    QString destination; // "sqlite:PATH" or "postgresql://user@host:port/db"
    QString schema = QStringLiteral("apple_app_store");
    QStringList apps;     // app IDs to sync; empty = all apps the key sees
    QString vendorNumber; // sales and finance reports; empty = skip them
    int backfillDays = 7;
    // The analytics reports behind conversion-rate.sql (reports::defaultAnalyticsStreams(), README "Which
    // reports"), sales and finance. "analytics" alone selects every report.
    reports::StreamSelection streams = reports::StreamSelection::of(
        {QStringLiteral("analytics:discovery_and_engagement"), QStringLiteral("analytics:downloads"),
         QStringLiteral("sales"), QStringLiteral("finance")});
    QStringList granularities = {QStringLiteral("DAILY")};
    QStringList financeRegions = {QStringLiteral("ZZ")};
    // Sales and Trends `filter[version]` choices, "TYPE=1_4" or "TYPE/SUBTYPE/FREQUENCY=1_4"; empty = the
    // catalogue's defaults (reports::salesStreams()). A newer version Apple names during a sync wins.
    QStringList reportVersions;
    // What a sync does with a new column (README "Migration policy"); the file says evolve | ignore | fail.
    storage::MigrationPolicy migrationPolicy = storage::MigrationPolicy::Evolve;
    int concurrency = 4;
    ScheduleSetting schedule; // daily 06:00
    // The raw archive (README "Raw archive"): empty = off. Limits: 0 = none.
    QString archiveDirectory;
    qint64 archiveMaxBytes = 0;
    int archiveMaxAgeDays = 0;

    static QString defaultDestination(); // sqlite:<data dir>/ascsync.db
};

// Reads and writes Settings as an INI file (QSettings), by default at the XDG config location.
class SettingsFile {
public:
    static QString defaultPath();

    // A missing file gives the defaults; an unreadable or invalid one gives an error naming the file and key.
    static Result<Settings> load(const QString &path);
    static Status save(const QString &path, const Settings &settings);
};

// Checks the values a user can get wrong, with a message per field.
Status validate(const Settings &settings);
// The raw archive's fields alone (also part of validate()), for the settings dialog's archive editor.
Status validateArchive(const Settings &settings);

} // namespace ascsync::config
