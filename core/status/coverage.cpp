#include "coverage.h"

#include "core/reports/pacifictime.h"
#include "core/reports/salescalendar.h"
#include "core/reports/tablenames.h"
#include "core/storage/destination.h"
#include "core/sync/loadedinstances.h"

#include <QJsonArray>
#include <QMap>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ascsync::status {

namespace {

const QString kOngoing = u"ONGOING"_s;
const QString kSnapshot = u"ONE_TIME_SNAPSHOT"_s;

QString seriesKey(const QString &appId, const QString &report, const QString &granularity)
{
    return appId + u'\x1f' + report + u'\x1f' + granularity;
}

// The first date of the period that contains `date`: the day, its week's Monday, its month's first day
// (Apple's `Date` of weekly and monthly rows, API-NOTES §5.2).
QDate periodStart(const QString &granularity, QDate date)
{
    if (granularity == u"WEEKLY"_s)
        return date.addDays(1 - date.dayOfWeek());
    if (granularity == u"MONTHLY"_s)
        return QDate(date.year(), date.month(), 1);
    return date;
}

QDate nextPeriod(const QString &granularity, QDate start)
{
    if (granularity == u"WEEKLY"_s)
        return start.addDays(7);
    if (granularity == u"MONTHLY"_s)
        return start.addMonths(1);
    return start.addDays(1);
}

// Everything known of one app's report table, gathered from the facts before the dates are walked.
struct SeriesFacts {
    CoverageSeries series;
    QHash<qint64, const storage::InstanceRecord *> byKey;
    QMap<QDate, const storage::InstanceRecord *> ongoing; // non-duplicate ONGOING, by processing date
    QMap<QDate, std::pair<QString, QString>> duplicates;  // processing date -> (instance, repeated one)
    QMap<QDate, std::pair<const storage::InstanceRecord *, qint64>> held; // date -> holder and rows
    std::pair<QDate, QDate> listed; // ONGOING listings: first and last day
};

// Apple sometimes publishes an ONGOING instance with exactly the content of the one before it (identical
// segment checksums): the date the newer one should have brought is never delivered.
void sortOngoing(SeriesFacts &facts, QList<const storage::InstanceRecord *> ongoing)
{
    std::sort(ongoing.begin(), ongoing.end(),
              [](const auto *a, const auto *b) { return a->processingDate < b->processingDate; });
    const storage::InstanceRecord *previous = nullptr;
    for (const storage::InstanceRecord *instance : std::as_const(ongoing)) {
        if (previous && !instance->checksums.isEmpty() && instance->checksums == previous->checksums &&
            instance->processingDate != previous->processingDate) {
            facts.duplicates.insert(instance->processingDate, {instance->instanceId, previous->instanceId});
            continue; // a later duplicate repeats the same original
        }
        facts.ongoing.insert(instance->processingDate, instance);
        previous = instance;
    }
}

QHash<QString, SeriesFacts> gatherSeries(const CoverageFacts &facts, const CoverageFilter &filter)
{
    QHash<QString, SeriesFacts> all;
    QHash<QString, QList<const storage::InstanceRecord *>> ongoing;
    for (const storage::InstanceRecord &instance : facts.instances) {
        if (!filter.appId.isEmpty() && instance.appId != filter.appId)
            continue;
        if (!filter.reportName.isEmpty() && instance.reportName != filter.reportName &&
            instance.table != filter.reportName)
            continue;
        const QString key = instance.appId + u'\x1f' + instance.table;
        SeriesFacts &series = all[key];
        series.series.appId = instance.appId;
        series.series.reportName = instance.reportName;
        series.series.table = instance.table;
        series.series.granularity = instance.granularity;
        series.byKey.insert(instance.key, &instance);
        if (instance.accessType == kSnapshot)
            series.series.snapshotProcessingDate =
                std::max(series.series.snapshotProcessingDate, instance.processingDate);
        else
            ongoing[key].append(&instance);
    }
    for (auto it = all.begin(); it != all.end(); ++it) {
        sortOngoing(it.value(), ongoing.value(it.key()));
        const CoverageSeries &series = it->series;
        it->listed = facts.listings.value(seriesKey(series.appId, series.reportName, series.granularity));
    }
    QHash<qint64, SeriesFacts *> byInstance;
    for (SeriesFacts &series : all) {
        for (auto it = series.byKey.cbegin(); it != series.byKey.cend(); ++it)
            byInstance.insert(it.key(), &series);
    }
    for (const storage::HeldDay &day : facts.days) {
        SeriesFacts *series = byInstance.value(day.instanceKey);
        if (!series)
            continue;
        const storage::InstanceRecord *instance = series->byKey.value(day.instanceKey);
        const QDate date = periodStart(series->series.granularity, day.day);
        const auto existing = series->held.constFind(date);
        // One holder per day is the registry's invariant; should it list two, the newest is the truth.
        if (existing == series->held.cend() || existing->first->processingDate < instance->processingDate)
            series->held.insert(date, {instance, day.rowCount});
    }
    return all;
}

QDate lastDayOf(const QString &granularity, QDate start)
{
    return nextPeriod(granularity, start).addDays(-1);
}

// The state of one date that no instance holds rows for.
CoverageDay unheldDay(const SeriesFacts &facts, QDate date, QDate today)
{
    const QString &granularity = facts.series.granularity;
    CoverageDay day;
    day.date = date;
    day.processingDate = expectedProcessingDate(granularity, date);
    const QDate expected = day.processingDate;
    if (const auto *instance = facts.ongoing.value(expected)) {
        day.state = CoverageState::NoData;
        day.instanceId = instance->instanceId;
        return day;
    }
    const QDate snapshot = facts.series.snapshotProcessingDate;
    if (snapshot.isValid() && snapshot > lastDayOf(granularity, date)) {
        // A snapshot holds every date before its processing date that has data.
        day.state = CoverageState::NoData;
        for (const auto *instance : facts.byKey) {
            if (instance->accessType == kSnapshot && instance->processingDate == snapshot)
                day.instanceId = instance->instanceId;
        }
        day.processingDate = snapshot;
        return day;
    }
    if (const auto duplicate = facts.duplicates.constFind(expected); duplicate != facts.duplicates.cend()) {
        day.state = CoverageState::Missing;
        day.instanceId = duplicate->first;
        day.duplicateOf = duplicate->second;
        return day;
    }
    // Apple publishes the instance of processing date P during P (Pacific), so only up to yesterday's is
    // certainly out.
    if (expected > today.addDays(-1)) {
        day.state = CoverageState::NotPublished;
        return day;
    }
    const QDate oldestKept = today.addDays(-(kInstanceRetentionDays - 1));
    const auto [coveredFrom, lastListed] = facts.listed;
    // Complete listings without a hole saw every instance Apple published from coveredFrom to lastListed.
    const bool listedWhileKept = coveredFrom.isValid() && lastListed > expected && expected >= coveredFrom;
    if (listedWhileKept)
        day.state = CoverageState::Missing;
    else if (expected < oldestKept)
        day.state = CoverageState::DeletedUnloaded;
    else
        day.state = CoverageState::Pending;
    return day;
}

CoverageSeries walk(const SeriesFacts &facts, const CoverageFilter &filter, QDate today)
{
    CoverageSeries series = facts.series;
    const QString &granularity = series.granularity;
    QDate from = filter.from;
    if (!from.isValid()) {
        // The oldest date anything is known of: a held day, or the date of the oldest ONGOING instance.
        if (!facts.held.isEmpty())
            from = facts.held.firstKey();
        for (const QDate processed : facts.ongoing.keys() + facts.duplicates.keys()) {
            QDate covered = periodStart(granularity, processed.addDays(-1));
            if (granularity == u"WEEKLY"_s)
                covered = covered.addDays(-7);
            else if (granularity == u"MONTHLY"_s)
                covered = covered.addMonths(-1);
            if (!from.isValid() || covered < from)
                from = covered;
        }
    }
    const QDate to = filter.to.isValid() ? filter.to : today;
    if (!from.isValid())
        return series;
    for (QDate date = periodStart(granularity, from); date <= to; date = nextPeriod(granularity, date)) {
        const auto held = facts.held.constFind(date);
        if (held != facts.held.cend() && held->second > 0) {
            CoverageDay day;
            day.date = date;
            day.state = CoverageState::Loaded;
            day.instanceId = held->first->instanceId;
            day.processingDate = held->first->processingDate;
            day.rows = held->second;
            series.days.append(day);
        } else {
            series.days.append(unheldDay(facts, date, today));
        }
    }
    return series;
}

// One vendor-wide sales stream: each period's file loaded, known empty (Apple's "no sales" 404), not
// published yet (before its availability time), deleted (older than Apple keeps: about a year, API-NOTES
// §6.4), or not loaded yet.
CoverageSeries salesSeries(const QString &stream, const QList<const storage::LoadRecord *> &records,
                           const CoverageFilter &filter, const QDateTime &now)
{
    const QStringList parts = stream.split(u'/');
    const auto frequency = reports::parseFrequency(parts.value(3));
    CoverageSeries series;
    if (!frequency || *frequency == reports::SalesFrequency::Yearly)
        return series;
    series.reportName = parts.mid(1).join(u'/');
    series.table = reports::salesTableName(parts.value(1), parts.value(2));
    series.granularity = parts.value(3);
    QHash<QString, const storage::LoadRecord *> byDate; // reportDate -> record
    QDate oldest;
    for (const storage::LoadRecord *record : records) {
        const QString reportDate = record->unitKey.section(u'/', 0, 0);
        byDate.insert(reportDate, record);
        const QDate first = QDate::fromString(reportDate.left(10), Qt::ISODate);
        if (first.isValid() && (!oldest.isValid() || first < oldest))
            oldest = first;
    }
    const QDate today = reports::pacificDate(now);
    // The oldest period the sync still asks for is the oldest Apple keeps (SalesCalendar's cut-off).
    const QList<reports::SalesReportPeriod> kept =
        reports::SalesCalendar::periodsToRequest(*frequency, now, QDate());
    const QDate oldestKept = kept.isEmpty() ? today : kept.constFirst().days.first;
    QDate date = filter.from.isValid() ? filter.from : oldest;
    const QDate to = filter.to.isValid() ? filter.to : today;
    for (int guard = 0; date.isValid() && date <= to && guard < 100000; ++guard) {
        const reports::SalesReportPeriod period = reports::SalesCalendar::periodContaining(*frequency, date);
        CoverageDay day;
        day.date = period.days.first;
        if (const storage::LoadRecord *record = byDate.value(period.reportDate)) {
            const bool empty = record->details.value(u"empty"_s).toBool();
            day.state = empty ? CoverageState::NoData : CoverageState::Loaded;
            day.instanceId = record->unitKey;
            day.rows = record->rowCount;
        } else if (!period.isAvailable(now) || period.days.last >= today) {
            day.state = CoverageState::NotPublished;
        } else if (period.days.first < oldestKept) {
            day.state = CoverageState::DeletedUnloaded;
        } else {
            day.state = CoverageState::Pending;
        }
        series.days.append(day);
        date = period.days.last.addDays(1);
    }
    return series;
}

QString appLabel(const CoverageSeries &series, const QString &appName)
{
    return appName.isEmpty() ? u"app %1"_s.arg(series.appId) : appName;
}

} // namespace

