#pragma once

#include <QDateTime>

#include <functional>

namespace ascsync::sandbox {

// Where the simulator's "now" comes from (UTC). Tests inject a clock they can step, so token lifetimes,
// the report-generation delay, URL expiry and the rate limiter's rolling hour are checked without sleeping.
using ClockSource = std::function<QDateTime()>;

inline ClockSource systemClockSource()
{
    return [] { return QDateTime::currentDateTimeUtc(); };
}

} // namespace ascsync::sandbox
