#pragma once

#include "core/status/appstatus.h"

#include <QTextStream>

namespace ascsync::cli {

// The human-readable form of `ascsync status`: the headline first, then one block per app.
void printStatus(QTextStream &out, const status::StatusReport &report);

} // namespace ascsync::cli
