#pragma once

#include "analyticscatalog.h"
#include "analyticsrow.h"
#include "world.h"

#include <QDate>
#include <QList>

#include <utility>
#include <vector>

namespace ascsync::sandbox {

class FamilyModel;

// Decides which instances of one report exist on the simulator's today and which Dates (in which
// revision) each contains (API-NOTES §5.1, §5.3):
// - daily instance processed on P: the Dates P-c ... P-1 of the report's completeness window c (P-c final,
//   the rest partial), plus the rare Dates whose late correction arrives on P;
// - weekly instance on each Friday for the previous Monday-Sunday, monthly on the 5th for the previous month;
// - ongoing instances only for P in [max(readyDate, today-34), min(today, stoppedOn)] (kept 35 days), each
//   processed at the start of its UTC day; one-time snapshots: one instance per granularity on readyDate
//   holding every Date from the history start, kept 35 days like the others.
class InstancePlanner {
public:
    struct Planned {
        Granularity granularity = Granularity::Daily;
        QDate processingDate;
    };
    struct DayEntry {
        QDate date;
        Revision revision;
    };
    struct Period {
        QDate start;
        QDate end;
    };

    // Apple's outages of ONGOING daily instances (WorldOptions::skippedInstances, duplicateInstances).
    struct Outages {
        QList<QDate> skipped;
        QList<QDate> duplicated;
    };

    static constexpr int kRetentionDays = 35;
    static constexpr int kMaxCorrectionDelay = 7;

    InstancePlanner(const ReportDefinition &report, const FamilyModel &family, QDate firstDate, QDate today,
                    Outages outages = {});

    QList<Planned> instances(AccessType access, QDate readyDate, QDate stoppedOn) const;
    std::vector<DayEntry> dailyContent(AccessType access, QDate processingDate) const;
    std::vector<Period> periodContent(AccessType access, Granularity granularity, QDate processingDate) const;

    Revision revisionOf(QDate date, QDate asOf) const;
    QDate correctionDay(QDate date) const; // invalid: the Date is never corrected after its window

private:
    bool anyData(const std::vector<DayEntry> &days) const;
    bool anyData(const std::vector<Period> &periods) const;
    bool lost(QDate date) const; // a Date no ONGOING instance holds (an outage on the next day)
    static Period weekBefore(QDate friday);
    static Period monthBefore(QDate fifth);

    const ReportDefinition &m_report;
    const FamilyModel &m_family;
    QDate m_firstDate;
    QDate m_today;
    Outages m_outages;
};

} // namespace ascsync::sandbox
