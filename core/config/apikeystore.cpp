#include "apikeystore.h"

#include "core/common/blockingcall.h"
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
    return blockingCall<Result<auth::P8Key>>([&](KeyCallback done) { loadAsync(settings, std::move(done)); });
}

void ApiKeyStore::loadAsync(const Settings &settings, KeyCallback done)
{
    const auto answerLater = [this](KeyCallback callback, Result<auth::P8Key> key) {
        QMetaObject::invokeMethod(
            &m_secrets, [callback = std::move(callback), key = std::move(key)] { callback(key); },
            Qt::QueuedConnection);
    };
    if (!settings.keyFile.isEmpty()) {
        answerLater(std::move(done), auth::P8Key::fromFile(settings.keyFile));
        return;
    }
    if (settings.keyId.isEmpty()) {
        answerLater(std::move(done),
                    makeError(u"credentials.missing"_s,
                              u"No App Store Connect key is configured. Run `ascsync login "
                              u"--issuer-id ID --key-id KID --key-file AuthKey_KID.p8` (or the "
                              u"setup wizard), or pass --key-file."_s));
        return;
    }
    m_secrets.read(account(settings), entryName(settings), [done = std::move(done)](Result<QByteArray> pem) {
        if (!pem) {
            done(pem.error());
            return;
        }
        done(auth::P8Key::fromPem(std::move(pem).value()));
    });
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
