#include "sandboxprocess.h"

#include "ascsync/testpaths.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QtDebug>

SandboxProcess::~SandboxProcess()
{
    stop();
}

bool SandboxProcess::start(const QString &stateDir, const QStringList &arguments)
{
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_process.start(
        QStringLiteral(ASCSYNC_SANDBOX_PATH),
        QStringList{QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--state-dir"), stateDir} +
            arguments);
    if (!m_process.waitForStarted(10000)) {
        qWarning() << "sandbox did not start:" << m_process.errorString();
        return false;
    }
    while (!m_process.canReadLine()) {
        if (!m_process.waitForReadyRead(60000)) {
            qWarning() << "sandbox printed nothing:" << m_process.readAllStandardError();
            return false;
        }
    }
    const QByteArray first = m_process.readLine().trimmed();
    if (!first.startsWith("listening on ")) {
        qWarning() << "unexpected first line:" << first;
        return false;
    }
    m_apiBaseUrl = QString::fromLatin1(first.mid(13));
    QFile file(QDir(stateDir).filePath(QStringLiteral("credentials.json")));
    if (!file.open(QIODevice::ReadOnly)) {
        qWarning() << "no credentials.json";
        return false;
    }
    m_credentials = QJsonDocument::fromJson(file.readAll()).object();
    return true;
}

void SandboxProcess::stop()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(5000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
}

QStringList SandboxProcess::keyArguments(const QString &which) const
{
    const QJsonObject key = m_credentials.value(which).toObject();
    return {QStringLiteral("--issuer-id"),    key.value(QStringLiteral("issuerId")).toString(),
            QStringLiteral("--key-id"),       key.value(QStringLiteral("keyId")).toString(),
            QStringLiteral("--key-file"),     key.value(QStringLiteral("keyFile")).toString(),
            QStringLiteral("--api-base-url"), m_apiBaseUrl};
}

CliRun runAscsync(const QStringList &arguments, const QStringList &environment, int timeoutMs)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &entry : environment) {
        env.insert(entry.section(QLatin1Char('='), 0, 0), entry.section(QLatin1Char('='), 1));
    }
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(ASCSYNC_CLI_PATH), arguments);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return {-1, process.readAllStandardOutput(), "timed out: " + process.readAllStandardError()};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput(), process.readAllStandardError()};
}
