#include "queuedsyncobserver.h"

namespace ascsync::ui {

void QueuedSyncObserver::message(Level level, const QString &text)
{
    Q_EMIT messageReceived(int(level), text);
}

void QueuedSyncObserver::progress(const QString &stream, int done, int total)
{
    Q_EMIT progressChanged(stream, done, total);
}

void QueuedSyncObserver::unitActivity(const sync::UnitActivity &activity)
{
    Q_EMIT unitActivityChanged(activity);
}

} // namespace ascsync::ui
