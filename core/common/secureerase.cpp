#include "secureerase.h"

#include <openssl/crypto.h>

namespace ascsync {

void secureErase(QByteArray &secret)
{
    if (!secret.isEmpty()) {
        OPENSSL_cleanse(secret.data(), static_cast<size_t>(secret.size()));
    }
    secret.clear();
}

void secureErase(QString &secret)
{
    if (!secret.isEmpty()) {
        OPENSSL_cleanse(secret.data(), static_cast<size_t>(secret.size()) * sizeof(QChar));
    }
    secret.clear();
}

} // namespace ascsync
