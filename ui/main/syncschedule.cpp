#include "main/syncschedule.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace ascsync::ui {

Result<SyncSchedule> SyncSchedule::parse(const QString &text)
{
    static const QRegularExpression daily(u"^daily ([0-9]{1,2}):([0-9]{2})$"_s);
    static const QRegularExpression every(u"^every ([0-9]{1,4}) ?(h|m|hours?|minutes?)$"_s);
    const QString normalised = text.simplified().toLower();
    SyncSchedule schedule;
    if (normalised.isEmpty() || normalised == u"manual"_s) {
        return schedule;
    }
    if (normalised == u"hourly"_s) {
        schedule.m_kind = Kind::Interval;
        schedule.m_interval = std::chrono::hours(1);
        return schedule;
    }
    if (const auto match = every.match(normalised); match.hasMatch()) {
        const int count = match.captured(1).toInt();
        const bool hours = match.captured(2).startsWith(u'h');
        const std::chrono::minutes interval = hours ? std::chrono::hours(count) : std::chrono::minutes(count);
        // Apple publishes daily data once a day; more often than every 15 minutes only spends the rate limit.
        if (interval >= std::chrono::minutes(15) && interval <= std::chrono::hours(24 * 7)) {
            schedule.m_kind = Kind::Interval;
            schedule.m_interval = interval;
            return schedule;
        }
    }
    if (const auto match = daily.match(normalised); match.hasMatch()) {
        const QTime at(match.captured(1).toInt(), match.captured(2).toInt());
        if (at.isValid()) {
            schedule.m_kind = Kind::Daily;
            schedule.m_dailyAt = at;
            return schedule;
        }
    }
    return makeError(u"settings.schedule"_s,
                     u"The sync schedule \"%1\" is not understood: use manual, hourly, every 6h (15m to "
                     u"168h) or daily 06:00. Change it in Settings."_s.arg(text));
}

std::optional<QDateTime> SyncSchedule::nextRunAfter(const QDateTime &now) const
{
    switch (m_kind) {
    case Kind::Manual:
        return std::nullopt;
    case Kind::Interval:
        return now.addSecs(std::chrono::duration_cast<std::chrono::seconds>(m_interval).count());
    case Kind::Daily: {
        QDateTime next(now.date(), m_dailyAt, now.timeSpec());
        if (next <= now) {
            next = QDateTime(now.date().addDays(1), m_dailyAt, now.timeSpec());
        }
        return next;
    }
    }
    return std::nullopt;
}

QString SyncSchedule::describe() const
{
    switch (m_kind) {
    case Kind::Manual:
        return u"only when you click Sync now"_s;
    case Kind::Interval:
        if (m_interval.count() % 60 == 0) {
            const auto hours = m_interval.count() / 60;
            return hours == 1 ? u"every hour"_s : u"every %1 hours"_s.arg(hours);
        }
        return u"every %1 minutes"_s.arg(m_interval.count());
    case Kind::Daily:
        return u"every day at "_s + m_dailyAt.toString(u"HH:mm"_s);
    }
    return {};
}

} // namespace ascsync::ui
