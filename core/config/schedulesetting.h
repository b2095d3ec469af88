#pragma once

#include "core/common/result.h"
#include "core/schedule/syncschedule.h"

#include <QString>

#include <optional>

namespace ascsync::config {

// Settings::schedule: the sync schedule as the settings file holds it. Text this version reads is kept with
// its SyncSchedule; text it cannot read (a hand-edited typo) is kept as written, so the app still opens and
// the settings dialog can show it for the user to fix. Whoever runs syncs asks schedule(), which says why
// not.
class ScheduleSetting {
public:
    // The default: daily 06:00.
    ScheduleSetting();
    explicit ScheduleSetting(const schedule::SyncSchedule &schedule);
    static ScheduleSetting fromText(const QString &text);

    // The schedule, or the parser's message naming the accepted forms.
    Result<schedule::SyncSchedule> schedule() const;
    bool isReadable() const { return m_schedule.has_value(); }
    // What the settings file holds, as written.
    QString text() const { return m_text; }

    friend bool operator==(const ScheduleSetting &a, const ScheduleSetting &b)
    {
        return a.m_text == b.m_text;
    }

private:
    QString m_text;
    std::optional<schedule::SyncSchedule> m_schedule;
};

} // namespace ascsync::config
