#include "quitsignals.h"

#include "uilog.h"

#include <QSocketNotifier>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace ascsync::ui {

namespace {

constexpr int kSignals[] = {SIGTERM, SIGINT, SIGHUP};
int g_signalPipe[2] = {-1, -1};

void forwardSignal(int signalNumber)
{
    const char byte = char(signalNumber);
    [[maybe_unused]] const ssize_t written = ::write(g_signalPipe[0], &byte, 1);
}

} // namespace

QuitSignals::QuitSignals(QObject *parent)
    : QObject(parent)
{
    if (g_signalPipe[0] >= 0 || ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_signalPipe) != 0) {
        qCWarning(lcUi) << "cannot watch SIGTERM/SIGINT/SIGHUP; they will end the app abruptly";
        return;
    }
    m_notifier = new QSocketNotifier(g_signalPipe[1], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &QuitSignals::readSignal);
    struct sigaction action = {};
    action.sa_handler = forwardSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (const int signalNumber : kSignals) {
        sigaction(signalNumber, &action, nullptr);
    }
}

QuitSignals::~QuitSignals()
{
    if (!m_notifier) {
        return;
    }
    for (const int signalNumber : kSignals) {
        std::signal(signalNumber, SIG_DFL);
    }
    delete m_notifier;
    m_notifier = nullptr;
    ::close(g_signalPipe[0]);
    ::close(g_signalPipe[1]);
    g_signalPipe[0] = g_signalPipe[1] = -1;
}

void QuitSignals::readSignal()
{
    char byte = 0;
    if (::read(g_signalPipe[1], &byte, 1) == 1) {
        qCInfo(lcUi) << "quitting on signal" << int(byte);
        Q_EMIT quitRequested(int(byte));
    }
}

} // namespace ascsync::ui
