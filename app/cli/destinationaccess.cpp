#include "destinationaccess.h"

#include "sync/syncsetup.h"

namespace ascsync::cli {

Result<std::unique_ptr<storage::Destination>> openDestination(const config::Settings &settings,
                                                              config::SecretStore &secrets)
{
    return sync::openDestination(settings, secrets);
}

} // namespace ascsync::cli
