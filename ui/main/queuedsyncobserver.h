#pragma once

#include "core/sync/syncobserver.h"

#include <QObject>

namespace ascsync::ui {

// The sync engine's observer on the worker thread: each call becomes a signal, which reaches receivers in the
// UI thread as a queued call, so the engine never waits on the UI and the UI never touches the engine.
class QueuedSyncObserver : public QObject, public sync::SyncObserver {
    Q_OBJECT
public:
    using QObject::QObject;

    void message(Level level, const QString &text) override;
    void progress(const QString &stream, int done, int total) override;
    void unitActivity(const sync::UnitActivity &activity) override;

Q_SIGNALS:
    // `level` is a sync::SyncObserver::Level as int (a plain type crosses threads without registration).
    void messageReceived(int level, const QString &text);
    void progressChanged(const QString &stream, int done, int total);
    void unitActivityChanged(const ascsync::sync::UnitActivity &activity);
};

} // namespace ascsync::ui
