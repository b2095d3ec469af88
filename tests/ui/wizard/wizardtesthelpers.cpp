#include "wizardtesthelpers.h"

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace wizardtest {

QString uniqueKeychainService()
{
    return u"io.github.ascsync.tests.wizard."_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString writeFile(const QString &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = QDir(dir).filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) {
        qFatal("cannot write a test file");
    }
    return path;
}

QString visibleText(const QWidget *root, const char *labelName)
{
    const auto *label = find<QLabel>(root, labelName);
    if (label == nullptr) {
        qFatal("no label %s", labelName);
    }
    return label->isVisibleTo(root) ? label->text() : QString();
}

} // namespace wizardtest
