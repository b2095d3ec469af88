#pragma once

#include <QObject>
#include <QTemporaryDir>

#include <memory>

// What only the SQLite back-end has: the attached file and its journal, and the ways a path can be unusable.
class SqliteDestinationTests : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void fileIsAttachedUnderTheSchema();
    void missingFoldersAreCreated();
    void unusablePaths_data();
    void unusablePaths();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};
