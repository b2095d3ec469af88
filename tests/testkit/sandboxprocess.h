#pragma once

// The real `ascsync-sandbox` executable, started for one test on free loopback ports.

#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>

class SandboxProcess {
public:
    ~SandboxProcess();
    // Starts the simulator with `arguments` plus --port 0 and --state-dir `stateDir`; false (with qWarning)
    // on failure.
    bool start(const QString &stateDir, const QStringList &arguments);
    void stop();

    QString apiBaseUrl() const { return m_apiBaseUrl; }
    QJsonObject credentials() const { return m_credentials; } // credentials.json
    QString vendorNumber() const { return m_credentials.value(QStringLiteral("vendorNumber")).toString(); }
    // --issuer-id, --key-id, --key-file and --api-base-url for the named key ("reader" or "admin").
    QStringList keyArguments(const QString &which) const;

private:
    QProcess m_process;
    QString m_apiBaseUrl;
    QJsonObject m_credentials;
};

struct CliRun {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Runs the real `ascsync` executable; environment additions in `environment` (NAME=VALUE).
CliRun runAscsync(const QStringList &arguments, const QStringList &environment = {}, int timeoutMs = 600000);
