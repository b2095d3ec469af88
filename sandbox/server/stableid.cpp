#include "stableid.h"

#include <QCryptographicHash>
#include <QtEndian>

namespace ascsync::sandbox {

namespace {

QByteArray digest(const QByteArrayList &parts)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QByteArray &part : parts) {
        // Length-prefixed so ("ab", "c") and ("a", "bc") never collide.
        hash.addData(QByteArray(QByteArray::number(part.size()) + ':'));
        hash.addData(part);
    }
    return hash.result();
}

} // namespace

QString StableId::uuid(const QByteArrayList &parts)
{
    QByteArray bytes = digest(parts).left(16);
    bytes[6] = char((bytes[6] & 0x0f) | 0x40); // version 4 layout, as Apple's ids have
    bytes[8] = char((bytes[8] & 0x3f) | 0x80);
    const QByteArray hex = bytes.toHex();
    return QString::fromLatin1(hex.mid(0, 8) + '-' + hex.mid(8, 4) + '-' + hex.mid(12, 4) + '-' +
                               hex.mid(16, 4) + '-' + hex.mid(20, 12));
}

double StableId::unitInterval(const QByteArrayList &parts)
{
    const QByteArray bytes = digest(parts);
    const quint64 value = qFromBigEndian<quint64>(bytes.constData()) >> 11; // 53 significant bits
    return double(value) / double(quint64(1) << 53);
}

} // namespace ascsync::sandbox
