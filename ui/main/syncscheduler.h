#pragma once

#include "core/schedule/syncschedule.h"

#include <QDateTime>
#include <QObject>
#include <QTimer>

namespace ascsync::ui {

// Fires due() when the schedule says a sync is due, while the app runs. It re-arms itself after each firing
// and checks the wall clock at least every minute, so a suspended laptop catches up when it wakes instead of
// trusting a long timer.
class SyncScheduler : public QObject {
    Q_OBJECT
public:
    explicit SyncScheduler(QObject *parent = nullptr);

    void setSchedule(const schedule::SyncSchedule &schedule);
    const schedule::SyncSchedule &schedule() const { return m_schedule; }
    // Invalid for a manual schedule.
    QDateTime nextRun() const { return m_next; }

Q_SIGNALS:
    void due();
    void nextRunChanged(const QDateTime &next);

private:
    void check();
    void arm(const QDateTime &from);

    schedule::SyncSchedule m_schedule; // manual until setSchedule()
    QDateTime m_next;
    QTimer m_timer;
};

} // namespace ascsync::ui
