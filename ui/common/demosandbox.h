#pragma once

#include <QObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrl>

#include <memory>

namespace ascsync::ui {

// The credentials of the simulator's read-only ("reader") team key, as the setup wizard needs them.
struct DemoAccount {
    QString issuerId;
    QString keyId;
    QString keyFile; // AuthKey_<KEYID>.p8 in the simulator's state directory
    QString vendorNumber;
    QUrl apiBaseUrl; // http://127.0.0.1:PORT
    // The simulator's Admin key (same issuer), for trying the Admin Setup dialog; never stored anywhere.
    QString adminKeyId;
    QString adminKeyFile;
};

// A demo App Store Connect account: the `ascsync-sandbox` simulator run as a child process on a free loopback
// port, with a small generated world. It runs as long as this object lives (the main window keeps it after
// the setup wizard closes, by taking it over with setParent()); its state directory is temporary. start()
// returns at once; ready() or failed() follows, never both, and the UI thread never waits.
class DemoSandbox : public QObject {
    Q_OBJECT
public:
    explicit DemoSandbox(QObject *parent = nullptr);
    ~DemoSandbox() override;

    // $ASCSYNC_SANDBOX_PATH, else ascsync-sandbox beside the running executable, else in PATH; empty when
    // none has it.
    static QString findExecutable();
    // The world the demo shows: 3 apps (one without report requests), light traffic and a month of history,
    // so a first sync is quick and small.
    static QStringList defaultWorldArguments();
    // What the demo syncs: the conversion reports, daily sales and finance (as the command line's demo).
    static QStringList demoStreams();

    void setExecutable(const QString &path) { m_executable = path; }
    void setWorldArguments(const QStringList &arguments) { m_worldArguments = arguments; }

    void start();
    void stop();
    bool isRunning() const { return m_ready && m_process->state() == QProcess::Running; }
    bool isStarting() const { return m_starting; }
    qint64 processId() const { return m_process->processId(); }
    const DemoAccount &account() const { return m_account; }

Q_SIGNALS:
    void ready(const ascsync::ui::DemoAccount &account);
    void failed(const QString &message);
    // The simulator ended after it was ready (crashed or killed from outside).
    void stopped();

private:
    void readOutput();
    void fail(const QString &message);
    bool loadCredentials(const QUrl &apiBaseUrl, QString *error);

    QString m_executable;
    QStringList m_worldArguments;
    QProcess *m_process;
    QTimer m_startTimeout;
    std::unique_ptr<QTemporaryDir> m_stateDir;
    QByteArray m_output;
    DemoAccount m_account;
    bool m_starting = false;
    bool m_ready = false;
};

} // namespace ascsync::ui
