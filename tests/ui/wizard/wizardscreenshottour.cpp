// Saves a PNG of each setup screen into the folder given (packaging/screenshots.sh), until ascsync-gui
// offers the same tour as --screenshot-tour.
#include "common/screenshottour.h"
#include "config/secretstore.h"
#include "wizard/wizardscreenshots.h"

#include <QApplication>
#include <QTextStream>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"ascsync"_s);
    const QStringList arguments = QApplication::arguments();
    if (arguments.size() != 2) {
        QTextStream(stderr) << "usage: wizard-screenshot-tour OUTPUT_DIR\n";
        return 2;
    }
    if (qEnvironmentVariableIsEmpty("ASCSYNC_SANDBOX_PATH")) {
        qputenv("ASCSYNC_SANDBOX_PATH", ASCSYNC_SANDBOX_PATH);
    }
    ascsync::config::SecretStore secrets;
    ascsync::ui::ScreenshotTour tour(arguments.at(1));
    ascsync::ui::addSetupWizardScreens(tour, secrets);
    QObject::connect(&tour, &ascsync::ui::ScreenshotTour::finished, &app, [&tour](bool ok) {
        for (const QString &failure : tour.failures()) {
            QTextStream(stderr) << "screenshot tour: " << failure << '\n';
        }
        QCoreApplication::exit(ok ? 0 : 1);
    });
    tour.start();
    return QApplication::exec();
}
