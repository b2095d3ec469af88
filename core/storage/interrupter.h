#pragma once

#include <QHash>
#include <QMutex>

#include <functional>

namespace ascsync::storage {

// Lets another thread stop what the destinations opened with it are doing (the desktop app is closing while
// a background read runs): PostgreSQL gets a cancel request for the running statement, SQLite an interrupt.
// The statement fails with an error, and the work that ran it ends as on any database error. Thread-safe.
class Interrupter {
public:
    using Stop = std::function<void()>;

    // Registers how to stop one connection; the id unregisters it (disarm) before the connection closes.
    quint64 arm(Stop stop);
    void disarm(quint64 id);

    // Stops the statement each registered connection is running. A statement started afterwards runs: call
    // again until the work has ended (the app does, while it waits for its background reads).
    void interrupt();

private:
    QMutex m_mutex; // also keeps a stop from running after its disarm() returned
    QHash<quint64, Stop> m_stops;
    quint64 m_nextId = 1;
};

} // namespace ascsync::storage
