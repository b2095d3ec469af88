#include "sqlitefilecheck.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace ascsync::storage {

namespace {

QString reasonFor(int error)
{
    switch (error) {
    case EACCES:
    case EPERM:
    case EROFS:
        return u"the folder is read-only"_s;
    case ENOTDIR:
        return u"part of the path is a file, not a folder"_s;
    case ENOSPC:
        return u"the disk is full"_s;
    default:
        return QString::fromLocal8Bit(std::strerror(error));
    }
}

bool writable(const QString &path)
{
    return ::access(QFile::encodeName(path).constData(), W_OK) == 0;
}

} // namespace

Status checkSqliteFile(const QString &path)
{
    const QFileInfo file(path);
    if (file.isDir()) {
        return makeError(
            u"storage.sqlite.isFolder"_s,
            u"%1 is a folder, not a database file: give a file path such as %1/ascsync.db."_s.arg(path));
    }

    const QString folder = file.absolutePath();
    const QFileInfo folderInfo(folder);
    if (folderInfo.exists() && !folderInfo.isDir()) {
        return makeError(
            u"storage.sqlite.parentIsFile"_s,
            u"Cannot create %1: %2 is a file, not a folder. Choose another path."_s.arg(path, folder));
    }
    if (!folderInfo.exists() && !QDir().mkpath(folder)) {
        QString existing = folder;
        while (!QFileInfo::exists(existing) && existing != QDir::rootPath())
            existing = QFileInfo(existing).absolutePath();
        const QString why = !QFileInfo(existing).isDir() ? u"%1 is a file, not a folder"_s.arg(existing)
                            : !writable(existing)        ? u"the folder %1 is read-only"_s.arg(existing)
                                                         : u"the folder could not be created"_s;
        return makeError(u"storage.sqlite.folder"_s,
                         u"Cannot create %1: %2. Choose another path, or create the "
                         "folder with write access for you."_s.arg(path, why));
    }

    if (!file.exists()) {
        const int fd =
            // 0600: the database holds revenue (SQLite gives its journal and WAL files the same mode).
            ::open(QFile::encodeName(path).constData(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
                   0600);
        if (fd < 0 && errno != EEXIST) {
            const int error = errno;
            return makeError(u"storage.sqlite.create"_s,
                             u"Cannot create %1: %2. Choose another path, or make the folder writable."_s.arg(
                                 path, reasonFor(error)));
        }
        if (fd >= 0)
            ::close(fd);
    } else if (!writable(path)) {
        return makeError(
            u"storage.sqlite.readOnlyFile"_s,
            u"Cannot write to %1: the file is read-only. Make it writable (chmod u+w), or choose "
            "another file."_s.arg(path));
    }
    // SQLite's write-ahead log lives in files beside the database (-wal, -shm) and so does the sync lock.
    if (!writable(folder)) {
        return makeError(u"storage.sqlite.readOnlyFolder"_s,
                         u"Cannot use %1: the folder %2 is read-only, and SQLite needs to create its journal "
                         "files beside the database. Make the folder writable, or choose another path."_s.arg(
                             path, folder));
    }
    return {};
}

} // namespace ascsync::storage
