// ascsync-gui: the desktop app. Shows the setup wizard when nothing is configured yet, else the main window.
#include "ascsync/version.h"
#include "core/common/processhardening.h"
#include "core/config/settings.h"
#include "ui/common/backgroundtask.h"
#include "ui/common/quitsignals.h"
#include "ui/common/screenshottour.h"
#include "ui/main/appstartup.h"
#include "ui/wizard/wizardscreenshots.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTextStream>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

// The reverse-DNS app id names the desktop file; the organisation domain and application name are derived
// from it so the settings land where the CLI keeps them (XDG config ascsync/ascsync.conf).
void applyApplicationIdentity()
{
    const QString appId = QStringLiteral(ASCSYNC_APP_ID); // io.github.ascsync.Ascsync
    QStringList parts = appId.split(u'.');
    const QString name = parts.takeLast().toLower();
    std::reverse(parts.begin(), parts.end());
    QCoreApplication::setApplicationName(name);
    QCoreApplication::setOrganizationDomain(parts.join(u'.'));
    QCoreApplication::setApplicationVersion(QStringLiteral(ASCSYNC_VERSION));
    QGuiApplication::setApplicationDisplayName(u"ascsync"_s);
    QGuiApplication::setDesktopFileName(appId);
    // The installed theme icon when there is one (it follows the desktop's theme), else the built-in SVG.
    QApplication::setWindowIcon(QIcon::fromTheme(appId, QIcon(u":/icons/%1.svg"_s.arg(appId))));
}

// Background reads (status, history, dashboard) may still run when the window closes: their statements are
// stopped and the app waits for their threads, so static destructors never run under their feet.
int leave(int exitCode)
{
    ascsync::ui::finishBackgroundThreads();
    return exitCode;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    applyApplicationIdentity();
    // The app holds the regular key and database passwords: no core file, no same-user ptrace or
    // /proc/PID/environ. Not fatal: the app stays usable where the kernel refuses (it says so in the log).
    if (const ascsync::Status hardened = ascsync::keepSecretsOutOfCoreDumps(); !hardened) {
        qWarning("%s", qPrintable(hardened.errorMessage()));
    }
    // A logout's SIGTERM (or Ctrl-C, or a closed terminal) quits through the event loop, so the demo
    // simulator is stopped and a running sync cancelled as on File > Quit.
    ascsync::ui::QuitSignals quitSignals;
    QObject::connect(&quitSignals, &ascsync::ui::QuitSignals::quitRequested, &app, &QCoreApplication::quit);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Pulls your App Store Connect analytics, sales and finance reports into a "
        u"database you own."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption config(
        u"config"_s, u"Settings file (default: %1)."_s.arg(ascsync::config::SettingsFile::defaultPath()),
        u"FILE"_s);
    const QCommandLineOption screenshotTour(
        u"screenshot-tour"_s,
        u"Save a PNG of each screen (setup wizard with the demo account, settings, main window, Admin "
        u"setup) into DIR, then quit. Nothing is saved; see packaging/screenshots.sh."_s,
        u"DIR"_s);
    parser.addOptions({config, screenshotTour});
    parser.process(app);

    const QString settingsPath =
        parser.isSet(config) ? parser.value(config) : ascsync::config::SettingsFile::defaultPath();
    ascsync::ui::AppStartup startup(settingsPath);
    if (!parser.isSet(screenshotTour)) {
        startup.start();
        return leave(QApplication::exec());
    }
    ascsync::config::SecretStore secrets;
    ascsync::ui::ScreenshotTour tour(parser.value(screenshotTour));
    ascsync::ui::addSetupWizardScreens(tour, secrets);
    startup.addScreens(tour);
    QObject::connect(&tour, &ascsync::ui::ScreenshotTour::finished, &app, [&tour](bool ok) {
        for (const QString &failure : tour.failures()) {
            QTextStream(stderr) << "screenshot tour: " << failure << '\n';
        }
        QCoreApplication::exit(ok ? 0 : 1);
    });
    tour.start();
    return leave(QApplication::exec());
}
