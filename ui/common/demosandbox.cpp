#include "demosandbox.h"

#include "uilog.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace ascsync::ui {

namespace {

constexpr int kStartTimeoutMs = 60'000;
constexpr int kDemoHistoryDays = 30;
const QString kExecutableName = u"ascsync-sandbox"_s;

} // namespace

DemoSandbox::DemoSandbox(QObject *parent)
    : QObject(parent)
    , m_executable(findExecutable())
    , m_worldArguments(defaultWorldArguments())
    , m_process(new QProcess(this))
{
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    // The simulator ends with the app however the app ends, a crash or SIGKILL included: the kernel sends it
    // SIGTERM when the thread that started it (this, the UI thread) is gone. Should the app have ended
    // before the child got this far, it leaves at once. Only async-signal-safe calls here (after fork()).
    const pid_t app = ::getpid();
    m_process->setChildProcessModifier([app] {
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != app) {
            ::_exit(1);
        }
    });
    m_startTimeout.setSingleShot(true);
    m_startTimeout.setInterval(kStartTimeoutMs);
    connect(&m_startTimeout, &QTimer::timeout, this, [this] {
        fail(u"The demo simulator did not start within %1 seconds. Try again; if it keeps failing, run "
             u"ascsync-sandbox --port 0 in a terminal to see why."_s.arg(kStartTimeoutMs / 1000));
    });
    connect(m_process, &QProcess::readyReadStandardOutput, this, &DemoSandbox::readOutput);
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart) {
            fail(u"The demo simulator %1 could not be started (%2). Reinstall ascsync, which ships it."_s.arg(
                m_executable, m_process->errorString()));
        }
    });
    connect(m_process, &QProcess::finished, this, [this](int exitCode, QProcess::ExitStatus) {
        if (m_starting) {
            const QString detail = QString::fromUtf8(m_process->readAllStandardError()).trimmed();
            fail(
                u"The demo simulator stopped while starting (exit code %1)%2. Try again."_s.arg(exitCode).arg(
                    detail.isEmpty() ? QString() : u": "_s + detail));
        } else if (m_ready) {
            m_ready = false;
            qCWarning(lcUi) << "demo simulator ended with exit code" << exitCode;
            Q_EMIT stopped();
        }
    });
}

DemoSandbox::~DemoSandbox()
{
    stop();
}

QString DemoSandbox::findExecutable()
{
    // For developers and tests running from a build tree, where the simulator lives in another folder.
    if (const QString configured = qEnvironmentVariable("ASCSYNC_SANDBOX_PATH"); !configured.isEmpty()) {
        return configured;
    }
    const QString beside = QDir(QCoreApplication::applicationDirPath()).filePath(kExecutableName);
    if (QFileInfo(beside).isExecutable()) {
        return beside;
    }
    return QStandardPaths::findExecutable(kExecutableName);
}

QStringList DemoSandbox::defaultWorldArguments()
{
    // A month of history, as the command line's demo (packaging/run-app.sh): without it the simulator serves
    // every report since 2024, gigabytes and many minutes for a "try it" click.
    const QDate historyStart = QDateTime::currentDateTimeUtc().date().addDays(-kDemoHistoryDays);
    return {u"--apps"_s,          u"3"_s,   u"--enabled-apps"_s,  u"2"_s,
            u"--traffic-scale"_s, u"0.1"_s, u"--history-start"_s, historyStart.toString(Qt::ISODate)};
}

QStringList DemoSandbox::demoStreams()
{
    // In the order the settings editor writes them back (catalogue order), so a saved demo compares equal.
    return {u"analytics:discovery_and_engagement"_s, u"analytics:downloads"_s, u"sales:SALES/SUMMARY/DAILY"_s,
            u"finance"_s};
}

