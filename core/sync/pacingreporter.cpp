#include "pacingreporter.h"

using namespace Qt::StringLiterals;

namespace ascsync::sync {

PacingReporter::PacingReporter(SyncObserver &observer, std::function<int()> requestsAhead, Clock clock,
                               int intervalSeconds)
    : m_observer(observer)
    , m_requestsAhead(std::move(requestsAhead))
    , m_clock(std::move(clock))
    , m_intervalSeconds(intervalSeconds)
{}

void PacingReporter::onWait(const api::BudgetWait &wait)
{
    const QDateTime now = m_clock();
    if (!wait.refused && m_lastMessage.isValid() && m_lastMessage.secsTo(now) < m_intervalSeconds) {
        return;
    }
    m_lastMessage = now;
    m_observer.message(SyncObserver::Level::Info, describe(wait, m_requestsAhead(), now));
}

QString PacingReporter::describe(const api::BudgetWait &wait, int requestsAhead, const QDateTime &now)
{
    const double seconds = static_cast<double>(wait.delay.count()) / 1000.0;
    QString text;
    if (wait.refused) {
        text = u"Apple refused a request for now (its hourly budget: %1 of %2 left); retrying in %3 s"_s
                   .arg(wait.limit.remaining)
                   .arg(wait.limit.hourLimit)
                   .arg(seconds, 0, 'f', 0);
    } else {
        text = u"Apple's request budget is low: %1 of %2 requests left this hour; pacing at one request "
               u"every %3 s"_s.arg(wait.limit.remaining)
                   .arg(wait.limit.hourLimit)
                   .arg(seconds, 0, 'f', 1);
    }
    if (requestsAhead > 0 && !wait.refused) {
        const QDateTime end = now.addMSecs(wait.delay.count() * requestsAhead);
        text += u"; about %1 requests to go, expected end about %2"_s.arg(requestsAhead)
                    .arg(end.toLocalTime().toString(u"HH:mm"_s));
    }
    return text + u'.';
}

} // namespace ascsync::sync
