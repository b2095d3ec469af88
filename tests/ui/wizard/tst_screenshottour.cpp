// The screenshot tour (packaging/screenshots.sh, ascsync-gui --screenshot-tour) saves one picture per screen,
// driving the wizard through the demo account.
#include "ascsync/testpaths.h"
#include "core/config/secretstore.h"
#include "ui/common/screenshottour.h"
#include "ui/wizard/wizardscreenshots.h"

#include <QDir>
#include <QImage>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestScreenshotTour : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void savesEveryScreen()
    {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("ASCSYNC_SANDBOX_PATH", ASCSYNC_SANDBOX_PATH);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        ascsync::config::SecretStore secrets(u"io.github.ascsync.tests.tour"_s);
        ascsync::ui::ScreenshotTour tour(dir.path());
        ascsync::ui::addSetupWizardScreens(tour, secrets);
        QSignalSpy finished(&tour, &ascsync::ui::ScreenshotTour::finished);
        tour.start();
        QVERIFY(finished.wait(120'000));
        QVERIFY2(finished.first().first().toBool(), qPrintable(tour.failures().join(u"; "_s)));
        const QStringList files = QDir(dir.path()).entryList({u"*.png"_s}, QDir::Files, QDir::Name);
        QCOMPARE(files.size(), 12);
        QCOMPARE(files.first(), u"01-wizard-welcome.png"_s);
        for (const QString &file : files) {
            const QImage image(dir.filePath(file));
            QVERIFY2(image.width() >= 600 && image.height() >= 400, qPrintable(file));
        }
    }
};

QTEST_MAIN(TestScreenshotTour)
#include "tst_screenshottour.moc"
