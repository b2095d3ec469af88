#include "requeststate.h"

#include "serverlog.h"
#include "stableid.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

namespace {

constexpr int kStateVersion = 1;
// How long before --today a pre-existing snapshot was processed, and an ongoing request was stopped.
constexpr int kSnapshotAgeDays = 20;
constexpr int kStoppedDaysAgo = 10;

QJsonValue dateValue(QDate date)
{
    return date.isValid() ? QJsonValue(date.toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null);
}

QDate dateFrom(const QJsonValue &value)
{
    return QDate::fromString(value.toString(), Qt::ISODate);
}

QJsonObject toJson(const ReportRequest &request)
{
    return {
        {u"id"_s, request.id},
        {u"appId"_s, request.appId},
        {u"accessType"_s, toApiString(request.access)},
        {u"createdOn"_s, dateValue(request.createdOn)},
        {u"reportsAvailableAt"_s, request.reportsAvailableAt.toUTC().toString(Qt::ISODateWithMs)},
        {u"readyDate"_s, dateValue(request.readyDate)},
        {u"stoppedOn"_s, dateValue(request.stoppedOn)},
    };
}

ReportRequest fromJson(const QJsonObject &object)
{
    ReportRequest request;
    request.id = object.value(u"id"_s).toString();
    request.appId = object.value(u"appId"_s).toString();
    request.access = object.value(u"accessType"_s).toString() == toApiString(AccessType::OneTimeSnapshot)
                         ? AccessType::OneTimeSnapshot
                         : AccessType::Ongoing;
    request.createdOn = dateFrom(object.value(u"createdOn"_s));
    request.reportsAvailableAt =
        QDateTime::fromString(object.value(u"reportsAvailableAt"_s).toString(), Qt::ISODateWithMs);
    request.readyDate = dateFrom(object.value(u"readyDate"_s));
    request.stoppedOn = dateFrom(object.value(u"stoppedOn"_s));
    return request;
}

// What the stored requests depend on: the apps they point at.
QString universeOf(quint64 seed, const RequestState::StartState &start)
{
    return u"seed=%1;apps=%2"_s.arg(seed).arg(start.apps.size());
}

} // namespace

RequestState::RequestState(quint64 seed, QString stateFilePath)
    : m_seed(seed)
    , m_path(std::move(stateFilePath))
{}

bool RequestState::loadOrInitialize(const StartState &start, QString *error)
{
    m_universe = universeOf(m_seed, start);
    if (!m_path.isEmpty() && QFileInfo::exists(m_path)) {
        QFile file(m_path);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = u"cannot read %1: %2"_s.arg(m_path, file.errorString());
            return false;
        }
        const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
        if (root.value(u"version"_s).toInt() != kStateVersion) {
            *error =
                u"%1 is not a state file of this simulator version; delete it to start afresh"_s.arg(m_path);
            return false;
        }
        if (root.value(u"universe"_s).toString() == m_universe) {
            m_nextSerial = root.value(u"nextSerial"_s).toInt(1);
            const QJsonArray requests = root.value(u"requests"_s).toArray();
            for (const QJsonValue &value : requests)
                m_requests.append(fromJson(value.toObject()));
            return true;
        }
        // Another seed or app count is another universe: its requests would point at apps that don't exist.
        qCInfo(lcSandboxServer)
            << "state.json belongs to another --seed or --apps; starting from fresh report requests";
    }
    initialize(start);
    return save(error);
}

void RequestState::initialize(const StartState &start)
{
    m_requests.clear();
    const int enabled = qBound(0, start.enabledApps, int(start.apps.size()));
    // Requests made "long ago": their generation delay ended before the simulator started.
    const QDateTime longAgo = QDateTime::fromSecsSinceEpoch(0, QTimeZone::utc());
    for (int index = 0; index < enabled; ++index) {
        const QString appId = start.apps.at(index).id;

        ReportRequest ongoing;
        ongoing.appId = appId;
        ongoing.access = AccessType::Ongoing;
        ongoing.id = mintId(appId, ongoing.access);
        ongoing.readyDate = start.historyStart;
        ongoing.createdOn = start.historyStart.addDays(-2);
        ongoing.reportsAvailableAt = longAgo;
        // With two or more enabled apps, the last one shows Apple's stopped-for-inactivity state.
        if (enabled >= 2 && index == enabled - 1)
            ongoing.stoppedOn = std::max(start.today.addDays(-kStoppedDaysAgo), start.historyStart);
        m_requests.append(ongoing);

        ReportRequest snapshot;
        snapshot.appId = appId;
        snapshot.access = AccessType::OneTimeSnapshot;
        snapshot.id = mintId(appId, snapshot.access);
        snapshot.readyDate = std::max(start.today.addDays(-kSnapshotAgeDays), start.historyStart);
        snapshot.createdOn = snapshot.readyDate.addDays(-2);
        snapshot.reportsAvailableAt = longAgo;
        m_requests.append(snapshot);
    }
}

QString RequestState::mintId(const QString &appId, AccessType access)
{
    return StableId::uuid({QByteArray::number(m_seed), QByteArrayLiteral("analyticsReportRequests"),
                           appId.toUtf8(), toApiString(access).toUtf8(), QByteArray::number(m_nextSerial++)});
}

QList<ReportRequest> RequestState::requestsOf(const QString &appId) const
{
    QList<ReportRequest> list;
    for (const ReportRequest &request : m_requests) {
        if (request.appId == appId)
            list.append(request);
    }
    return list;
}

const ReportRequest *RequestState::find(const QString &id) const
{
    for (const ReportRequest &request : m_requests) {
        if (request.id == id)
            return &request;
    }
    return nullptr;
}

const ReportRequest *RequestState::findByAccess(const QString &appId, AccessType access) const
{
    for (const ReportRequest &request : m_requests) {
        if (request.appId == appId && request.access == access)
            return &request;
    }
    return nullptr;
}

ReportRequest RequestState::create(const QString &appId, AccessType access, const QDateTime &now,
                                   int delaySeconds, QDate today, QString *error)
{
    ReportRequest request;
    request.appId = appId;
    request.access = access;
    request.id = mintId(appId, access);
    request.createdOn = today;
    request.reportsAvailableAt = now.addSecs(delaySeconds);
    // The simulated calendar does not move while the simulator runs: the delay ends "today".
    request.readyDate = today;
    m_requests.append(request);
    if (!save(error))
        qCWarning(lcSandboxServer) << "report request" << request.id << "not persisted:" << *error;
    return request;
}

bool RequestState::remove(const QString &id, QString *error)
{
    const auto removed =
        m_requests.removeIf([&id](const ReportRequest &request) { return request.id == id; });
    return removed > 0 && save(error);
}

bool RequestState::save(QString *error) const
{
    if (m_path.isEmpty())
        return true;
    QJsonArray requests;
    for (const ReportRequest &request : m_requests)
        requests.append(toJson(request));
    const QJsonObject root{
        {u"version"_s, kStateVersion},
        {u"universe"_s, m_universe},
        {u"nextSerial"_s, m_nextSerial},
        {u"requests"_s, requests},
    };
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(root).toJson()) < 0 || !file.commit()) {
        *error = u"cannot write %1: %2"_s.arg(m_path, file.errorString());
        return false;
    }
    return true;
}

} // namespace ascsync::sandbox
