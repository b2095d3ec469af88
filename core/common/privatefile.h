#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>

namespace ascsync {

// Files that only their owner may read (issue 13): a script holding a token, the settings, the database
// (revenue). Both refuse to follow a symbolic link at `path`, so another local user cannot redirect the
// write onto a file of theirs or of ours.

// Creates `path` empty with mode 0600 when it does not exist yet; an existing file is left as it is.
Status createPrivateFileIfMissing(const QString &path);

// Writes `content` to `path` (created or truncated) and leaves it with mode 0600, also when it existed with
// wider permissions.
Status writePrivateFile(const QString &path, const QByteArray &content);

} // namespace ascsync
