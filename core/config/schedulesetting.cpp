#include "schedulesetting.h"

using namespace Qt::StringLiterals;

namespace ascsync::config {

ScheduleSetting::ScheduleSetting()
    : ScheduleSetting(schedule::SyncSchedule{})
{}

ScheduleSetting::ScheduleSetting(const schedule::SyncSchedule &schedule)
    : m_text(schedule.toString())
    , m_schedule(schedule)
{}

ScheduleSetting ScheduleSetting::fromText(const QString &text)
{
    ScheduleSetting setting;
    setting.m_text = text;
    const auto parsed = schedule::SyncSchedule::parse(text);
    setting.m_schedule = parsed ? std::optional(parsed.value()) : std::nullopt;
    return setting;
}

Result<schedule::SyncSchedule> ScheduleSetting::schedule() const
{
    if (m_schedule) {
        return *m_schedule;
    }
    return schedule::SyncSchedule::parse(m_text);
}

} // namespace ascsync::config
