// Holds the demo simulator as ascsync-gui does (DemoSandbox, QuitSignals), for tst_demosandbox: prints
// "ready PID" (the simulator's process id) once the simulator is up, and quits through its event loop on
// SIGTERM, SIGINT or SIGHUP. The test then ends this process in each way and checks the simulator goes too.
#include "ascsync/testpaths.h"
#include "ui/common/demosandbox.h"
#include "ui/common/quitsignals.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    ascsync::ui::QuitSignals quitSignals;
    QObject::connect(&quitSignals, &ascsync::ui::QuitSignals::quitRequested, &app, &QCoreApplication::quit);
    ascsync::ui::DemoSandbox demo;
    demo.setExecutable(QStringLiteral(ASCSYNC_SANDBOX_PATH));
    QObject::connect(&demo, &ascsync::ui::DemoSandbox::ready, &app, [&demo] {
        std::printf("ready %lld\n", static_cast<long long>(demo.processId()));
        std::fflush(stdout);
    });
    QObject::connect(&demo, &ascsync::ui::DemoSandbox::failed, &app, [](const QString &message) {
        std::fprintf(stderr, "%s\n", qPrintable(message));
        QCoreApplication::exit(1);
    });
    demo.start();
    return QCoreApplication::exec();
}