QString toString(CoverageState state)
{
    switch (state) {
    case CoverageState::Loaded:
        return u"loaded"_s;
    case CoverageState::NoData:
        return u"no-data"_s;
    case CoverageState::NotPublished:
        return u"not-published"_s;
    case CoverageState::Pending:
        return u"pending"_s;
    case CoverageState::Missing:
        return u"missing"_s;
    case CoverageState::DeletedUnloaded:
        return u"deleted-before-loaded"_s;
    }
    return {};
}

QString describe(CoverageState state)
{
    switch (state) {
    case CoverageState::Loaded:
        return u"loaded"_s;
    case CoverageState::NoData:
        return u"no data (none or thresholded)"_s;
    case CoverageState::NotPublished:
        return u"not published yet"_s;
    case CoverageState::Pending:
        return u"published, not loaded yet"_s;
    case CoverageState::Missing:
        return u"missing"_s;
    case CoverageState::DeletedUnloaded:
        return u"deleted before it was loaded"_s;
    }
    return {};
}

QDate expectedProcessingDate(const QString &granularity, QDate date)
{
    // Daily: the instance processed the next day; weekly: the Friday after the week (Monday + 11); monthly:
    // the 5th of the next month (API-NOTES §5.3, "Availability per report").
    if (granularity == u"WEEKLY"_s)
        return periodStart(granularity, date).addDays(11);
    if (granularity == u"MONTHLY"_s)
        return periodStart(granularity, date).addMonths(1).addDays(4);
    return date.addDays(1);
}

