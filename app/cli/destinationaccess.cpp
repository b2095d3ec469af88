#include "destinationaccess.h"

#include "command.h"

#include "core/sync/syncsetup.h"

namespace ascsync::cli {

storage::OpenOptions withTerminalProgress(storage::OpenOptions options)
{
    if (!options.progress) {
        // An upgrade of a large destination takes a while: say what is happening instead of seeming to hang.
        options.progress = [](const QString &line) {
            standardError() << "ascsync: " << line << '\n';
            standardError().flush();
        };
    }
    return options;
}

Result<std::unique_ptr<storage::Destination>>
openDestination(const config::Settings &settings, config::SecretStore &secrets, storage::OpenOptions options)
{
    return sync::openDestination(settings, secrets, withTerminalProgress(std::move(options)));
}

} // namespace ascsync::cli
