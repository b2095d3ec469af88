// ascsync-gui: the desktop app. Shows the main window (or its "Run setup" state when nothing is configured).
#include "config/settings.h"
#include "main/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

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

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    applyApplicationIdentity();

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Pulls your App Store Connect analytics, sales and finance reports into a "
        u"database you own."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption config(
        u"config"_s, u"Settings file (default: %1)."_s.arg(ascsync::config::SettingsFile::defaultPath()),
        u"FILE"_s);
    parser.addOption(config);
    parser.process(app);

    const QString settingsPath =
        parser.isSet(config) ? parser.value(config) : ascsync::config::SettingsFile::defaultPath();
    ascsync::ui::MainWindow window(settingsPath);
    window.show();
    return QApplication::exec();
}
