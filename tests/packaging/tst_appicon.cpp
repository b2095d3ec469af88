// The app icon as users see it: the SVG in the Qt resources (the desktop app's window icon) and the hicolor
// PNG sizes rendered from it at build time.
#include "ascsync/testpaths.h"
#include "ascsync/version.h"

#include <QFile>
#include <QImage>
#include <QSvgRenderer>
#include <QTest>

using namespace Qt::StringLiterals;

class TestAppIcon : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void resourceHoldsTheSvg();
    void pngSizesAreRendered_data();
    void pngSizesAreRendered();
};

void TestAppIcon::resourceHoldsTheSvg()
{
    const QString path = u":/icons/" ASCSYNC_APP_ID ".svg"_s;
    QVERIFY2(QFile::exists(path), qPrintable(path));
    QSvgRenderer renderer(path);
    QVERIFY(renderer.isValid());
    QCOMPARE(renderer.defaultSize(), QSize(128, 128));
    // The resource is the installed scalable icon, byte for byte.
    QFile resource(path);
    QFile source(QStringLiteral(ASCSYNC_SOURCE_DIR "/resources/icons/" ASCSYNC_APP_ID ".svg"));
    QVERIFY(resource.open(QIODevice::ReadOnly) && source.open(QIODevice::ReadOnly));
    QCOMPARE(resource.readAll(), source.readAll());
}

void TestAppIcon::pngSizesAreRendered_data()
{
    QTest::addColumn<int>("size");
    for (const int size : {16, 24, 32, 48, 64, 128, 256}) {
        QTest::addRow("%dx%d", size, size) << size;
    }
}

void TestAppIcon::pngSizesAreRendered()
{
    QFETCH(int, size);
    const QString path =
        QStringLiteral(ASCSYNC_BINARY_DIR "/share/icons/hicolor/%1x%1/apps/" ASCSYNC_APP_ID ".png").arg(size);
    const QImage image(path);
    QVERIFY2(!image.isNull(), qPrintable(path));
    QCOMPARE(image.size(), QSize(size, size));
    QVERIFY(image.hasAlphaChannel());
    QCOMPARE(qAlpha(image.pixel(0, 0)), 0);                 // transparent outside the rounded tile
    QCOMPARE(qAlpha(image.pixel(size / 2, size / 2)), 255); // opaque inside it
}

QTEST_GUILESS_MAIN(TestAppIcon)
#include "tst_appicon.moc"
