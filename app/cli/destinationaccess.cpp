#include "destinationaccess.h"

#include "command.h"
#include "sync/syncsetup.h"

namespace ascsync::cli {

Result<std::unique_ptr<storage::Destination>>
openDestination(const config::Settings &settings, config::SecretStore &secrets, storage::OpenOptions options)
{
    if (!options.progress) {
        // An upgrade of a large destination takes a while: say what is happening instead of seeming to hang.
        options.progress = [](const QString &line) {
            standardError() << "ascsync: " << line << '\n';
            standardError().flush();
        };
    }
    return sync::openDestination(settings, secrets, options);
}

} // namespace ascsync::cli
