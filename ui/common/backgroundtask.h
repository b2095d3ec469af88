#pragma once

#include "core/storage/destination.h"

#include <QObject>
#include <QPointer>
#include <QThread>

#include <memory>
#include <optional>
#include <type_traits>

namespace ascsync::ui {

// Every thread runInBackground started and that has not finished yet, so the app can wait for them before
// Qt's globals go away at exit (a read still retrying must not run into a destroyed QCoreApplication).
void trackBackgroundThread(QThread *thread);
// Waits up to `timeoutMs` for the tracked threads; false when some are still running.
bool waitForBackgroundThreads(int timeoutMs);

// What the background reads open their destinations with: an interrupter the app stops them with when it
// leaves (finishBackgroundThreads).
storage::OpenOptions backgroundReadOptions();
// Stops the statements of the background reads and waits until every tracked thread has ended, stopping
// again while it waits (a read may start another statement). Every wait in them is bounded (PostgreSQL's
// connect timeout and keepalives, the API clients' timeouts), so this returns.
void finishBackgroundThreads();

// Runs `work` on a thread of its own and hands its result to `done` in `receiver`'s thread (the UI thread),
// so the synchronous core calls (ApiClient, Destination::open) never block the UI and no nested event loop
// runs in it. When `receiver` is destroyed first the result is dropped; the thread still finishes and deletes
// itself. Threads are never terminated: long work is cancelled through its own means (ApiClient::cancel).
template <typename Work, typename Done> void runInBackground(QObject *receiver, Work work, Done done)
{
    using Outcome = std::invoke_result_t<Work &>;
    auto outcome = std::make_shared<std::optional<Outcome>>();
    QThread *thread =
        QThread::create([outcome, work = std::move(work)]() mutable { outcome->emplace(work()); });
    // The relay lives in the caller's thread and does not die with `receiver`, so the thread's end is always
    // handled and the QThread object always freed.
    auto *relay = new QObject;
    const QPointer<QObject> guard(receiver);
    QObject::connect(thread, &QThread::finished, relay,
                     [thread, relay, guard, outcome, done = std::move(done)]() mutable {
                         if (guard && outcome->has_value()) {
                             done(std::move(**outcome));
                         }
                         thread->deleteLater();
                         relay->deleteLater();
                     });
    trackBackgroundThread(thread);
    thread->start();
}

} // namespace ascsync::ui
