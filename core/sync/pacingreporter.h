#pragma once

#include "syncobserver.h"

#include "core/api/apiclient.h"

#include <QDateTime>
#include <QString>

#include <functional>

namespace ascsync::sync {

// Tells the person watching a sync why it slowed down: when Apple's hourly budget runs low the client paces
// its requests (or waits after a 429), and a silent wait looks like a hang. At most one message per
// `interval`, plus every refusal.
class PacingReporter {
public:
    PacingReporter(SyncObserver &observer, std::function<int()> requestsAhead, Clock clock = systemClock(),
                   int intervalSeconds = 20);

    void onWait(const api::BudgetWait &wait);

    // "Apple's request budget is low: 87 of 3600 requests left this hour; pacing at one request every
    // 1.0 s; about 120 requests to go, expected end about 15:42."
    static QString describe(const api::BudgetWait &wait, int requestsAhead, const QDateTime &now);

private:
    SyncObserver &m_observer;
    std::function<int()> m_requestsAhead;
    Clock m_clock;
    int m_intervalSeconds;
    QDateTime m_lastMessage;
};

} // namespace ascsync::sync