void DemoSandbox::start()
{
    if (m_starting || isRunning()) {
        return;
    }
    if (m_executable.isEmpty()) {
        Q_EMIT failed(
            u"The demo needs the simulator ascsync-sandbox, which was found neither beside %1 nor "
            u"in PATH. Reinstall ascsync, which ships it."_s.arg(QCoreApplication::applicationDirPath()));
        return;
    }
    m_stateDir = std::make_unique<QTemporaryDir>(QDir::temp().filePath(u"ascsync-demo-XXXXXX"_s));
    if (!m_stateDir->isValid()) {
        Q_EMIT failed(u"The demo could not create a temporary folder (%1). Free some disk space and try "
                      u"again."_s.arg(m_stateDir->errorString()));
        return;
    }
    m_output.clear();
    m_account = {};
    m_starting = true;
    m_startTimeout.start();
    qCInfo(lcUi) << "starting demo simulator" << m_executable << m_worldArguments;
    m_process->start(m_executable, QStringList{u"--port"_s, u"0"_s, u"--state-dir"_s, m_stateDir->path()} +
                                       m_worldArguments);
}

void DemoSandbox::stop()
{
    m_startTimeout.stop();
    m_starting = false;
    m_ready = false;
    if (m_process->state() != QProcess::NotRunning) {
        // SIGTERM lets the simulator close its sockets; it exits within milliseconds.
        m_process->terminate();
        if (!m_process->waitForFinished(3000)) {
            m_process->kill();
            m_process->waitForFinished(3000);
        }
    }
}

void DemoSandbox::readOutput()
{
    m_output += m_process->readAllStandardOutput();
    if (!m_starting) {
        return;
    }
    const qsizetype end = m_output.indexOf('\n');
    if (end < 0) {
        return;
    }
    const QByteArray first = m_output.left(end).trimmed();
    const QByteArray prefix = QByteArrayLiteral("listening on ");
    if (!first.startsWith(prefix)) {
        fail(u"The demo simulator answered in an unexpected way (\"%1\"). Reinstall ascsync."_s.arg(
            QString::fromUtf8(first)));
        return;
    }
    const QUrl apiBaseUrl(QString::fromUtf8(first.mid(prefix.size())));
    QString error;
    if (!loadCredentials(apiBaseUrl, &error)) {
        fail(error);
        return;
    }
    m_startTimeout.stop();
    m_starting = false;
    m_ready = true;
    qCInfo(lcUi) << "demo simulator ready at" << apiBaseUrl.toString();
    Q_EMIT ready(m_account);
}

bool DemoSandbox::loadCredentials(const QUrl &apiBaseUrl, QString *error)
{
    QFile file(QDir(m_stateDir->path()).filePath(u"credentials.json"_s));
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"The demo simulator wrote no credentials (%1). Try again."_s.arg(file.errorString());
        return false;
    }
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    // The reader key (roles SALES and FINANCE) is what a regular ascsync user has; the admin key stays in
    // the simulator's folder for the Admin Setup dialog.
    const QJsonObject reader = root.value(u"reader"_s).toObject();
    m_account.issuerId = reader.value(u"issuerId"_s).toString();
    m_account.keyId = reader.value(u"keyId"_s).toString();
    m_account.keyFile = reader.value(u"keyFile"_s).toString();
    m_account.vendorNumber = root.value(u"vendorNumber"_s).toString();
    const QJsonObject admin = root.value(u"admin"_s).toObject();
    m_account.adminKeyId = admin.value(u"keyId"_s).toString();
    m_account.adminKeyFile = admin.value(u"keyFile"_s).toString();
    m_account.apiBaseUrl = apiBaseUrl;
    if (m_account.issuerId.isEmpty() || m_account.keyId.isEmpty() || m_account.keyFile.isEmpty() ||
        !apiBaseUrl.isValid()) {
        *error = u"The demo simulator's credentials are incomplete. Try again."_s;
        return false;
    }
    return true;
}

void DemoSandbox::fail(const QString &message)
{
    if (!m_starting) {
        return;
    }
    qCWarning(lcUi) << "demo simulator failed:" << message;
    stop();
    Q_EMIT failed(message);
}

} // namespace ascsync::ui
