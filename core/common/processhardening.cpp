#include "processhardening.h"

#include <QString>

#include <cerrno>
#include <cstring>

#ifdef Q_OS_LINUX
#include <sys/prctl.h>
#endif
#ifdef Q_OS_UNIX
#include <sys/resource.h>
#endif

using namespace Qt::StringLiterals;

namespace ascsync {

Status keepSecretsOutOfCoreDumps()
{
#ifdef Q_OS_UNIX
    const rlimit none{0, 0};
    if (setrlimit(RLIMIT_CORE, &none) != 0) {
        return makeError(u"hardening"_s, u"cannot turn core dumps off: %1"_s.arg(
                                             QString::fromLocal8Bit(std::strerror(errno))));
    }
#endif
#ifdef Q_OS_LINUX
    if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) {
        return makeError(u"hardening"_s, u"cannot make the process non-dumpable: %1"_s.arg(
                                             QString::fromLocal8Bit(std::strerror(errno))));
    }
#endif
    return {};
}

} // namespace ascsync
