#include "interrupter.h"

#include <QMutexLocker>

namespace ascsync::storage {

quint64 Interrupter::arm(Stop stop)
{
    const QMutexLocker lock(&m_mutex);
    const quint64 id = m_nextId++;
    m_stops.insert(id, std::move(stop));
    return id;
}

void Interrupter::disarm(quint64 id)
{
    const QMutexLocker lock(&m_mutex);
    m_stops.remove(id);
}

void Interrupter::interrupt()
{
    const QMutexLocker lock(&m_mutex);
    for (const Stop &stop : std::as_const(m_stops)) {
        stop();
    }
}

} // namespace ascsync::storage
