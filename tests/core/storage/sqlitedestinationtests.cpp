#include "sqlitedestinationtests.h"

#include "storagetesthelpers.h"

#include "ascsync/testpaths.h"
#include "core/storage/destination.h"
#include "core/storage/sqlitedestination.h"
#include "tests/testkit/readonlyguard.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ascsync;
using namespace ascsync::storage;
using namespace storagetest;

namespace {

bool canCreateIn(const QString &folder)
{
    QFile probe(QDir(folder).filePath(u"probe"_s));
    if (!probe.open(QIODevice::WriteOnly))
        return false;
    probe.close();
    probe.remove();
    return true;
}

Result<std::unique_ptr<Destination>> openPath(const QString &path)
{
    const Result<DestinationSpec> spec = DestinationSpec::parse(u"sqlite:"_s + path);
    if (!spec)
        return spec.error();
    return Destination::open(spec.value());
}

} // namespace

void SqliteDestinationTests::initTestCase()
{
    // Under the build folder rather than /tmp: the read-only tests need a file system with chattr support.
    m_dir = std::make_unique<QTemporaryDir>(QStringLiteral(ASCSYNC_BINARY_DIR "/storage-test-XXXXXX"));
    QVERIFY2(m_dir->isValid(), qPrintable(m_dir->errorString()));
}

void SqliteDestinationTests::fileIsAttachedUnderTheSchema()
{
    const QString path = m_dir->filePath(u"attached.db"_s);
    const Result<DestinationSpec> spec = DestinationSpec::parse(u"sqlite:"_s + path, u"my_schema"_s);
    QVERIFY(spec);
    const Result<std::unique_ptr<Destination>> opened = Destination::open(spec.value());
    QVERIFY2(opened, qPrintable(opened.errorMessage()));
    Destination &destination = *opened.value();

    const Result<QList<QStringList>> databases =
        fetch(destination, u"SELECT name, file FROM pragma_database_list ORDER BY seq"_s);
    QVERIFY2(databases, qPrintable(databases.errorMessage()));
    QCOMPARE(databases->size(), 2);
    QCOMPARE(databases->at(0), (QStringList{u"main"_s, u""_s})); // ":memory:"
    QCOMPARE(databases->at(1), (QStringList{u"my_schema"_s, path}));
    QCOMPARE(fetch(destination, u"PRAGMA my_schema.journal_mode"_s).value(),
             (QList<QStringList>{{u"wal"_s}}));
    QCOMPARE(fetch(destination, u"PRAGMA busy_timeout"_s).value(),
             (QList<QStringList>{{QString::number(SqliteDestination::BusyTimeoutMs)}}));

    // Tables land in the file, not in the in-memory main database.
    QVERIFY(createAndLoad(destination, u"t"_s, {{u"a"_s, ColumnType::Text}}, {{u"v"_s}}));
    QCOMPARE(fetch(destination, u"SELECT count(*) FROM main.sqlite_master WHERE name = 't'"_s).value(),
             (QList<QStringList>{{u"0"_s}}));
    QCOMPARE(fetch(destination, u"SELECT a FROM my_schema.t"_s).value(), (QList<QStringList>{{u"v"_s}}));
}

void SqliteDestinationTests::missingFoldersAreCreated()
{
    const QString path = m_dir->filePath(u"several/new/folders/data.db"_s);
    const Result<std::unique_ptr<Destination>> opened = openPath(path);
    QVERIFY2(opened, qPrintable(opened.errorMessage()));
    QVERIFY(QFileInfo(path).isFile());
}

void SqliteDestinationTests::unusablePaths_data()
{
    QTest::addColumn<QString>("situation");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("hint");
    QTest::newRow("path is a folder")
        << u"folder"_s << u"storage.sqlite.isFolder"_s << u"is a folder, not a database file"_s;
    QTest::newRow("parent is a file")
        << u"parentFile"_s << u"storage.sqlite.parentIsFile"_s << u"is a file, not a folder"_s;
    QTest::newRow("read-only folder, new file")
        << u"readOnlyFolder"_s << u"storage.sqlite.create"_s << u"the folder is read-only"_s;
    QTest::newRow("read-only folder, existing file")
        << u"readOnlyFolderExisting"_s << u"storage.sqlite.readOnlyFolder"_s << u"is read-only"_s;
    QTest::newRow("read-only file") << u"readOnlyFile"_s << u"storage.sqlite.readOnlyFile"_s
                                    << u"the file is read-only"_s;
    QTest::newRow("under a read-only folder")
        << u"readOnlyAncestor"_s << u"storage.sqlite.folder"_s << u"is read-only"_s;
}

void SqliteDestinationTests::unusablePaths()
{
    QFETCH(QString, situation);
    QFETCH(QString, code);
    QFETCH(QString, hint);

    const QString base = m_dir->filePath(situation);
    QVERIFY(QDir().mkpath(base));
    QString path;
    QString lockedPath; // what is made read-only
    if (situation == u"folder"_s) {
        path = QDir(base).filePath(u"data.db"_s);
        QVERIFY(QDir().mkpath(path));
    } else if (situation == u"parentFile"_s) {
        const QString file = QDir(base).filePath(u"notes.txt"_s);
        QFile notes(file);
        QVERIFY(notes.open(QIODevice::WriteOnly));
        notes.close();
        path = file + u"/data.db"_s;
    } else if (situation == u"readOnlyFolder"_s) {
        path = QDir(base).filePath(u"data.db"_s);
        lockedPath = base;
    } else if (situation == u"readOnlyFolderExisting"_s) {
        path = QDir(base).filePath(u"data.db"_s);
        QVERIFY(openPath(path)); // created while writable
        lockedPath = base;
    } else if (situation == u"readOnlyFile"_s) {
        path = QDir(base).filePath(u"data.db"_s);
        QVERIFY(openPath(path));
        lockedPath = path;
    } else {
        path = QDir(base).filePath(u"new/folder/data.db"_s);
        lockedPath = base;
    }

    std::unique_ptr<ReadOnlyGuard> guard;
    if (!lockedPath.isEmpty()) {
        guard = std::make_unique<ReadOnlyGuard>(lockedPath);
        QVERIFY2(guard->active(), "cannot make a read-only file or folder here (chattr +i or chmod failed)");
        if (QFileInfo(lockedPath).isDir())
            QVERIFY2(!canCreateIn(lockedPath), "the folder is still writable after making it read-only");
    }

    const Result<std::unique_ptr<Destination>> opened = openPath(path);
    QVERIFY(!opened);
    QCOMPARE(opened.error().code, code);
    QVERIFY2(opened.errorMessage().contains(hint), qPrintable(opened.errorMessage()));
    QVERIFY2(opened.errorMessage().contains(path) || opened.errorMessage().contains(base),
             qPrintable(opened.errorMessage()));
}
