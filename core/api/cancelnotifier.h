#pragma once

#include <QObject>

namespace ascsync::api {

// Lives in the API client's thread and owns its in-flight replies; `cancelled` wakes any wait in progress.
class CancelNotifier : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

Q_SIGNALS:
    void cancelled();
};

} // namespace ascsync::api
