// libFuzzer target: auth::P8Key::fromPem, the loader of the user's AuthKey_<KEYID>.p8 file.
//
// Input: the file's bytes. Promises checked: loading never crashes or leaks; a refusal carries a code and
// a message for the user; a key that loads signs a JWS ES256 signature (64 raw bytes) that verifies with its
// own public key, checked by the simulator's independent OpenSSL code (sandbox::EcKey).

#include "fuzzsupport.h"

#include "core/auth/p8key.h"
#include "sandbox/server/eckey.h"

ASCSYNC_FUZZ_QUIET_QT()

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto key = ascsync::auth::P8Key::fromPem(ascsync::fuzz::bytesOf(data, size));
    if (!key) {
        FUZZ_CHECK(!key.error().code.isEmpty() && !key.error().message.isEmpty());
        return 0;
    }
    const QByteArray message =
        QByteArrayLiteral("eyJhbGciOiJFUzI1NiJ9.eyJhdWQiOiJhcHBzdG9yZWNvbm5lY3QtdjEifQ");
    const auto signature = key->signEs256(message);
    FUZZ_CHECK(signature && signature->size() == 64);
    QString error;
    const auto publicKey = ascsync::sandbox::EcKey::fromPublicPem(key->publicKeyPem(), &error);
    FUZZ_CHECK(!publicKey.isNull());
    FUZZ_CHECK(publicKey.verifyEs256(message, *signature));
    QByteArray tampered = *signature;
    tampered[10] = char(tampered[10] ^ 1);
    FUZZ_CHECK(!publicKey.verifyEs256(message, tampered));
    return 0;
}
