#pragma once

#include "secretstore.h"
#include "settings.h"

#include "core/auth/p8key.h"
#include "core/common/result.h"

namespace ascsync::config {

// Where the regular API key comes from: the file named in the settings (or --key-file / ASC_KEY_FILE), else
// the keychain entry that `ascsync login` or the setup wizard stored for this issuer and key ID.
class ApiKeyStore {
public:
    explicit ApiKeyStore(SecretStore &secrets);

    Result<auth::P8Key> load(const Settings &settings);
    // The same, asynchronously: `done` runs once, later, in the SecretStore's thread (dropped with it).
    using KeyCallback = std::function<void(Result<auth::P8Key>)>;
    void loadAsync(const Settings &settings, KeyCallback done);
    // Validates the PEM as a key first, so a wrong file never reaches the keychain.
    Status store(const Settings &settings, const QByteArray &pem);
    Status forget(const Settings &settings);

    static QString account(const Settings &settings);
    static QString entryName(const Settings &settings);

private:
    SecretStore &m_secrets;
};

} // namespace ascsync::config
