#include "appstatus.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace ascsync::status {

namespace {

QJsonValue dateOrNull(const QDate &date)
{
    return date.isValid() ? QJsonValue(date.toString(Qt::ISODate)) : QJsonValue();
}

QJsonObject toJson(const GranularityStatus &granularity)
{
    return {{u"granularity"_s, granularity.granularity},
            {u"processingDays"_s, granularity.processingDays},
            {u"newestProcessingDate"_s, dateOrNull(granularity.newestProcessingDate)},
            {u"loadedProcessingDate"_s, dateOrNull(granularity.loadedProcessingDate)},
            {u"unloadedInstances"_s, granularity.unloadedInstances}};
}

QJsonObject toJson(const AppStatus &app)
{
    QJsonArray granularities;
    for (const GranularityStatus &granularity : app.granularities) {
        granularities.append(toJson(granularity));
    }
    return {{u"appId"_s, app.appId},
            {u"name"_s, app.name},
            {u"bundleId"_s, app.bundleId},
            {u"ongoing"_s, toString(app.ongoing)},
            {u"snapshot"_s, toString(app.snapshot)},
            {u"snapshotAgeDays"_s, app.snapshotAgeDays ? QJsonValue(*app.snapshotAgeDays) : QJsonValue()},
            {u"reportCount"_s, app.reportCount},
            {u"granularities"_s, granularities},
            {u"lastLoadedAt"_s, app.lastLoadedAt.isValid()
                                    ? QJsonValue(app.lastLoadedAt.toUTC().toString(Qt::ISODate))
                                    : QJsonValue()},
            {u"gaps"_s, QJsonArray::fromStringList(app.gaps)},
            {u"nextSteps"_s, QJsonArray::fromStringList(app.nextSteps)},
            {u"readiness"_s, toString(app.readiness)}};
}

} // namespace

QString toString(OngoingState state)
{
    switch (state) {
    case OngoingState::Active:
        return u"active"_s;
    case OngoingState::StoppedForInactivity:
        return u"stopped"_s;
    case OngoingState::Missing:
        break;
    }
    return u"missing"_s;
}

QString toString(SnapshotState state)
{
    return state == SnapshotState::Present ? u"present"_s : u"missing"_s;
}

QString toString(Readiness readiness)
{
    switch (readiness) {
    case Readiness::Ready:
        return u"ready"_s;
    case Readiness::Waiting:
        return u"waiting"_s;
    case Readiness::Stopped:
        return u"stopped"_s;
    case Readiness::NeedsSetup:
        break;
    }
    return u"needs-setup"_s;
}

int StatusReport::appsWithoutRequests() const
{
    int count = 0;
    for (const AppStatus &app : apps) {
        if (app.ongoing != OngoingState::Active || app.snapshot != SnapshotState::Present) {
            ++count;
        }
    }
    return count;
}

QString StatusReport::headline() const
{
    const int count = appsWithoutRequests();
    if (count == 0) {
        return {};
    }
    return count == 1 ? u"You have 1 app without report requests."_s
                      : u"You have %1 apps without report requests."_s.arg(count);
}

QJsonObject StatusReport::toJson() const
{
    QJsonArray list;
    for (const AppStatus &app : apps) {
        list.append(status::toJson(app));
    }
    QJsonObject versions;
    for (auto it = salesReportVersions.cbegin(); it != salesReportVersions.cend(); ++it) {
        versions.insert(it.key(), it.value());
    }
    return {{u"today"_s, dateOrNull(today)},
            {u"salesReportVersions"_s, versions},
            {u"appsWithoutRequests"_s, appsWithoutRequests()},
            {u"headline"_s, headline()},
            {u"destinationChecked"_s, destinationChecked},
            {u"destinationNote"_s, destinationNote},
            {u"apps"_s, list}};
}

} // namespace ascsync::status
