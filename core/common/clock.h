#pragma once

#include <QDateTime>

#include <functional>

namespace ascsync {

// Where "now" comes from. Production code uses systemClock(); tests inject a fixed or stepping clock
// so token lifetimes, refreshes and schedules are checked without sleeping.
using Clock = std::function<QDateTime()>;

inline Clock systemClock()
{
    return [] { return QDateTime::currentDateTimeUtc(); };
}

} // namespace ascsync
