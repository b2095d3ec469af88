#include "valuepool.h"

namespace ascsync::sandbox {

ValuePool::ValuePool()
{
    m_utf8.append(QByteArray());
    m_ids.insert(QString(), 0);
}

qint32 ValuePool::intern(const QString &text)
{
    const auto it = m_ids.constFind(text);
    if (it != m_ids.cend())
        return *it;
    const qint32 id = qint32(m_utf8.size());
    m_utf8.append(text.toUtf8());
    m_ids.insert(text, id);
    return id;
}

qint32 ValuePool::idOf(const QString &text) const
{
    return m_ids.value(text, 0);
}

QByteArray ValuePool::utf8(qint32 id) const
{
    if (id < 0)
        return QDate::fromJulianDay(-qint64(id)).toString(Qt::ISODate).toLatin1();
    return m_utf8.value(id);
}

QString ValuePool::text(qint32 id) const
{
    return QString::fromUtf8(utf8(id));
}

} // namespace ascsync::sandbox
