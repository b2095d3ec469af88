#pragma once

#include <QMutex>

namespace ascsync::sandbox {

// The simulator's request state (report requests, id maps, rate limits, fault draws, the request log) is
// touched by one request handler at a time. Handlers run on worker threads (LoopbackHttpServer), so the
// event loop keeps accepting connections and answering signals; a long data generation, which World does
// thread-safely, runs with the lock released (StateUnlocker), so other requests are answered meanwhile.
class StateLocker {
public:
    StateLocker();
    ~StateLocker();
    StateLocker(const StateLocker &) = delete;
    StateLocker &operator=(const StateLocker &) = delete;
};

// Releases the state lock for its scope when this thread holds it; touch no request state inside.
class StateUnlocker {
public:
    StateUnlocker();
    ~StateUnlocker();
    StateUnlocker(const StateUnlocker &) = delete;
    StateUnlocker &operator=(const StateUnlocker &) = delete;

private:
    bool m_released = false;
};

} // namespace ascsync::sandbox
