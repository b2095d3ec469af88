#include "privatefile.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace ascsync {

namespace {

Error fileError(const QString &path, int error)
{
    const QString reason = error == ELOOP ? u"it is a symbolic link, which ascsync does not follow"_s
                                          : QString::fromLocal8Bit(std::strerror(error));
    return makeError(u"io"_s,
                     u"Cannot write %1 (%2). Choose another file, or remove the link."_s.arg(path, reason));
}

} // namespace

Status createPrivateFileIfMissing(const QString &path)
{
    const QByteArray name = QFile::encodeName(path);
    const int fd = ::open(name.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        const int error = errno;
        return error == EEXIST ? Status() : Status(fileError(path, error));
    }
    ::close(fd);
    return {};
}

Status writePrivateFile(const QString &path, const QByteArray &content)
{
    const QByteArray name = QFile::encodeName(path);
    const int fd = ::open(name.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0 || ::fchmod(fd, 0600) != 0) {
        const int error = errno;
        if (fd >= 0) {
            ::close(fd);
        }
        return fileError(path, error);
    }
    qsizetype written = 0;
    while (written < content.size()) {
        const ssize_t n = ::write(fd, content.constData() + written, size_t(content.size() - written));
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            const int error = errno;
            ::close(fd);
            return fileError(path, error);
        }
        written += n;
    }
    if (::close(fd) != 0) {
        return fileError(path, errno);
    }
    return {};
}

} // namespace ascsync
