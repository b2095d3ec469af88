#pragma once

#include <QDateTime>

namespace ascsync::reports {

// Apple dates reports and publishes them on Pacific time (API-NOTES §6.4: "generally by 8 a.m. Pacific").
// The US rule in force since 2007 is computed here (PDT = UTC-7 from the second Sunday of March 02:00 to the
// first Sunday of November 02:00, PST = UTC-8 otherwise), so results do not depend on the machine's time-zone
// database.

// The Pacific calendar day at `instant`.
QDate pacificDate(const QDateTime &instant);

// The UTC instant of a Pacific wall-clock time. Times skipped or repeated by a clock change are not used by
// callers (they ask for 00:00 or 08:00).
QDateTime pacificToUtc(QDate date, QTime time);

} // namespace ascsync::reports
