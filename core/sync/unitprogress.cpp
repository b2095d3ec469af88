#include "unitprogress.h"

#include "synccontext.h"

#include "core/api/ratelimit.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ascsync::sync {

UnitActivity unitNamed(const QString &stream, const QString &app, const QString &report, const QString &date)
{
    UnitActivity activity;
    activity.stream = stream;
    activity.app = app;
    activity.report = report;
    activity.date = date;
    return activity;
}

namespace {

// Every downloaded unit passes here before it loads: the one place the raw archive keeps it, whatever its
// stream. Kept before the load, so a file a policy refuses to load can still be replayed later. A unit that
// cannot be kept still loads, but the run fails, so a gap in the archive does not go unnoticed.
void archiveUnit(SyncContext &context, const UnitLoad &unit)
{
    if (!context.archive)
        return;
    if (const Status kept = context.archive->keep(unit, context.options.clock()); !kept) {
        context.failed(u"%1: not kept in the archive: %2"_s.arg(unit.record.source, kept.errorMessage()));
        return;
    }
    ++context.summary.unitsArchived;
}

} // namespace

Result<UnitLoadResult> loadWithProgress(SyncContext &context, UnitLoad unit, UnitActivity activity)
{
    if (const auto limit = context.api.lastRateLimit()) {
        activity.budgetRemaining = limit->remaining;
        activity.budgetLimit = limit->hourLimit;
        activity.pacing = api::pacingDelay(*limit, context.api.rateLimitReserve()).count() > 0;
    }
    activity.phase = UnitActivity::Phase::Started;
    context.observer.unitActivity(activity);
    archiveUnit(context, unit);
    unit.onRows = [&](qint64 rows, qint64 bytesRead, qint64 bytesTotal) {
        activity.phase = UnitActivity::Phase::Loading;
        activity.rows = rows;
        activity.bytesRead = bytesRead;
        activity.bytesTotal = bytesTotal;
        context.observer.unitActivity(activity);
    };
    auto result = loadUnit(context.destination, unit);
    activity.phase = UnitActivity::Phase::Finished;
    activity.rows = result ? result->rowsLoaded : activity.rows;
    activity.bytesRead = activity.bytesTotal;
    context.observer.unitActivity(activity);
    return result;
}

void UnitRateMeter::update(const UnitActivity &activity, qint64 nowMs)
{
    const bool sameUnit = m_startMs >= 0 && activity.phase != UnitActivity::Phase::Started &&
                          activity.stream == m_activity.stream && activity.app == m_activity.app &&
                          activity.report == m_activity.report && activity.date == m_activity.date;
    if (!sameUnit) {
        m_startMs = nowMs;
        m_rowsPerSecond = -1;
    } else if (nowMs > m_startMs && activity.rows > 0) {
        // Over the whole unit: steadier than between two updates, and the unit is what the estimate is of.
        m_rowsPerSecond = double(activity.rows) * 1000.0 / double(nowMs - m_startMs);
    }
    m_activity = activity;
}

qint64 UnitRateMeter::secondsLeft() const
{
    const UnitActivity &a = m_activity;
    if (m_rowsPerSecond <= 0 || a.bytesTotal <= 0 || a.bytesRead <= 0 || a.rows <= 0) {
        return -1;
    }
    // The compressed bytes read tell how far the unit is; its rows so far give the rate.
    const double fraction = std::min(1.0, double(a.bytesRead) / double(a.bytesTotal));
    const double rowsTotal = double(a.rows) / fraction;
    return qint64(std::max(0.0, (rowsTotal - double(a.rows)) / m_rowsPerSecond) + 0.5);
}

namespace {

QString describeDuration(qint64 seconds)
{
    if (seconds < 60) {
        return u"%1 s"_s.arg(seconds);
    }
    if (seconds < 3600) {
        return u"%1 min %2 s"_s.arg(seconds / 60).arg(seconds % 60);
    }
    return u"%1 h %2 min"_s.arg(seconds / 3600).arg((seconds % 3600) / 60);
}

} // namespace

QString UnitRateMeter::describe() const
{
    const UnitActivity &a = m_activity;
    const QLocale locale;
    QStringList what;
    for (const QString &part : {a.app, a.report, a.date}) {
        if (!part.isEmpty()) {
            what << part;
        }
    }
    QString text = what.join(u" · "_s) + u": "_s;
    switch (a.phase) {
    case UnitActivity::Phase::Started:
        text += u"loading"_s;
        break;
    case UnitActivity::Phase::Loading:
        text += u"%1 rows"_s.arg(locale.toString(a.rows));
        if (m_rowsPerSecond > 0) {
            text += u", %1 rows/s"_s.arg(locale.toString(qint64(m_rowsPerSecond + 0.5)));
        }
        if (const qint64 left = secondsLeft(); left >= 0) {
            text += u", about %1 left"_s.arg(describeDuration(left));
        }
        break;
    case UnitActivity::Phase::Finished:
        text += u"%1 rows loaded"_s.arg(locale.toString(a.rows));
        break;
    }
    if (a.pacing && a.budgetLimit > 0) {
        text += u" · Apple request budget: %1 of %2 left this hour, pacing requests"_s.arg(
            locale.toString(a.budgetRemaining), locale.toString(a.budgetLimit));
    }
    return text;
}

} // namespace ascsync::sync
