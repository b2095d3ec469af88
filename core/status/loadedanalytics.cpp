#include "loadedanalytics.h"

#include "core/storage/destination.h"

using namespace Qt::StringLiterals;

namespace ascsync::status {

Result<QHash<QString, LoadedApp>> readLoadedAnalytics(storage::Destination &destination)
{
    // The sync engine names analytics streams "analytics/<table>" and keeps the instance's app, report,
    // granularity, access type and processing date in the record's details.
    const auto records = destination.loadsUnder(u"analytics/"_s);
    if (!records) {
        return records.error();
    }
    QHash<QString, LoadedApp> loaded;
    for (const storage::LoadRecord &record : records.value()) {
        const QString appId = record.details.value(u"appId"_s).toString();
        if (appId.isEmpty()) {
            continue;
        }
        LoadedApp &app = loaded[appId];
        app.instanceIds.insert(record.unitKey);
        app.reportNames.insert(record.details.value(u"report"_s).toString());
        if (!app.lastLoadedAt.isValid() || record.loadedAt > app.lastLoadedAt) {
            app.lastLoadedAt = record.loadedAt;
        }
        const QDate processed =
            QDate::fromString(record.details.value(u"processingDate"_s).toString(), Qt::ISODate);
        if (record.details.value(u"accessType"_s).toString() == u"ONE_TIME_SNAPSHOT"_s) {
            app.snapshotProcessingDate = std::max(app.snapshotProcessingDate, processed);
            continue;
        }
        QDate &newest = app.newestProcessingDate[record.details.value(u"granularity"_s).toString()];
        newest = std::max(newest, processed);
    }
    return loaded;
}

} // namespace ascsync::status
