#include "apikeystore.h"

#include "core/common/secureerase.h"

using namespace Qt::StringLiterals;

namespace ascsync::config {

ApiKeyStore::ApiKeyStore(SecretStore &secrets)
    : m_secrets(secrets)
{}

QString ApiKeyStore::account(const Settings &settings)
{
    return settings.issuerId.isEmpty() ? u"individual"_s : settings.issuerId;
}

QString ApiKeyStore::entryName(const Settings &settings)
{
    return u"apiKey/"_s + settings.keyId;
}

Result<auth::P8Key> ApiKeyStore::load(const Settings &settings)
{
    if (!settings.keyFile.isEmpty()) {
        return auth::P8Key::fromFile(settings.keyFile);
    }
    if (settings.keyId.isEmpty()) {
        return makeError(u"credentials.missing"_s,
                         u"No App Store Connect key is configured. Run `ascsync login "
                         u"--issuer-id ID --key-id KID --key-file AuthKey_KID.p8` (or the "
                         u"setup wizard), or pass --key-file."_s);
    }
    auto pem = m_secrets.readNow(account(settings), entryName(settings));
    if (!pem) {
        return pem.error();
    }
    return auth::P8Key::fromPem(std::move(pem).value());
}

Status ApiKeyStore::store(const Settings &settings, const QByteArray &pem)
{
    if (const auto key = auth::P8Key::fromPem(pem); !key) {
        return key.error();
    }
    return m_secrets.writeNow(account(settings), entryName(settings), pem);
}

Status ApiKeyStore::forget(const Settings &settings)
{
    return m_secrets.removeNow(account(settings), entryName(settings));
}

} // namespace ascsync::config
