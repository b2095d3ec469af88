#include "lockfilesynclock.h"

#include "storagelog.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace ascsync::storage {

namespace {

QByteArray readAll(int fd)
{
    QByteArray content;
    char chunk[1024];
    off_t offset = 0;
    for (;;) {
        const ssize_t n = ::pread(fd, chunk, sizeof chunk, offset);
        if (n <= 0)
            break;
        content.append(chunk, n);
        offset += n;
        if (content.size() > 64 * 1024)
            break;
    }
    return content;
}

std::optional<SyncLockHolder> holderFrom(const QByteArray &content)
{
    const QJsonObject object = QJsonDocument::fromJson(content).object();
    if (object.isEmpty())
        return std::nullopt;
    return SyncLockHolder{object.value(u"host"_s).toString(), qint64(object.value(u"pid"_s).toDouble()),
                          QDateTime::fromString(object.value(u"since"_s).toString(), Qt::ISODateWithMs)};
}

QByteArray contentFor(const SyncLockHolder &holder)
{
    const QJsonObject object{{u"host"_s, holder.host},
                             {u"pid"_s, double(holder.pid)},
                             {u"since"_s, holder.since.toUTC().toString(Qt::ISODateWithMs)}};
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

} // namespace

QString LockFileSyncLock::lockPathFor(const QString &databasePath)
{
    return databasePath + u".lock"_s;
}

Result<std::unique_ptr<SyncLock>> LockFileSyncLock::acquire(const QString &databasePath, const QDateTime &now)
{
    const QString path = lockPathFor(databasePath);
    const QByteArray nativePath = path.toLocal8Bit();
    // 0600 and never through a symbolic link: another local user must not make a sync truncate a file.
    const int fd = ::open(nativePath.constData(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0 || ::fchmod(fd, 0600) != 0) {
        const int error = errno;
        if (fd >= 0) {
            ::close(fd);
        }
        if (error == ELOOP) {
            return makeError(u"storage.lock.symlink"_s,
                             u"The sync lock file %1 is a symbolic link; ascsync does not follow it. Remove "
                             u"the link (no sync is running through it) and sync again."_s.arg(path));
        }
        return makeError(
            u"storage.lock.create"_s,
            u"Cannot create the sync lock file %1: %2. The folder must be writable for ascsync to "
            "sync into %3."_s.arg(path, errnoText(error), databasePath));
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int error = errno;
        const std::optional<SyncLockHolder> holder = holderFrom(readAll(fd));
        ::close(fd);
        if (error == EWOULDBLOCK) {
            return makeError(
                u"storage.lock.held"_s,
                u"Another ascsync sync is already writing to %1 (%2). Wait for it to finish; two "
                "syncs at once would load the same data twice."_s.arg(
                    databasePath, holder ? holder->describe() : u"it is just starting"_s));
        }
        return makeError(u"storage.lock.failed"_s,
                         u"Cannot lock %1: %2. The file system must support file locks (flock)."_s.arg(
                             path, errnoText(error)));
    }

    // Content left behind means its holder ended without releasing: it was killed or crashed mid-sync.
    std::optional<SyncLockHolder> previous = holderFrom(readAll(fd));
    if (previous) {
        qCWarning(lcStorage).noquote()
            << "taking over the sync lock of" << databasePath
            << "left by a sync that ended without releasing it:" << previous->describe();
    }
    SyncLockHolder holder = SyncLockHolder::current(now);
    const QByteArray content = contentFor(holder);
    if (::ftruncate(fd, 0) != 0 ||
        ::pwrite(fd, content.constData(), size_t(content.size()), 0) != content.size()) {
        const int error = errno;
        ::close(fd);
        return makeError(u"storage.lock.write"_s,
                         u"Cannot write the sync lock file %1: %2."_s.arg(path, errnoText(error)));
    }
    return std::unique_ptr<SyncLock>(new LockFileSyncLock(fd, std::move(holder), std::move(previous)));
}

LockFileSyncLock::LockFileSyncLock(int fd, SyncLockHolder holder, std::optional<SyncLockHolder> previous)
    : SyncLock(std::move(holder), std::move(previous))
    , m_fd(fd)
{}

LockFileSyncLock::~LockFileSyncLock()
{
    // Emptied while still locked, so the next locker never mistakes a clean release for a killed holder.
    if (::ftruncate(m_fd, 0) != 0)
        qCWarning(lcStorage) << "could not empty the sync lock file:" << errnoText(errno);
    ::close(m_fd);
}

} // namespace ascsync::storage
