#pragma once

// Small helpers the wizard and settings dialog suites share: find widgets as a user sees them (by
// objectName), and keep each run's keychain entries apart.

#include <QAbstractButton>
#include <QString>
#include <QTest>
#include <QWidget>

namespace wizardtest {

// The widget named `name` under `root`, or nullptr (the caller QVERIFYs it).
template <typename T> T *find(const QWidget *root, const char *name)
{
    return root->findChild<T *>(QString::fromLatin1(name));
}

// A keychain service of its own per run, so runs never see each other's entries.
QString uniqueKeychainService();

// Writes `bytes` to `dir`/`name` and returns the path.
QString writeFile(const QString &dir, const QString &name, const QByteArray &bytes);

// The visible text of a (validation) label, or empty when it is hidden.
QString visibleText(const QWidget *root, const char *labelName);

} // namespace wizardtest
