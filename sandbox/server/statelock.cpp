#include "statelock.h"

namespace ascsync::sandbox {

namespace {

QMutex &stateMutex()
{
    static QMutex mutex;
    return mutex;
}

thread_local bool t_holdsState = false;

} // namespace

StateLocker::StateLocker()
{
    stateMutex().lock();
    t_holdsState = true;
}

StateLocker::~StateLocker()
{
    t_holdsState = false;
    stateMutex().unlock();
}

StateUnlocker::StateUnlocker()
    : m_released(t_holdsState)
{
    if (m_released) {
        t_holdsState = false;
        stateMutex().unlock();
    }
}

StateUnlocker::~StateUnlocker()
{
    if (m_released) {
        stateMutex().lock();
        t_holdsState = true;
    }
}

} // namespace ascsync::sandbox
