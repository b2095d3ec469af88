#include "syncrunner.h"

#include "queuedsyncobserver.h"

#include "core/api/apiclient.h"
#include "core/config/secretstore.h"
#include "core/sync/syncengine.h"
#include "core/sync/syncsetup.h"
#include "ui/common/uilog.h"

#include <QMutex>
#include <QThread>

using namespace Qt::StringLiterals;

namespace ascsync::ui {

struct SyncRunner::RunControl {
    QMutex mutex;
    api::ApiClient *client = nullptr;
    bool cancelRequested = false;

    void setClient(api::ApiClient *newClient)
    {
        const QMutexLocker lock(&mutex);
        client = newClient;
        if (client && cancelRequested) {
            client->cancel();
        }
    }
    void cancel()
    {
        const QMutexLocker lock(&mutex);
        cancelRequested = true;
        if (client) {
            client->cancel();
        }
    }
    bool isCancelled()
    {
        const QMutexLocker lock(&mutex);
        return cancelRequested;
    }
};

namespace {

constexpr int kHistoryRuns = 20;

ActivityLevel levelFrom(int syncLevel)
{
    switch (sync::SyncObserver::Level(syncLevel)) {
    case sync::SyncObserver::Level::Warning:
        return ActivityLevel::Warning;
    case sync::SyncObserver::Level::Error:
        return ActivityLevel::Error;
    case sync::SyncObserver::Level::Info:
        break;
    }
    return ActivityLevel::Info;
}

// The whole run, on the worker thread.
SyncOutcome runOnWorker(const config::Settings &settings, SyncRunner::RunControl &control,
                        QueuedSyncObserver &observer)
{
    SyncOutcome outcome;
    config::SecretStore secrets;
    auto client = sync::openApiClient(settings, secrets);
    if (!client) {
        outcome.error = client.errorMessage();
        return outcome;
    }
    auto destination = sync::openDestination(settings, secrets);
    if (!destination) {
        outcome.error = destination.errorMessage();
        return outcome;
    }
    control.setClient(client->get());
    const auto summary =
        sync::runSync(*client.value(), *destination.value(), sync::syncOptionsFrom(settings), observer);
    control.setClient(nullptr);
    if (summary) {
        outcome.started = true;
        outcome.summary = summary.value();
    } else {
        outcome.error = summary.errorMessage();
    }
    if (auto runs = destination.value()->recentRuns(kHistoryRuns)) {
        outcome.history = runs.value();
    }
    return outcome;
}

} // namespace

QString SyncOutcome::headline() const
{
    if (!started) {
        return u"Sync could not start: "_s + error;
    }
    if (summary.cancelled) {
        return u"Sync cancelled after loading %1 units (%2 rows). The next sync continues where it "
               u"stopped."_s.arg(summary.unitsLoaded)
                   .arg(summary.rowsLoaded);
    }
    const QString counts = u"%1 units loaded (%2 rows, %3 older rows replaced), %4 already up to date, %5 "
                           u"without data, %6 not published yet"_s.arg(summary.unitsLoaded)
                               .arg(summary.rowsLoaded)
                               .arg(summary.rowsReplaced)
                               .arg(summary.unitsUpToDate)
                               .arg(summary.unitsEmpty)
                               .arg(summary.unitsPending);
    if (summary.unitsFailed > 0) {
        return u"Sync finished with %1 failed units: "_s.arg(summary.unitsFailed) + counts + u"."_s;
    }
    return u"Sync finished: "_s + counts + u"."_s;
}

SyncRunner::SyncRunner(QObject *parent)
    : QObject(parent)
{}

SyncRunner::~SyncRunner()
{
    if (m_thread) {
        m_control->cancel();
        // Shutdown only: the engine stops at its next network call, so this wait is short.
        m_thread->wait();
        delete m_thread;
    }
}

bool SyncRunner::start(const config::Settings &settings)
{
    if (m_thread) {
        return false;
    }
    m_control = std::make_shared<RunControl>();
    m_outcome = std::make_shared<SyncOutcome>();
    auto control = m_control;
    auto outcome = m_outcome;
    m_thread = QThread::create([this, settings, control, outcome] {
        // Created on the worker, so its signals reach this runner (UI thread) as queued calls.
        QueuedSyncObserver observer;
        connect(&observer, &QueuedSyncObserver::messageReceived, this,
                [this](int level, const QString &text) { Q_EMIT message(levelFrom(level), text); });
        connect(&observer, &QueuedSyncObserver::progressChanged, this, &SyncRunner::progress);
        connect(&observer, &QueuedSyncObserver::unitActivityChanged, this, &SyncRunner::unitActivity);
        *outcome = runOnWorker(settings, *control, observer);
    });
    m_thread->setObjectName(u"ascsync-sync"_s);
    connect(m_thread, &QThread::finished, this, &SyncRunner::onThreadDone);
    qCInfo(lcUi) << "sync started";
    m_thread->start();
    Q_EMIT started();
    return true;
}

void SyncRunner::cancel()
{
    if (m_control) {
        m_control->cancel();
    }
}

void SyncRunner::onThreadDone()
{
    // QThread::finished is emitted by the worker just before it ends, after every queued message it
    // posted, so the outcome is complete and in order.
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    const SyncOutcome outcome = *m_outcome;
    m_outcome.reset();
    m_control.reset();
    qCInfo(lcUi) << "sync finished; started:" << outcome.started << "ok:" << outcome.ok();
    Q_EMIT finished(outcome);
}

} // namespace ascsync::ui
