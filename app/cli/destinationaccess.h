#pragma once

#include "core/common/result.h"
#include "core/config/secretstore.h"
#include "core/config/settings.h"
#include "core/storage/destination.h"

#include <memory>

namespace ascsync::cli {

// Opens the configured destination. A PostgreSQL password comes from the keychain when one is stored for that
// database; otherwise libpq reads PGPASSWORD or ~/.pgpass.
// An older destination is upgraded in place, with its progress on standard error.
// `options` with the upgrade's progress lines going to standard error (unless it has its own).
storage::OpenOptions withTerminalProgress(storage::OpenOptions options = {});

Result<std::unique_ptr<storage::Destination>> openDestination(const config::Settings &settings,
                                                              config::SecretStore &secrets,
                                                              storage::OpenOptions options = {});

} // namespace ascsync::cli
