#pragma once

#include <QObject>

namespace ascsync::api {

// The QObject an ApiClient hangs its in-flight work on, in the client's thread: replies and the timers of
// pending waits are its children, and queued results are delivered through it. Destroying it (with the
// client) drops that work without calling back. `cancelled` ends every wait at once.
class ClientContext : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

Q_SIGNALS:
    void cancelled();
};

} // namespace ascsync::api
