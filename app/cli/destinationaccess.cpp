#include "destinationaccess.h"

using namespace Qt::StringLiterals;

namespace ascsync::cli {

Result<std::unique_ptr<storage::Destination>> openDestination(const config::Settings &settings,
                                                              config::SecretStore &secrets)
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
    return storage::Destination::open(spec.value(), password);
}

} // namespace ascsync::cli
