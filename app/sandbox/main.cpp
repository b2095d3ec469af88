// ascsync-sandbox: the loopback App Store Connect simulator (see --help).

#include "ascsync/version.h"
#include "sandbox/server/sandboxoptions.h"
#include "sandbox/server/sandboxserver.h"
#include "sandbox/server/shutdownsignals.h"

#include <QCoreApplication>

#include <cstdio>
#include <cstdlib>

using namespace Qt::StringLiterals;

namespace {

void printLine(FILE *stream, const QString &line)
{
    std::fputs(qUtf8Printable(line + u'\n'), stream);
    std::fflush(stream); // scripts and tests wait for these lines on a pipe
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"ascsync-sandbox"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(ASCSYNC_VERSION));

    using ascsync::sandbox::SandboxOptionsParser;
    const SandboxOptionsParser::Outcome parsed = SandboxOptionsParser::parse(QCoreApplication::arguments());
    if (parsed.helpRequested) {
        printLine(stdout, SandboxOptionsParser::helpText());
        return 0;
    }
    if (!parsed.error.isEmpty()) {
        printLine(stderr, u"ascsync-sandbox: %1 (see --help)"_s.arg(parsed.error));
        return 2;
    }

    // Ctrl-C and `kill` end the event loop, so the destructors clean up (e.g. a temporary state directory).
    ascsync::sandbox::ShutdownSignals shutdown;
    QObject::connect(&shutdown, &ascsync::sandbox::ShutdownSignals::shutdownRequested, &app,
                     &QCoreApplication::quit);

    ascsync::sandbox::SandboxServer server(parsed.options);
    QString error;
    if (!server.start(&error)) {
        printLine(stderr, u"ascsync-sandbox: %1"_s.arg(error));
        return 1;
    }
    printLine(stdout, u"listening on "_s + server.apiOrigin());
    printLine(stdout, u"segments on "_s + server.segmentOrigin());
    printLine(stdout, u"state in %1%2 (credentials.json, today %3)"_s.arg(
                          server.stateDirectory(),
                          server.usesTemporaryStateDirectory() ? u", a temporary directory removed on exit"_s
                                                               : QString(),
                          server.today().toString(Qt::ISODate)));
    const int exitCode = QCoreApplication::exec();
    if (server.isBusy()) {
        // A signal ended the loop while a handler generates a large report (up to a minute): nothing of it
        // is worth waiting for. Leave now, without the destructors that would wait.
        server.removeTemporaryStateDirectory();
        std::fflush(nullptr);
        std::_Exit(exitCode);
    }
    return exitCode;
}
