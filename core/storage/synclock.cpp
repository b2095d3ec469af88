#include "synclock.h"

#include <QCoreApplication>
#include <QSysInfo>

using namespace Qt::StringLiterals;

namespace ascsync::storage {

QString SyncLockHolder::describe() const
{
    const QString when =
        since.isValid() ? since.toUTC().toString(u"yyyy-MM-dd HH:mm:ss 'UTC'"_s) : u"an unknown time"_s;
    return u"host %1, process %2, since %3"_s.arg(host.isEmpty() ? u"(unknown)"_s : host).arg(pid).arg(when);
}

SyncLockHolder SyncLockHolder::current(const QDateTime &since)
{
    return SyncLockHolder{QSysInfo::machineHostName(), QCoreApplication::applicationPid(), since};
}

} // namespace ascsync::storage
