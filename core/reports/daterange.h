#pragma once

#include <QDate>

namespace ascsync::reports {

// A closed range of calendar days [first, last].
struct DateRange {
    QDate first;
    QDate last;

    bool contains(QDate day) const { return day >= first && day <= last; }
    qint64 days() const { return first.daysTo(last) + 1; }
    friend bool operator==(const DateRange &, const DateRange &) = default;
};

} // namespace ascsync::reports
