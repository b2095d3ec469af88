#pragma once

#include <QString>
#include <QTime>

namespace ascsync::ui {

// The pull schedules the wizard offers, and their text in Settings::schedule: "manual", "hourly",
// "every 6h" and "daily HH:MM" (the default "daily 06:00"). Anything else read from a settings file is kept
// verbatim as Custom, so the wizard never rewrites a schedule it does not understand.
// TODO(ascsync schedule): move to core/config once the CLI's scheduler parses the same text.
struct ScheduleChoice {
    enum class Kind { Manual, Hourly, Every6Hours, Daily, Custom };

    Kind kind = Kind::Daily;
    QTime dailyAt = QTime(6, 0);
    QString customText;

    static ScheduleChoice parse(const QString &text);
    QString toString() const;
    // For people: "every day at 06:00".
    QString describe() const;
};

} // namespace ascsync::ui
