#include "syncsetup.h"

#include "core/common/blockingcall.h"
#include "core/config/apikeystore.h"
#include "core/storage/destinationspec.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace ascsync::sync {

api::ApiOptions apiOptionsFrom(const config::Settings &settings)
{
    api::ApiOptions options;
    options.baseUrl = settings.apiBaseUrl;
    options.caFile = settings.caFile;
    return options;
}

auth::TokenClaims claimsFrom(const config::Settings &settings)
{
    auth::TokenClaims claims;
    claims.issuerId = settings.issuerId;
    claims.keyId = settings.keyId;
    return claims;
}

std::unique_ptr<api::ApiClient> makeApiClient(const api::ApiOptions &options, const auth::P8Key &key,
                                              const auth::TokenClaims &claims)
{
    return std::make_unique<api::ApiClient>(options, std::make_shared<auth::TokenProvider>(key, claims));
}

Result<std::unique_ptr<api::ApiClient>> openApiClient(const config::Settings &settings,
                                                      config::SecretStore &secrets)
{
    return blockingCall<Result<std::unique_ptr<api::ApiClient>>>(
        [&](ClientCallback done) { openApiClientAsync(settings, secrets, std::move(done)); });
}

void openApiClientAsync(const config::Settings &settings, config::SecretStore &secrets, ClientCallback done)
{
    if (settings.keyId.isEmpty()) {
        QMetaObject::invokeMethod(
            &secrets,
            [done = std::move(done)] {
                done(makeError(u"credentials.missing"_s,
                               u"No App Store Connect key is configured. Run `ascsync login --issuer-id ID "
                               u"--key-id KID --key-file AuthKey_KID.p8` first, or pass --issuer-id, "
                               u"--key-id and --key-file."_s));
            },
            Qt::QueuedConnection);
        return;
    }
    config::ApiKeyStore(secrets).loadAsync(
        settings, [settings, done = std::move(done)](const Result<auth::P8Key> &key) {
            if (!key) {
                done(key.error());
                return;
            }
            done(makeApiClient(apiOptionsFrom(settings), key.value(), claimsFrom(settings)));
        });
}

Result<std::unique_ptr<storage::Destination>> openDestination(const config::Settings &settings,
                                                              config::SecretStore &secrets,
                                                              const storage::OpenOptions &options)
{
    const auto spec = storage::DestinationSpec::parse(settings.destination, settings.schema);
    if (!spec) {
        return spec.error();
    }
    QString password;
    if (spec->kind() == storage::DestinationSpec::Kind::Postgres &&
        qEnvironmentVariableIsEmpty("PGPASSWORD")) {
        // Absent or unavailable keychain entries are not errors here: ~/.pgpass or trust auth may still work,
        // and libpq's own message says what is missing if not.
        if (const auto stored = secrets.readNow(spec->toString(), u"password"_s)) {
            password = QString::fromUtf8(stored.value());
        }
    }
    return storage::Destination::open(spec.value(), password, options);
}

bool destinationExists(const config::Settings &settings)
{
    const auto spec = storage::DestinationSpec::parse(settings.destination, settings.schema);
    return !spec || spec->kind() != storage::DestinationSpec::Kind::Sqlite ||
           QFileInfo::exists(spec->sqlitePath());
}

SyncOptions syncOptionsFrom(const config::Settings &settings)
{
    SyncOptions options;
    options.apps = settings.apps;
    options.vendorNumber = settings.vendorNumber;
    options.streams = settings.streams;
    options.granularities = settings.granularities;
    options.financeRegions = settings.financeRegions;
    options.backfillDays = settings.backfillDays;
    options.reportVersions = settings.reportVersions;
    options.individualKey = settings.issuerId.isEmpty();
    options.policy = settings.migrationPolicy;
    options.concurrency = settings.concurrency;
    options.archiveDirectory = settings.archiveDirectory;
    options.archiveLimits = {settings.archiveMaxBytes, settings.archiveMaxAgeDays};
    return options;
}

} // namespace ascsync::sync
