#pragma once

#include "activitylogmodel.h"

#include "core/config/settings.h"
#include "core/storage/runrecord.h"
#include "core/sync/syncobserver.h"
#include "core/sync/syncsummary.h"

#include <QObject>

#include <memory>

class QThread;

namespace ascsync::ui {

// How a sync run ended, for the main window and the tray.
struct SyncOutcome {
    bool started = false;      // false: the run could not begin (no key, destination unreachable, locked)
    QString error;             // why it did not start or stopped early
    sync::SyncSummary summary; // valid when started
    QList<storage::RunRecord> history; // the destination's recent runs, newest first, read after the run
    QString headline() const;          // one sentence: "Sync finished: 12 units loaded ..."
    bool ok() const { return started && error.isEmpty() && summary.ok(); }
};

// Runs sync::runSync on a worker thread of its own: the API client, the keychain read and the destination are
// created, used and destroyed on that thread (they are synchronous and thread-affine). Messages and progress
// arrive as queued signals; cancel() reaches the client from the UI thread through ApiClient::cancel().
class SyncRunner : public QObject {
    Q_OBJECT
public:
    explicit SyncRunner(QObject *parent = nullptr);
    // Cancels a run in progress and waits for its thread: the engine stops at its next network call.
    ~SyncRunner() override;

    bool isRunning() const { return m_thread != nullptr; }

    // Shared by the UI thread (cancel) and the worker (its API client, while it exists).
    struct RunControl;

public Q_SLOTS:
    // Starts a run with `settings`; ignored (false) while one is running.
    bool start(const ascsync::config::Settings &settings);
    void cancel();

Q_SIGNALS:
    void started();
    void message(ascsync::ui::ActivityLevel level, const QString &text);
    void progress(const QString &stream, int done, int total);
    void unitActivity(const ascsync::sync::UnitActivity &activity);
    void finished(const ascsync::ui::SyncOutcome &outcome);

private:
    void onThreadDone();

    QThread *m_thread = nullptr;
    std::shared_ptr<RunControl> m_control;
    std::shared_ptr<SyncOutcome> m_outcome;
};

} // namespace ascsync::ui