int CoverageSeries::count(CoverageState state) const
{
    return int(std::count_if(days.cbegin(), days.cend(),
                             [state](const CoverageDay &day) { return day.state == state; }));
}

QStringList CoverageSeries::ranges(CoverageState state) const
{
    QStringList ranges;
    QDate start;
    QDate end;
    const auto flush = [&] {
        if (start.isValid())
            ranges << (start == end ? start.toString(Qt::ISODate)
                                    : start.toString(Qt::ISODate) + u".."_s + end.toString(Qt::ISODate));
        start = {};
    };
    for (const CoverageDay &day : days) {
        if (day.state != state) {
            flush();
            continue;
        }
        if (!start.isValid())
            start = day.date;
        end = day.date;
    }
    flush();
    return ranges;
}

QJsonObject CoverageSeries::toJson() const
{
    QJsonArray dayArray;
    for (const CoverageDay &day : days) {
        QJsonObject entry{{u"date"_s, day.date.toString(Qt::ISODate)}, {u"state"_s, toString(day.state)}};
        if (!day.instanceId.isEmpty())
            entry.insert(u"instanceId"_s, day.instanceId);
        if (day.processingDate.isValid())
            entry.insert(u"processingDate"_s, day.processingDate.toString(Qt::ISODate));
        if (day.state == CoverageState::Loaded)
            entry.insert(u"rows"_s, day.rows);
        if (!day.duplicateOf.isEmpty())
            entry.insert(u"duplicateOf"_s, day.duplicateOf);
        dayArray.append(entry);
    }
    QJsonObject counts;
    for (CoverageState state :
         {CoverageState::Loaded, CoverageState::NoData, CoverageState::NotPublished, CoverageState::Pending,
          CoverageState::Missing, CoverageState::DeletedUnloaded})
        counts.insert(toString(state), count(state));
    return {{u"appId"_s, appId},
            {u"report"_s, reportName},
            {u"table"_s, table},
            {u"granularity"_s, granularity},
            {u"snapshotProcessingDate"_s, snapshotProcessingDate.toString(Qt::ISODate)},
            {u"counts"_s, counts},
            {u"missing"_s, QJsonArray::fromStringList(ranges(CoverageState::Missing))},
            {u"days"_s, dayArray}};
}

