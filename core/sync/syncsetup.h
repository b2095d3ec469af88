#pragma once

#include "syncoptions.h"

#include "core/api/apiclient.h"
#include "core/auth/p8key.h"
#include "core/auth/tokenprovider.h"
#include "core/common/result.h"
#include "core/config/secretstore.h"
#include "core/config/settings.h"
#include "core/storage/destination.h"

#include <functional>
#include <memory>

namespace ascsync::sync {

// Turns saved Settings into the objects a sync works with, the same way for the CLI and the desktop app.
// Both objects are thread-affine: create them on the thread that uses them. The API client works in a UI
// thread (openApiClientAsync, then its asynchronous calls); the destination is blocking (a worker thread in
// the GUI), and so is openApiClient, which reads `secrets` with its blocking form.

// The one way a client is made from settings, for every key (the regular one, an Admin key in memory):
// the API host and its CA file from the settings, tokens signed locally with `key` under `claims`.
api::ApiOptions apiOptionsFrom(const config::Settings &settings);
auth::TokenClaims claimsFrom(const config::Settings &settings); // the regular key's issuer and key id
std::unique_ptr<api::ApiClient> makeApiClient(const api::ApiOptions &options, const auth::P8Key &key,
                                              const auth::TokenClaims &claims);

// The regular key's API client: the key from Settings::keyFile or the keychain.
Result<std::unique_ptr<api::ApiClient>> openApiClient(const config::Settings &settings,
                                                      config::SecretStore &secrets);
// The same, asynchronously: `done` runs once, later, in `secrets`' thread (dropped with it).
using ClientCallback = std::function<void(Result<std::unique_ptr<api::ApiClient>>)>;
void openApiClientAsync(const config::Settings &settings, config::SecretStore &secrets, ClientCallback done);

// The destination. A PostgreSQL password comes from the keychain when one is stored for that database;
// otherwise libpq reads PGPASSWORD or ~/.pgpass. A destination of an older ascsync is upgraded in place
// unless `options` say otherwise.
Result<std::unique_ptr<storage::Destination>> openDestination(const config::Settings &settings,
                                                              config::SecretStore &secrets,
                                                              const storage::OpenOptions &options = {});

// False only for a SQLite file that does not exist yet: reads (status, coverage, the dashboard) ask first,
// because opening would create an empty file where the user has not synced. A server database is assumed
// to exist; opening it says otherwise.
bool destinationExists(const config::Settings &settings);

// What runSync should fetch, from the settings' apps, vendor, streams, backfill and policy.
SyncOptions syncOptionsFrom(const config::Settings &settings);

} // namespace ascsync::sync
