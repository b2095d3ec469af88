#pragma once

#include "core/common/result.h"

#include <QString>
#include <QStringList>

namespace ascsync::cli {

// The calling user's systemd manager, through `systemctl --user`.
class UserSystemd {
public:
    // Empty when `systemctl --user` can manage units here; otherwise why not, in words a user can act on.
    static QString unavailableReason();

    // Runs `systemctl --user <arguments>`: its standard output, or an error carrying what it printed.
    static Result<QString> systemctl(const QStringList &arguments);
};

} // namespace ascsync::cli
