#pragma once

#include "core/common/result.h"

#include <QString>
#include <QStringView>

namespace ascsync::api {

// Ids from the API (apps, report requests, reports, instances, segments) are opaque data. Before one goes
// into a URL path, a shell script, SQL or a message it must match a strict alphabet: an ASCII letter or
// digit first, then letters, digits, '-', '_' or '.', at most kMaxResourceIdLength characters. Apple's ids
// (numbers, UUIDs) all qualify; "..", "/", "%", quotes, spaces and control characters never do.
inline constexpr qsizetype kMaxResourceIdLength = 128;

bool isValidResourceId(QStringView id);

// `id` when it is valid; otherwise an "api.badId" error that names the object (`what`, e.g. "a report
// request of app Foo") and shows the id with its control characters escaped.
Result<QString> checkResourceId(const QString &id, const QString &what);

// `id` percent-encoded as exactly one URL path segment: every byte outside [A-Za-z0-9_-] is encoded, the
// dot included, so no id can become "." or ".." once a URL is resolved. Use it only on checked ids.
QString pathSegment(const QString &id);

} // namespace ascsync::api
