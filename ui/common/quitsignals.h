#pragma once

#include <QObject>

class QSocketNotifier;

namespace ascsync::ui {

// Turns SIGTERM (a desktop logout, `kill`), SIGINT (Ctrl-C) and SIGHUP (the terminal went away) into a Qt
// signal, through a socket pair (the only async-signal-safe way), so the app quits through its event loop
// and its destructors run: the demo simulator is stopped, a sync is cancelled. One instance per process.
class QuitSignals : public QObject {
    Q_OBJECT
public:
    explicit QuitSignals(QObject *parent = nullptr);
    ~QuitSignals() override;

    bool isWatching() const { return m_notifier != nullptr; }

Q_SIGNALS:
    void quitRequested(int signalNumber);

private:
    void readSignal();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace ascsync::ui
