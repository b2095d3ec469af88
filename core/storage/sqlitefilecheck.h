#pragma once

#include "core/common/result.h"

#include <QString>

namespace ascsync::storage {

// Makes sure SQLite can create and write `path` before it tries: creates missing parent folders and the empty
// file (which SQLite accepts as a new database), and turns every way this fails into a sentence that says
// what to do ("cannot create /x/y.db: the folder is read-only", "/x/y.db is a folder, not a database file").
// SQLite itself would only say "unable to open database file", or silently open the file read-only.
Status checkSqliteFile(const QString &path);

} // namespace ascsync::storage
