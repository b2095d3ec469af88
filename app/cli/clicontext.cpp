#include "clicontext.h"

#include "core/common/plaintext.h"
#include "core/sync/rawarchive.h"
#include "core/sync/syncsetup.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace ascsync::cli {

namespace {

QString valueOf(const QCommandLineParser &parser, const QCommandLineOption &option, const char *variable,
                const QString &fallback)
{
    if (parser.isSet(option)) {
        return parser.value(option);
    }
    if (variable != nullptr && qEnvironmentVariableIsSet(variable)) {
        return qEnvironmentVariable(variable);
    }
    return fallback;
}

QStringList listOf(const QString &text)
{
    QStringList items;
    for (const QString &item : text.split(u',', Qt::SkipEmptyParts)) {
        items << item.trimmed();
    }
    return items;
}

Result<int> numberOf(const QString &text, const QString &flag)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok) {
        return makeError(u"usage"_s, u"%1 takes a whole number, not \"%2\"."_s.arg(flag, text));
    }
    return value;
}

} // namespace

void CommonOptions::addConnectionOptions(QCommandLineParser &parser)
{
    m_config.setDescription(m_config.description().arg(config::SettingsFile::defaultPath()));
    parser.addOptions({m_config, m_issuerId, m_keyId, m_keyFile, m_apiBaseUrl, m_caFile});
}

void CommonOptions::addDestinationOptions(QCommandLineParser &parser)
{
    parser.addOptions({m_destination, m_schema, m_migrationPolicy});
    m_hasDestination = true;
}

void CommonOptions::addSyncOptions(QCommandLineParser &parser)
{
    parser.addOptions(
        {m_apps, m_vendorNumber, m_backfillDays, m_streams, m_granularities, m_concurrency, m_reportVersion});
    m_hasSync = true;
}

void CommonOptions::addArchiveOptions(QCommandLineParser &parser)
{
    parser.addOptions({m_archive, m_archiveMaxSize, m_archiveMaxAge});
    m_hasArchive = true;
}

Status CommonOptions::applyArchiveOptions(const QCommandLineParser &parser, config::Settings &settings) const
{
    if (parser.isSet(m_archive)) {
        settings.archiveDirectory = QFileInfo(parser.value(m_archive)).absoluteFilePath();
    }
    if (parser.isSet(m_archiveMaxSize)) {
        const auto bytes = sync::parseArchiveSize(parser.value(m_archiveMaxSize));
        if (!bytes) {
            return makeError(u"usage"_s, u"--archive-max-size takes a size like 20G, 500M or 0 (no limit), "
                                         u"not \"%1\"."_s.arg(parser.value(m_archiveMaxSize)));
        }
        settings.archiveMaxBytes = *bytes;
    }
    if (parser.isSet(m_archiveMaxAge)) {
        const auto days = numberOf(parser.value(m_archiveMaxAge), u"--archive-max-age"_s);
        if (!days) {
            return days.error();
        }
        settings.archiveMaxAgeDays = days.value();
    }
    return {};
}

void CommonOptions::addJsonOption(QCommandLineParser &parser)
{
    parser.addOption(m_json);
}

QString CommonOptions::configPath(const QCommandLineParser &parser) const
{
    return valueOf(parser, m_config, "ASCSYNC_CONFIG", config::SettingsFile::defaultPath());
}

Status CommonOptions::applySyncOptions(const QCommandLineParser &parser, config::Settings &settings) const
{
    settings.vendorNumber = valueOf(parser, m_vendorNumber, "ASC_VENDOR_NUMBER", settings.vendorNumber);
    if (parser.isSet(m_apps)) {
        settings.apps = listOf(parser.value(m_apps));
    }
    if (parser.isSet(m_streams)) {
        auto streams = reports::StreamSelection::parse(listOf(parser.value(m_streams)));
        if (!streams) {
            return makeError(streams.error().code,
                             u"--streams: "_s + escapeControlCharacters(streams.errorMessage()));
        }
        settings.streams = std::move(streams).value();
    }
    if (parser.isSet(m_granularities)) {
        settings.granularities = listOf(parser.value(m_granularities).toUpper());
    }
    // Added to the settings' list: a later entry for the same report wins.
    settings.reportVersions << parser.values(m_reportVersion);
    if (parser.isSet(m_backfillDays)) {
        const auto days = numberOf(parser.value(m_backfillDays), u"--backfill-days"_s);
        if (!days) {
            return days.error();
        }
        settings.backfillDays = days.value();
    }
    if (parser.isSet(m_concurrency)) {
        const auto concurrency = numberOf(parser.value(m_concurrency), u"--concurrency"_s);
        if (!concurrency) {
            return concurrency.error();
        }
        settings.concurrency = concurrency.value();
    }
    return {};
}

Result<config::Settings> CommonOptions::resolve(const QCommandLineParser &parser) const
{
    auto loaded = config::SettingsFile::load(configPath(parser));
    if (!loaded) {
        return loaded.error();
    }
    config::Settings settings = loaded.value();
    // Every command adds the connection options; the other groups only when it added them.
    settings.issuerId = valueOf(parser, m_issuerId, "ASC_ISSUER_ID", settings.issuerId);
    settings.keyId = valueOf(parser, m_keyId, "ASC_KEY_ID", settings.keyId);
    settings.keyFile = valueOf(parser, m_keyFile, "ASC_KEY_FILE", settings.keyFile);
    settings.apiBaseUrl =
        QUrl(valueOf(parser, m_apiBaseUrl, "ASC_API_BASE_URL", settings.apiBaseUrl.toString()));
    settings.caFile = valueOf(parser, m_caFile, nullptr, settings.caFile);
    if (m_hasDestination) {
        settings.destination = valueOf(parser, m_destination, "ASCSYNC_DESTINATION", settings.destination);
        settings.schema = valueOf(parser, m_schema, nullptr, settings.schema);
        if (parser.isSet(m_migrationPolicy)) {
            const QString policy = parser.value(m_migrationPolicy);
            const auto parsed = storage::parseMigrationPolicy(policy);
            if (!parsed) {
                return makeError(u"settings.migrationPolicy"_s,
                                 u"--migration-policy must be evolve, ignore or fail, not \"%1\"."_s.arg(
                                     escapeControlCharacters(policy)));
            }
            settings.migrationPolicy = *parsed;
        }
    }
    if (m_hasSync) {
        if (const Status applied = applySyncOptions(parser, settings); !applied) {
            return applied.error();
        }
    }
    if (m_hasArchive) {
        if (const Status applied = applyArchiveOptions(parser, settings); !applied) {
            return applied.error();
        }
    }
    if (const Status valid = config::validate(settings); !valid) {
        return valid.error();
    }
    return settings;
}

Result<std::unique_ptr<api::ApiClient>> makeApiClient(const config::Settings &settings,
                                                      config::SecretStore &secrets)
{
    return sync::openApiClient(settings, secrets);
}

} // namespace ascsync::cli
