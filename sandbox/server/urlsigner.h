#pragma once

#include <QByteArray>
#include <QString>

namespace ascsync::sandbox {

// Pre-signed URL signatures in the spirit of S3's: HMAC-SHA256 with a per-run secret over everything
// that selects the object (path and variant) and the expiry, so neither can be altered by the holder.
class UrlSigner {
public:
    explicit UrlSigner(QByteArray secret);

    QString signature(const QString &path, const QString &variant, qint64 expiresAt) const;
    bool verify(const QString &path, const QString &variant, qint64 expiresAt,
                const QString &signature) const;

private:
    QByteArray m_secret;
};

} // namespace ascsync::sandbox
