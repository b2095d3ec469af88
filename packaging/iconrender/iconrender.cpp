// ascsync-iconrender: renders the SVG app icon into the hicolor PNG sizes at build time, so the repository
// holds no generated binaries. Usage: ascsync-iconrender <icon.svg> <output dir> <icon name> <size>...
// writes <output dir>/<size>x<size>/apps/<icon name>.png for each size.
#include <QCoreApplication>
#include <QDir>
#include <QImage>
#include <QPainter>
#include <QStringList>
#include <QSvgRenderer>
#include <QTextStream>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

int failWith(const QString &message)
{
    QTextStream(stderr) << "ascsync-iconrender: " << message << Qt::endl;
    return 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() < 5) {
        return failWith(u"usage: ascsync-iconrender <icon.svg> <output dir> <icon name> <size>..."_s);
    }
    QSvgRenderer renderer(arguments.at(1));
    if (!renderer.isValid()) {
        return failWith(u"%1 is not a valid SVG file."_s.arg(arguments.at(1)));
    }
    for (const QString &sizeText : arguments.mid(4)) {
        bool ok = false;
        const int size = sizeText.toInt(&ok);
        if (!ok || size < 8 || size > 1024) {
            return failWith(u"\"%1\" is not an icon size (8 to 1024)."_s.arg(sizeText));
        }
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        {
            QPainter painter(&image);
            painter.setRenderHint(QPainter::Antialiasing);
            painter.setRenderHint(QPainter::SmoothPixmapTransform);
            renderer.render(&painter, QRectF(0, 0, size, size));
        }
        const QString directory = QDir(arguments.at(2)).filePath(u"%1x%1/apps"_s.arg(size));
        const QString path = QDir(directory).filePath(arguments.at(3) + u".png"_s);
        if (!QDir().mkpath(directory) || !image.save(path, "PNG")) {
            return failWith(u"cannot write %1."_s.arg(path));
        }
    }
    return 0;
}