int CoverageReport::count(CoverageState state) const
{
    int total = 0;
    for (const CoverageSeries &entry : series)
        total += entry.count(state);
    return total;
}

QJsonObject CoverageReport::toJson() const
{
    QJsonArray array;
    for (const CoverageSeries &entry : series)
        array.append(entry.toJson());
    return {{u"today"_s, today.toString(Qt::ISODate)},
            {u"missingDays"_s, count(CoverageState::Missing)},
            {u"series"_s, array}};
}

QDate CoverageReport::snapshotRecoveryDate() const
{
    QDate date;
    for (const CoverageSeries &entry : series) {
        if (entry.count(CoverageState::Missing) == 0)
            continue;
        const QDate snapshot = entry.snapshotProcessingDate;
        const QDate next =
            snapshot.isValid() ? std::max(today, snapshot.addDays(kSnapshotWindowDays)) : today;
        date = date.isValid() ? std::max(date, next) : next;
    }
    return date;
}

QStringList CoverageReport::warnings(const QString &appName) const
{
    QStringList lines;
    for (const CoverageSeries &entry : series) {
        const int missing = entry.count(CoverageState::Missing);
        if (missing == 0)
            continue;
        const QString unit = entry.granularity == u"DAILY"_s    ? u"day"_s
                             : entry.granularity == u"WEEKLY"_s ? u"week"_s
                                                                : u"month"_s;
        // Apple allows one snapshot request a month; it holds the whole history up to its processing day.
        const QDate snapshot = entry.snapshotProcessingDate;
        const QDate nextSnapshot =
            snapshot.isValid() ? std::max(today, snapshot.addDays(kSnapshotWindowDays)) : today;
        const QString when =
            nextSnapshot > today
                ? u"requested from %1 on (Apple allows one a month; the last one loaded was processed on %2)"_s
                      .arg(nextSnapshot.toString(Qt::ISODate), snapshot.toString(Qt::ISODate))
                : u"requested now"_s;
        lines << u"%1 %2%3 missing for %4 %5 of %6: %7; a new ONE_TIME_SNAPSHOT %8 may recover them: see "
                 u"Admin setup (`ascsync admin-commands`)."_s.arg(missing)
                     .arg(unit, missing == 1 ? QString() : u"s"_s, entry.table, entry.granularity,
                          appLabel(entry, appName), entry.ranges(CoverageState::Missing).join(u", "_s), when);
    }
    return lines;
}

