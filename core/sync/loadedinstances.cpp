#include "sync/loadedinstances.h"

#include "storage/destination.h"

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
    return loaded;
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
