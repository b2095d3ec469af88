#include "downloadfolder.h"

#include "synclog.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace ascsync::sync {

namespace {

Error folderError(const QString &path, const QString &why)
{
    return makeError(u"sync.workDirectory"_s, u"Cannot use the download folder %1: %2. Remove it, or "
                                              u"set XDG_CACHE_HOME to another folder."_s.arg(path, why));
}

} // namespace

QString DownloadFolder::pathFor(const storage::DestinationSpec &destination)
{
    // The schema is part of the key, as it is of the sync lock: two schemas of one database are two
    // destinations that may sync at the same time, and each run empties its folder when it starts.
    const QByteArray identity = (destination.toString() + u'\n' + destination.schema()).toUtf8();
    const QByteArray key = QCryptographicHash::hash(identity, QCryptographicHash::Sha256).toHex().left(16);
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation))
        .filePath(u"ascsync/downloads/"_s + QString::fromLatin1(key));
}

Result<std::unique_ptr<DownloadFolder>> DownloadFolder::open(const storage::DestinationSpec &destination)
{
    const QString path = pathFor(destination);
    const QByteArray native = QFile::encodeName(path);
    struct stat info {};
    if (::lstat(native.constData(), &info) == 0) {
        if (!S_ISDIR(info.st_mode) || info.st_uid != ::getuid()) {
            return folderError(path, u"it is not a folder of yours (a link or another user's)"_s);
        }
        qCInfo(lcSync).noquote() << "removing the downloads a killed run left in" << path;
        if (!QDir(path).removeRecursively()) {
            return folderError(path, u"the files a killed run left there cannot be removed"_s);
        }
    }
    if (!QDir().mkpath(QFileInfo(path).absolutePath()) || ::mkdir(native.constData(), 0700) != 0) {
        return folderError(path, QString::fromLocal8Bit(std::strerror(errno)));
    }
    return std::unique_ptr<DownloadFolder>(new DownloadFolder(path));
}

DownloadFolder::DownloadFolder(QString path)
    : m_path(std::move(path))
{}

DownloadFolder::~DownloadFolder()
{
    QDir(m_path).removeRecursively();
}

} // namespace ascsync::sync
