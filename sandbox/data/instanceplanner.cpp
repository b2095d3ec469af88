#include "instanceplanner.h"

#include "familymodel.h"
#include "rng.h"
#include "stablehash.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

InstancePlanner::InstancePlanner(const ReportDefinition &report, const FamilyModel &family, QDate firstDate,
                                 QDate today, Outages outages)
    : m_report(report)
    , m_family(family)
    , m_firstDate(firstDate)
    , m_today(today)
    , m_outages(std::move(outages))
{}

bool InstancePlanner::lost(QDate date) const
{
    const QDate next = date.addDays(1);
    return m_outages.skipped.contains(next) || m_outages.duplicated.contains(next);
}

QDate InstancePlanner::correctionDay(QDate date) const
{
    // About one Date in twenty gets a late correction a few days after its window closed (§5.3: "Rare
    // corrections can arrive beyond the threshold"). Keyed by family: Standard and Detailed agree.
    const AppProfile &app = m_family.app();
    Rng rng(StableHash(app.seed)
                .add(quint64(app.index))
                .add(m_family.key())
                .add(u"correction")
                .add(date)
                .value());
    if (!rng.chance(0.05))
        return {};
    return date.addDays(m_report.completenessDays + rng.range(1, kMaxCorrectionDelay));
}

Revision InstancePlanner::revisionOf(QDate date, QDate asOf) const
{
    const int age = int(date.daysTo(asOf));
    if (age < m_report.completenessDays)
        return {Revision::Stage::Partial, age};
    const QDate corrected = correctionDay(date);
    if (corrected.isValid() && asOf < corrected)
        return {Revision::Stage::PreCorrection, age};
    return {Revision::Stage::Final, age};
}

InstancePlanner::Period InstancePlanner::weekBefore(QDate friday)
{
    return {friday.addDays(-11), friday.addDays(-5)}; // Monday to Sunday of the previous week
}

InstancePlanner::Period InstancePlanner::monthBefore(QDate fifth)
{
    const QDate first = QDate(fifth.year(), fifth.month(), 1).addMonths(-1);
    return {first, first.addMonths(1).addDays(-1)};
}

std::vector<InstancePlanner::DayEntry> InstancePlanner::dailyContent(AccessType access,
                                                                     QDate processingDate) const
{
    std::vector<DayEntry> days;
    if (access == AccessType::OneTimeSnapshot) {
        for (QDate date = m_firstDate; date < processingDate; date = date.addDays(1))
            days.push_back({date, revisionOf(date, processingDate)});
        return days;
    }
    // A duplicate repeats the previous instance exactly: the same Dates in the same revisions, so the same
    // bytes and checksums.
    if (m_outages.duplicated.contains(processingDate))
        return dailyContent(access, processingDate.addDays(-1));
    const int window = m_report.completenessDays;
    for (int back = window + kMaxCorrectionDelay; back > window; --back) {
        const QDate date = processingDate.addDays(-back);
        if (date >= m_firstDate && correctionDay(date) == processingDate && !lost(date))
            days.push_back({date, {Revision::Stage::Final, back}});
    }
    for (int back = window; back >= 1; --back) {
        const QDate date = processingDate.addDays(-back);
        if (date >= m_firstDate && !lost(date))
            days.push_back({date, revisionOf(date, processingDate)});
    }
    return days;
}

std::vector<InstancePlanner::Period>
InstancePlanner::periodContent(AccessType access, Granularity granularity, QDate processingDate) const
{
    std::vector<Period> periods;
    if (access == AccessType::Ongoing) {
        Period period;
        if (granularity == Granularity::Weekly && processingDate.dayOfWeek() == Qt::Friday)
            period = weekBefore(processingDate);
        else if (granularity == Granularity::Monthly && processingDate.day() == 5)
            period = monthBefore(processingDate);
        if (period.start.isValid() && period.start >= m_firstDate)
            periods.push_back(period);
        return periods;
    }
    if (granularity == Granularity::Weekly) {
        QDate monday = m_firstDate.addDays((Qt::Monday - m_firstDate.dayOfWeek() + 7) % 7);
        for (; monday.addDays(11) <= processingDate; monday = monday.addDays(7))
            periods.push_back(weekBefore(monday.addDays(11)));
    } else if (granularity == Granularity::Monthly) {
        QDate first(m_firstDate.year(), m_firstDate.month(), 1);
        if (first < m_firstDate)
            first = first.addMonths(1);
        for (; first.addMonths(1).addDays(4) <= processingDate; first = first.addMonths(1))
            periods.push_back(monthBefore(first.addMonths(1).addDays(4)));
    }
    return periods;
}

bool InstancePlanner::anyData(const std::vector<DayEntry> &days) const
{
    return std::any_of(days.begin(), days.end(),
                       [this](const DayEntry &day) { return m_family.hasData(day.date); });
}

bool InstancePlanner::anyData(const std::vector<Period> &periods) const
{
    for (const Period &period : periods) {
        for (QDate date = period.start; date <= period.end; date = date.addDays(1)) {
            if (m_family.hasData(date))
                return true;
        }
    }
    return false;
}

QList<InstancePlanner::Planned> InstancePlanner::instances(AccessType access, QDate readyDate,
                                                           QDate stoppedOn) const
{
    QList<Planned> planned;
    if (!readyDate.isValid() || readyDate > m_today)
        return planned;
    const QDate oldestKept = m_today.addDays(-(kRetentionDays - 1));
    QList<Granularity> granularities = {Granularity::Daily};
    if (m_report.weekly)
        granularities.append(Granularity::Weekly);
    if (m_report.monthly)
        granularities.append(Granularity::Monthly);

    if (access == AccessType::OneTimeSnapshot) {
        if (readyDate < oldestKept)
            return planned;
        for (Granularity granularity : granularities) {
            const bool data = granularity == Granularity::Daily
                                  ? anyData(dailyContent(access, readyDate))
                                  : anyData(periodContent(access, granularity, readyDate));
            if (data)
                planned.append({granularity, readyDate});
        }
        return planned;
    }

    QDate last = m_today;
    if (stoppedOn.isValid())
        last = std::min(last, stoppedOn);
    const QDate first = std::max(readyDate, oldestKept);
    for (Granularity granularity : granularities) {
        for (QDate day = first; day <= last; day = day.addDays(1)) {
            if (granularity == Granularity::Daily && m_outages.skipped.contains(day))
                continue;
            const bool data = granularity == Granularity::Daily
                                  ? anyData(dailyContent(access, day))
                                  : anyData(periodContent(access, granularity, day));
            if (data)
                planned.append({granularity, day});
        }
    }
    return planned;
}

} // namespace ascsync::sandbox
