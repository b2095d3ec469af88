#include "syncscheduler.h"

namespace ascsync::ui {

namespace {
constexpr int kCheckIntervalMs = 60 * 1000;
}

SyncScheduler::SyncScheduler(QObject *parent)
    : QObject(parent)
{
    m_schedule.kind = schedule::SyncSchedule::Kind::Manual;
    m_timer.setTimerType(Qt::VeryCoarseTimer);
    connect(&m_timer, &QTimer::timeout, this, &SyncScheduler::check);
}

void SyncScheduler::setSchedule(const schedule::SyncSchedule &schedule)
{
    m_schedule = schedule;
    arm(QDateTime::currentDateTime());
}

void SyncScheduler::arm(const QDateTime &from)
{
    m_next = m_schedule.nextRun(from);
    if (m_next.isValid()) {
        m_timer.start(int(std::min<qint64>(kCheckIntervalMs, std::max<qint64>(0, from.msecsTo(m_next)))));
    } else {
        m_timer.stop();
    }
    Q_EMIT nextRunChanged(m_next);
}

void SyncScheduler::check()
{
    const QDateTime now = QDateTime::currentDateTime();
    if (!m_next.isValid()) {
        return;
    }
    if (now >= m_next) {
        arm(now);
        Q_EMIT due();
        return;
    }
    m_timer.start(int(std::min<qint64>(kCheckIntervalMs, now.msecsTo(m_next))));
}

} // namespace ascsync::ui
