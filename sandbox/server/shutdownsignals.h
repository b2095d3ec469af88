#pragma once

#include <QObject>

class QSocketNotifier;

namespace ascsync::sandbox {

// Turns SIGINT and SIGTERM into a Qt signal (through a socket pair, the only async-signal-safe way), so
// Ctrl-C or `kill` ends the simulator through its event loop: the temporary state directory is removed
// and the requests log is complete. One instance per process.
class ShutdownSignals : public QObject {
    Q_OBJECT

public:
    explicit ShutdownSignals(QObject *parent = nullptr);
    ~ShutdownSignals() override;

Q_SIGNALS:
    void shutdownRequested(int signalNumber);

private:
    void readSignal();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace ascsync::sandbox
