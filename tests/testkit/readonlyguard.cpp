#include "readonlyguard.h"

#include <QFile>
#include <QFileInfo>
#include <QtDebug>

#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <unistd.h>

namespace {

// A folder keeps its execute bits (it must stay listable); a file gets none.
QFile::Permissions readOnly(bool folder)
{
    QFile::Permissions permissions = QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther;
    if (folder)
        permissions |= QFile::ExeOwner | QFile::ExeGroup | QFile::ExeOther;
    return permissions;
}

} // namespace

ReadOnlyGuard::ReadOnlyGuard(const QString &path)
    : m_path(path)
{
    if (::geteuid() == 0)
        m_immutable = setImmutable(true);
    else
        m_chmodded = QFile::setPermissions(path, readOnly(QFileInfo(path).isDir()));
}

ReadOnlyGuard::~ReadOnlyGuard()
{
    const bool folder = QFileInfo(m_path).isDir();
    const bool restored =
        (!m_immutable || setImmutable(false)) &&
        (!m_chmodded || QFile::setPermissions(m_path, QFile::ReadOwner | QFile::WriteOwner |
                                                          (folder ? QFile::ExeOwner : QFile::Permissions())));
    if (!restored)
        qWarning("could not make %s writable again", qPrintable(m_path));
}

bool ReadOnlyGuard::setImmutable(bool on) const
{
    const int fd = ::open(QFile::encodeName(m_path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    int flags = 0;
    bool ok = ::ioctl(fd, FS_IOC_GETFLAGS, &flags) == 0;
    if (ok) {
        flags = on ? (flags | FS_IMMUTABLE_FL) : (flags & ~FS_IMMUTABLE_FL);
        ok = ::ioctl(fd, FS_IOC_SETFLAGS, &flags) == 0;
    }
    ::close(fd);
    return ok;
}
