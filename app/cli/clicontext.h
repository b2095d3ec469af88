#pragma once

#include "core/api/apiclient.h"
#include "core/common/result.h"
#include "core/config/secretstore.h"
#include "core/config/settings.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

#include <memory>

namespace ascsync::cli {

// The options every command that talks to App Store Connect or the destination shares, and how their values
// are resolved: a flag overrides its environment variable, which overrides the settings file.
class CommonOptions {
public:
    void addConnectionOptions(QCommandLineParser &parser);  // config, credentials, API
    void addDestinationOptions(QCommandLineParser &parser); // destination, schema, migration policy
    void addSyncOptions(QCommandLineParser &parser);        // apps, vendor, backfill, streams, concurrency
    void addJsonOption(QCommandLineParser &parser);
    void addArchiveOptions(QCommandLineParser &parser); // sync: --archive and its limits

    Result<config::Settings> resolve(const QCommandLineParser &parser) const;
    QString configPath(const QCommandLineParser &parser) const;
    bool json(const QCommandLineParser &parser) const { return parser.isSet(m_json); }

private:
    Status applySyncOptions(const QCommandLineParser &parser, config::Settings &settings) const;
    Status applyArchiveOptions(const QCommandLineParser &parser, config::Settings &settings) const;

    // Which groups this command added: QCommandLineParser warns when asked about an option it does not know.
    bool m_hasDestination = false;
    bool m_hasSync = false;
    bool m_hasArchive = false;
    QCommandLineOption m_config{QStringLiteral("config"), QStringLiteral("Settings file (default: %1)."),
                                QStringLiteral("FILE")};
    QCommandLineOption m_issuerId{QStringLiteral("issuer-id"), QStringLiteral("Issuer ID [ASC_ISSUER_ID]."),
                                  QStringLiteral("ID")};
    QCommandLineOption m_keyId{QStringLiteral("key-id"), QStringLiteral("Key ID [ASC_KEY_ID]."),
                               QStringLiteral("KID")};
    QCommandLineOption m_keyFile{QStringLiteral("key-file"),
                                 QStringLiteral("Use this .p8 file instead of the keychain [ASC_KEY_FILE]."),
                                 QStringLiteral("PATH")};
    QCommandLineOption m_apiBaseUrl{QStringLiteral("api-base-url"),
                                    QStringLiteral("App Store Connect API URL [ASC_API_BASE_URL]."),
                                    QStringLiteral("URL")};
    QCommandLineOption m_caFile{QStringLiteral("ca-file"),
                                QStringLiteral("Extra trusted CA certificates (PEM)."),
                                QStringLiteral("PATH")};
    QCommandLineOption m_destination{QStringLiteral("destination"),
                                     QStringLiteral("sqlite:PATH or postgresql://user@host:port/db "
                                                    "[ASCSYNC_DESTINATION]."),
                                     QStringLiteral("URI")};
    QCommandLineOption m_schema{QStringLiteral("schema"),
                                QStringLiteral("Schema name (default apple_app_store)."),
                                QStringLiteral("NAME")};
    QCommandLineOption m_migrationPolicy{
        QStringLiteral("migration-policy"),
        QStringLiteral("When a file brings a new column: evolve, ignore or fail."), QStringLiteral("POLICY")};
    QCommandLineOption m_apps{QStringLiteral("apps"),
                              QStringLiteral("Comma-separated app IDs (default: all)."),
                              QStringLiteral("IDS")};
    QCommandLineOption m_vendorNumber{
        QStringLiteral("vendor-number"),
        QStringLiteral("Vendor number for sales and finance [ASC_VENDOR_NUMBER]."), QStringLiteral("NUMBER")};
    QCommandLineOption m_backfillDays{QStringLiteral("backfill-days"),
                                      QStringLiteral("Days re-checked for restated data (default 7)."),
                                      QStringLiteral("DAYS")};
    QCommandLineOption m_streams{
        QStringLiteral("streams"),
        QStringLiteral("Comma-separated: analytics (every report) or analytics:TABLE per report "
                       "(e.g. analytics:downloads, analytics:sessions), sales or "
                       "sales:TYPE/SUBTYPE/FREQUENCY, finance. Default: "
                       "analytics:discovery_and_engagement,analytics:downloads,sales,"
                       "finance (README \"Which analytics reports\")."),
        QStringLiteral("LIST")};
    QCommandLineOption m_granularities{
        QStringLiteral("granularities"),
        QStringLiteral("Analytics granularities: DAILY,WEEKLY,MONTHLY (default DAILY)."),
        QStringLiteral("LIST")};
    QCommandLineOption m_concurrency{QStringLiteral("concurrency"),
                                     QStringLiteral("Parallel segment downloads (default 4)."),
                                     QStringLiteral("N")};
    QCommandLineOption m_reportVersion{
        QStringLiteral("report-version"),
        QStringLiteral("Sales and Trends report version to ask for, TYPE=VERSION or "
                       "TYPE/SUBTYPE/FREQUENCY=VERSION (e.g. SUBSCRIPTION=1_4); repeatable. Default: the "
                       "latest known version, or the newer one Apple named in an earlier sync."),
        QStringLiteral("TYPE=VERSION")};
    QCommandLineOption m_archive{
        QStringLiteral("archive"),
        QStringLiteral("Keep every downloaded report file, byte for byte, in this folder, so `ascsync "
                       "replay` can rebuild the tables without Apple (README \"Raw archive\")."),
        QStringLiteral("DIR")};
    QCommandLineOption m_archiveMaxSize{
        QStringLiteral("archive-max-size"),
        QStringLiteral("After each sync, prune the archive's oldest downloads until it is at most this "
                       "big (e.g. 20G, 500M; 0: no limit, the default)."),
        QStringLiteral("SIZE")};
    QCommandLineOption m_archiveMaxAge{
        QStringLiteral("archive-max-age"),
        QStringLiteral("After each sync, prune archived files downloaded more than this many days ago "
                       "(0: no limit, the default)."),
        QStringLiteral("DAYS")};
    QCommandLineOption m_json{QStringLiteral("json"), QStringLiteral("Print machine-readable JSON.")};
};

// The API client for resolved settings: the key from --key-file or the keychain, tokens signed locally.
Result<std::unique_ptr<api::ApiClient>> makeApiClient(const config::Settings &settings,
                                                      config::SecretStore &secrets);

} // namespace ascsync::cli
