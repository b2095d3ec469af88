#include "loadedinstances.h"

#include "core/storage/destination.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace ascsync::sync {

Result<LoadedInstances> LoadedInstances::read(storage::Destination &destination)
{
    const auto records = destination.loadsUnder(u"analytics/"_s);
    if (!records) {
        return records.error();
    }
    LoadedInstances loaded;
    for (const storage::LoadRecord &record : records.value()) {
        loaded.add(record);
    }
    const auto listings = destination.loads(kListingsStream.toString());
    if (!listings) {
        return listings.error();
    }
    for (const storage::LoadRecord &record : listings.value()) {
        loaded.addListing(record);
    }
    return loaded;
}

Status LoadedInstances::recordListing(storage::Destination &destination, const QString &appId,
                                      const QString &report, const QString &granularity,
                                      const QString &accessType, QDate processingDay, QDate firstListedOn)
{
    storage::LoadRecord record;
    record.stream = kListingsStream.toString();
    record.unitKey = seriesKey(appId, report, granularity, accessType).replace(u'\x1f', u'/');
    const auto previous = destination.findLoad(record.stream, record.unitKey);
    if (!previous)
        return previous.error();
    const QDate oldestSeen = processingDay.addDays(-(kKeptDays - 1));
    QDate coveredFrom = oldestSeen;
    if (previous->has_value()) {
        const QJsonObject &before = (*previous)->details;
        const QDate lastListed = QDate::fromString(before.value(u"listedOn"_s).toString(), Qt::ISODate);
        QDate lastCovered = QDate::fromString(before.value(u"coveredFrom"_s).toString(), Qt::ISODate);
        if (!lastCovered.isValid())
            lastCovered = QDate::fromString(before.value(u"firstListedOn"_s).toString(), Qt::ISODate)
                              .addDays(-(kKeptDays - 1));
        // This listing saw from oldestSeen on; the previous ones up to lastListed: no hole between them.
        if (lastListed.isValid() && lastCovered.isValid() && oldestSeen <= lastListed.addDays(1))
            coveredFrom = std::min(lastCovered, oldestSeen);
    }
    record.checksum = u"listed"_s;
    record.source = u"instance listing of %1"_s.arg(report);
    record.details =
        QJsonObject{{u"appId"_s, appId},
                    {u"report"_s, report},
                    {u"granularity"_s, granularity},
                    {u"accessType"_s, accessType},
                    {u"listedOn"_s, processingDay.toString(Qt::ISODate)},
                    {u"coveredFrom"_s, coveredFrom.toString(Qt::ISODate)},
                    {u"firstListedOn"_s,
                     (firstListedOn.isValid() ? firstListedOn : processingDay).toString(Qt::ISODate)}};
    return destination.recordLoad(record);
}

void LoadedInstances::addListing(const storage::LoadRecord &record)
{
    const QJsonObject &details = record.details;
    const QDate listed = QDate::fromString(details.value(u"listedOn"_s).toString(), Qt::ISODate);
    if (!listed.isValid()) {
        return;
    }
    const QString key =
        seriesKey(details.value(u"appId"_s).toString(), details.value(u"report"_s).toString(),
                  details.value(u"granularity"_s).toString(), details.value(u"accessType"_s).toString());
    const QDate first = QDate::fromString(details.value(u"firstListedOn"_s).toString(), Qt::ISODate);
    QDate &earliest = m_firstListedOn[key];
    earliest = earliest.isValid() ? std::min(earliest, first.isValid() ? first : listed)
                                  : (first.isValid() ? first : listed);
    QDate &known = m_listedOn[seriesKey(
        details.value(u"appId"_s).toString(), details.value(u"report"_s).toString(),
        details.value(u"granularity"_s).toString(), details.value(u"accessType"_s).toString())];
    known = std::max(known, listed);
}

QDate LoadedInstances::firstListedOn(const QString &appId, const QString &report, const QString &granularity,
                                     const QString &accessType) const
{
    return m_firstListedOn.value(seriesKey(appId, report, granularity, accessType));
}

QDate LoadedInstances::listedOn(const QString &appId, const QString &report, const QString &granularity,
                                const QString &accessType) const
{
    return m_listedOn.value(seriesKey(appId, report, granularity, accessType));
}

void LoadedInstances::add(const storage::LoadRecord &record)
{
    m_instanceIds.insert(record.unitKey);
    const QJsonObject &details = record.details;
    const QString appId = details.value(u"appId"_s).toString();
    const QDate processed = QDate::fromString(details.value(u"processingDate"_s).toString(), Qt::ISODate);
    if (appId.isEmpty() || !processed.isValid()) {
        return;
    }
    const QString report = details.value(u"report"_s).toString();
    if (details.value(u"accessType"_s).toString() == u"ONE_TIME_SNAPSHOT"_s) {
        m_appsWithSnapshot.insert(appId);
    }
    QDate &newest = m_newest[seriesKey(appId, report, details.value(u"granularity"_s).toString(),
                                       details.value(u"accessType"_s).toString())];
    newest = std::max(newest, processed);
    qint64 bytes = 0;
    bool sized = false;
    for (const QJsonValue &segment : details.value(u"segments"_s).toArray()) {
        const qint64 size = segment.toObject().value(u"sizeInBytes"_s).toInteger(-1);
        if (size >= 0) {
            bytes += size;
            sized = true;
        }
    }
    if (sized) {
        auto &[count, total] = m_bytesByReport[report];
        ++count;
        total += bytes;
    }
}

QDate LoadedInstances::newest(const QString &appId, const QString &report, const QString &granularity,
                              const QString &accessType) const
{
    return m_newest.value(seriesKey(appId, report, granularity, accessType));
}

qint64 LoadedInstances::averageBytes(const QString &report) const
{
    const auto found = m_bytesByReport.constFind(report);
    if (found == m_bytesByReport.constEnd() || found->first == 0) {
        return -1;
    }
    return found->second / found->first;
}

QString LoadedInstances::seriesKey(const QString &appId, const QString &report, const QString &granularity,
                                   const QString &accessType)
{
    // Report names are compared case-insensitively by Apple (API-NOTES §5.1).
    return appId + u'\x1f' + report.toCaseFolded() + u'\x1f' + granularity + u'\x1f' + accessType;
}

} // namespace ascsync::sync
