#pragma once

#include "core/common/result.h"
#include "core/storage/destination.h"

#include <QString>
#include <QStringList>

namespace ascsync::metrics {

// An app's Apple ID as the metrics accept it: 1-20 digits. Checked before a value reaches their SQL.
bool isAppId(const QString &appId);

// Asked before querying, so that "no data yet" is never guessed from a database's error text: `missing`
// when one of `tables` does not exist yet, the destination's error when it cannot tell.
Status requireTables(storage::Destination &destination, const QStringList &tables, const Error &missing);

} // namespace ascsync::metrics
