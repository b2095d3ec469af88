#include "urlsigner.h"

#include <QMessageAuthenticationCode>

#include <openssl/crypto.h>

namespace ascsync::sandbox {

UrlSigner::UrlSigner(QByteArray secret)
    : m_secret(std::move(secret))
{}

QString UrlSigner::signature(const QString &path, const QString &variant, qint64 expiresAt) const
{
    const QByteArray message = path.toUtf8() + '\n' + variant.toUtf8() + '\n' + QByteArray::number(expiresAt);
    return QString::fromLatin1(
        QMessageAuthenticationCode::hash(message, m_secret, QCryptographicHash::Sha256).toHex());
}

bool UrlSigner::verify(const QString &path, const QString &variant, qint64 expiresAt,
                       const QString &signature) const
{
    const QByteArray expected = this->signature(path, variant, expiresAt).toLatin1();
    const QByteArray given = signature.toLatin1();
    // Constant-time comparison, as a real signing service would do.
    return expected.size() == given.size() &&
           CRYPTO_memcmp(expected.constData(), given.constData(), size_t(given.size())) == 0;
}

} // namespace ascsync::sandbox