Result<CoverageFacts> readCoverageFacts(storage::Destination &destination)
{
    CoverageFacts facts;
    auto instances = destination.instances();
    if (!instances)
        return instances.error();
    facts.instances = std::move(instances).value();
    auto days = destination.instanceDays();
    if (!days)
        return days.error();
    facts.days = std::move(days).value();
    auto sales = destination.loadsUnder(u"sales/"_s);
    if (!sales)
        return sales.error();
    facts.salesLoads = std::move(sales).value();
    // The planner's record of each complete listing (LoadedInstances::recordListing).
    const auto listings = destination.loads(sync::LoadedInstances::kListingsStream.toString());
    if (!listings)
        return listings.error();
    for (const storage::LoadRecord &record : listings.value()) {
        const QJsonObject &details = record.details;
        if (details.value(u"accessType"_s).toString() != kOngoing)
            continue;
        const QDate last = QDate::fromString(details.value(u"listedOn"_s).toString(), Qt::ISODate);
        QDate first = QDate::fromString(details.value(u"coveredFrom"_s).toString(), Qt::ISODate);
        if (!first.isValid()) // written before coveredFrom existed: from the first listing on
            first = QDate::fromString(details.value(u"firstListedOn"_s).toString(), Qt::ISODate)
                        .addDays(-(kInstanceRetentionDays - 1));
        if (last.isValid() && first.isValid())
            facts.listings.insert(seriesKey(details.value(u"appId"_s).toString(),
                                            details.value(u"report"_s).toString(),
                                            details.value(u"granularity"_s).toString()),
                                  {first, last});
    }
    return facts;
}

CoverageReport computeCoverage(const CoverageFacts &facts, const CoverageFilter &filter, const QDateTime &now)
{
    CoverageReport report;
    report.today = now.toUTC().date();
    const QHash<QString, SeriesFacts> all = gatherSeries(facts, filter);
    for (const SeriesFacts &series : all)
        report.series.append(walk(series, filter, report.today));
    if (filter.appId.isEmpty()) { // sales files are the vendor's, not an app's
        QMap<QString, QList<const storage::LoadRecord *>> byStream;
        for (const storage::LoadRecord &record : facts.salesLoads)
            byStream[record.stream].append(&record);
        for (auto it = byStream.cbegin(); it != byStream.cend(); ++it) {
            CoverageSeries series = salesSeries(it.key(), it.value(), filter, now);
            const bool selected = filter.reportName.isEmpty() || filter.reportName == series.reportName ||
                                  filter.reportName == series.table;
            if (!series.days.isEmpty() && selected)
                report.series.append(std::move(series));
        }
    }
    std::sort(report.series.begin(), report.series.end(), [](const auto &a, const auto &b) {
        return std::tie(a.appId, a.table) < std::tie(b.appId, b.table);
    });
    return report;
}

} // namespace ascsync::status
