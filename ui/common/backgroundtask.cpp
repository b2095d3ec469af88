#include "backgroundtask.h"

#include "uilog.h"

#include <QDeadlineTimer>
#include <QList>
#include <QMutex>

namespace ascsync::ui {

namespace {

QMutex &registryMutex()
{
    static QMutex mutex;
    return mutex;
}

QList<QThread *> &registry()
{
    static QList<QThread *> threads;
    return threads;
}

std::shared_ptr<storage::Interrupter> &interrupter()
{
    static auto shared = std::make_shared<storage::Interrupter>();
    return shared;
}

} // namespace

void trackBackgroundThread(QThread *thread)
{
    {
        const QMutexLocker lock(&registryMutex());
        registry().append(thread);
    }
    // Direct: runs in the finishing thread, before the relay's deleteLater can free `thread`.
    QObject::connect(
        thread, &QThread::finished, thread,
        [thread] {
            const QMutexLocker lock(&registryMutex());
            registry().removeAll(thread);
        },
        Qt::DirectConnection);
}

bool waitForBackgroundThreads(int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        QThread *next = nullptr;
        {
            const QMutexLocker lock(&registryMutex());
            if (registry().isEmpty()) {
                return true;
            }
            next = registry().first();
        }
        // The thread object is freed by a deleteLater that only runs in an event loop; after exec() returned
        // none runs, so `next` stays valid while we wait on it.
        if (!next->wait(deadline)) {
            return false;
        }
        const QMutexLocker lock(&registryMutex());
        registry().removeAll(next);
    }
}

storage::OpenOptions backgroundReadOptions()
{
    storage::OpenOptions options;
    options.interrupter = interrupter();
    return options;
}

void finishBackgroundThreads()
{
    for (int round = 0;; ++round) {
        interrupter()->interrupt();
        if (waitForBackgroundThreads(200)) {
            return;
        }
        if (round == 25) { // five seconds
            qCInfo(lcUi) << "waiting for background reads to end before leaving";
        }
    }
}

} // namespace ascsync::ui
