#include "analyticsendpoints.h"

#include "resourceid.h"

#include "core/common/blockingcall.h"
#include "core/common/plaintext.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace ascsync::api {

namespace {

QJsonObject attributesOf(const QJsonValue &resource)
{
    return resource.toObject().value(u"attributes"_s).toObject();
}

QString idOf(const QJsonValue &resource)
{
    return resource.toObject().value(u"id"_s).toString();
}

// A listed resource's id, checked before anything uses it (a URL, a script, a load record).
Result<QString> checkedIdOf(const QJsonValue &resource, const QString &what)
{
    return checkResourceId(idOf(resource), what);
}

// Pre-signed segment links must be https: the link is the credential. Plain http is accepted only on the
// loopback interface (the simulator and tests).
bool isAcceptableSegmentUrl(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty()) {
        return false;
    }
    if (url.scheme() == u"https"_s) {
        return true;
    }
    const QString host = url.host();
    return url.scheme() == u"http"_s &&
           (host == u"127.0.0.1"_s || host == u"localhost"_s || host == u"::1"_s);
}

// One listed segment, checked: an id, an https link (the credential), a size and a checksum to verify.
Result<SegmentInfo> segmentOf(const QJsonValue &value, const QString &instanceId)
{
    const auto id = checkedIdOf(value, u"a file of instance %1"_s.arg(instanceId));
    if (!id) {
        return id.error();
    }
    const QJsonObject attributes = attributesOf(value);
    const QUrl url(attributes.value(u"url"_s).toString());
    if (!isAcceptableSegmentUrl(url)) {
        return makeError(
            u"api.badResponse"_s,
            u"App Store Connect listed a report file (%1) without a usable https download URL; "
            u"ascsync does not fetch report files over plain http. Try again later."_s.arg(id.value()));
    }
    const qint64 size =
        attributes.contains(u"sizeInBytes"_s) ? attributes.value(u"sizeInBytes"_s).toInteger(-1) : -1;
    const QString checksum = attributes.value(u"checksum"_s).toString();
    if ((attributes.contains(u"sizeInBytes"_s) && size < 0) || checksum.isEmpty()) {
        return makeError(u"api.badResponse"_s,
                         u"App Store Connect listed a report file (%1) with a negative size or without a "
                         u"checksum, so its download could not be verified; the instance is retried on the "
                         u"next sync."_s.arg(id.value()));
    }
    return SegmentInfo{id.value(), url, size, checksum};
}

QUrlQuery pageOf200()
{
    QUrlQuery query;
    query.addQueryItem(u"limit"_s, u"200"_s);
    return query;
}

// Checks an id before it goes into a path. When it is not one, `done` hears why (later, as ApiClient
// answers) and false is returned.
template <typename Callback>
bool checkIdOrAnswer(ApiClient &client, const QString &id, const QString &kind, Callback &done)
{
    auto checked = checkResourceId(id, kind);
    if (!checked) {
        client.later([done = std::move(done), error = checked.error()] { done(error); });
    }
    return checked.ok();
}

template <typename T> using ListParser = Result<QList<T>> (*)(const QJsonArray &data, const QString &ownerId);

// One listing of the chain: the owner's id checked before it goes into a path, every page read, then
// parsed into typed records. Answers as ApiClient does (once, later, in its thread).
template <typename T>
void listAsync(ApiClient &client, const QString &ownerId, const QString &ownerKind,
               const QString &pathPattern, const QUrlQuery &query, const QString &what, ListParser<T> parse,
               std::function<void(Result<QList<T>>)> done)
{
    if (!checkIdOrAnswer(client, ownerId, ownerKind, done)) {
        return;
    }
    client.getAllAsync(pathPattern.arg(pathSegment(ownerId)), query, what,
                       [ownerId, parse, done = std::move(done)](const Result<PagedData> &pages) {
                           if (!pages) {
                               done(pages.error());
                               return;
                           }
                           done(parse(pages->data, ownerId));
                       });
}

} // namespace

Result<QList<ReportRequestInfo>> parseReportRequests(const QJsonArray &data, const QString &appId)
{
    QList<ReportRequestInfo> requests;
    for (const QJsonValue &value : data) {
        const auto id = checkedIdOf(value, u"an analytics report request of app %1"_s.arg(appId));
        if (!id) {
            return id.error();
        }
        const QJsonObject attributes = attributesOf(value);
        requests.append({id.value(), attributes.value(u"accessType"_s).toString(),
                         attributes.value(u"stoppedDueToInactivity"_s).toBool()});
    }
    return requests;
}

Result<QList<ReportInfo>> parseReports(const QJsonArray &data, const QString &requestId)
{
    QList<ReportInfo> reports;
    for (const QJsonValue &value : data) {
        const QJsonObject attributes = attributesOf(value);
        // Server text: control characters escaped once, here (report names reach messages and table names).
        const QString name = escapeControlCharacters(attributes.value(u"name"_s).toString());
        const auto id = checkedIdOf(value, u"the report \"%1\" of request %2"_s.arg(name, requestId));
        if (!id) {
            return id.error();
        }
        reports.append(
            {id.value(), name, escapeControlCharacters(attributes.value(u"category"_s).toString())});
    }
    return reports;
}

AnalyticsEndpoints::AnalyticsEndpoints(ApiClient &client)
    : m_client(client)
{}

Result<QList<ReportRequestInfo>> AnalyticsEndpoints::requests(const QString &appId)
{
    return blockingCall<Result<QList<ReportRequestInfo>>>(
        [&](Callback<ReportRequestInfo> done) { requestsAsync(appId, std::move(done)); });
}

void AnalyticsEndpoints::requestsAsync(const QString &appId, Callback<ReportRequestInfo> done)
{
    listAsync<ReportRequestInfo>(m_client, appId, u"an app"_s, u"/v1/apps/%1/analyticsReportRequests"_s,
                                 pageOf200(), u"listing the analytics report requests of app %1"_s.arg(appId),
                                 &parseReportRequests, std::move(done));
}

Result<QList<ReportInfo>> AnalyticsEndpoints::reports(const QString &requestId)
{
    return blockingCall<Result<QList<ReportInfo>>>(
        [&](Callback<ReportInfo> done) { reportsAsync(requestId, std::move(done)); });
}

void AnalyticsEndpoints::reportsAsync(const QString &requestId, Callback<ReportInfo> done)
{
    listAsync<ReportInfo>(
        m_client, requestId, u"an analytics report request"_s, u"/v1/analyticsReportRequests/%1/reports"_s,
        pageOf200(), u"listing the reports of request %1"_s.arg(requestId), &parseReports, std::move(done));
}

Result<QList<RequestWithReports>> AnalyticsEndpoints::requestsWithReports(const QString &appId)
{
    if (const auto checked = checkResourceId(appId, u"an app"_s); !checked) {
        return checked.error();
    }
    QUrlQuery query = pageOf200();
    query.addQueryItem(u"include"_s, u"reports"_s);
    query.addQueryItem(u"limit[reports]"_s, u"50"_s);
    const auto pages =
        m_client.getAll(u"/v1/apps/%1/analyticsReportRequests"_s.arg(pathSegment(appId)), query,
                        u"listing the analytics report requests of app %1"_s.arg(appId));
    if (!pages) {
        return pages.error();
    }
    QHash<QString, ReportInfo> included;
    for (const QJsonValue &value : pages->included) {
        if (value.toObject().value(u"type"_s).toString() != u"analyticsReports"_s) {
            continue;
        }
        const QJsonObject attributes = attributesOf(value);
        // Server text: control characters escaped once, here (report names reach messages and table names).
        const QString name = escapeControlCharacters(attributes.value(u"name"_s).toString());
        const auto id = checkedIdOf(value, u"the report \"%1\" of app %2"_s.arg(name, appId));
        if (!id) {
            return id.error();
        }
        included.insert(id.value(), {id.value(), name,
                                     escapeControlCharacters(attributes.value(u"category"_s).toString())});
    }
    QList<RequestWithReports> requests;
    for (const QJsonValue &value : pages->data) {
        const auto id = checkedIdOf(value, u"an analytics report request of app %1"_s.arg(appId));
        if (!id) {
            return id.error();
        }
        const QJsonObject attributes = attributesOf(value);
        RequestWithReports entry{{id.value(), attributes.value(u"accessType"_s).toString(),
                                  attributes.value(u"stoppedDueToInactivity"_s).toBool()},
                                 {}};
        const QJsonObject relationship =
            value.toObject().value(u"relationships"_s).toObject().value(u"reports"_s).toObject();
        const QJsonArray linkage = relationship.value(u"data"_s).toArray();
        const qint64 total = relationship.value(u"meta"_s)
                                 .toObject()
                                 .value(u"paging"_s)
                                 .toObject()
                                 .value(u"total"_s)
                                 .toInteger(-1);
        bool complete = relationship.contains(u"data"_s) && total >= 0 && total <= linkage.size();
        for (const QJsonValue &link : linkage) {
            const auto report = included.constFind(idOf(link));
            complete = complete && report != included.constEnd();
            if (report != included.constEnd()) {
                entry.reports.append(report.value());
            }
        }
        if (!complete) { // more reports than Apple included, or no linkage: list them on their own
            auto listed = reports(entry.request.id);
            if (!listed) {
                return listed.error();
            }
            entry.reports = listed.value();
        }
        requests.append(entry);
    }
    return requests;
}

Result<QList<InstanceInfo>> AnalyticsEndpoints::instances(const QString &reportId, const QString &granularity)
{
    return instances(reportId, QStringList{granularity}, {});
}

Result<QList<InstanceInfo>> AnalyticsEndpoints::instances(const QString &reportId,
                                                          const QStringList &granularities,
                                                          const QList<QDate> &processingDates)
{
    return blockingCall<Result<QList<InstanceInfo>>>([&](Callback<InstanceInfo> done) {
        instancesAsync(reportId, granularities, processingDates, std::move(done));
    });
}

void AnalyticsEndpoints::instancesAsync(const QString &reportId, const QStringList &granularities,
                                        const QList<QDate> &processingDates, Callback<InstanceInfo> done)
{
    QUrlQuery query = pageOf200();
    query.addQueryItem(u"filter[granularity]"_s, granularities.join(u','));
    if (!processingDates.isEmpty()) {
        QStringList dates;
        for (const QDate &date : processingDates) {
            dates << date.toString(Qt::ISODate);
        }
        query.addQueryItem(u"filter[processingDate]"_s, dates.join(u','));
    }
    listAsync<InstanceInfo>(
        m_client, reportId, u"an analytics report"_s, u"/v1/analyticsReports/%1/instances"_s, query,
        u"listing the %1 instances of report %2"_s.arg(granularities.join(u", "_s).toLower(), reportId),
        &parseInstances, std::move(done));
}

Result<QList<InstanceInfo>> parseInstances(const QJsonArray &data, const QString &reportId)
{
    QList<InstanceInfo> instances;
    for (const QJsonValue &value : data) {
        const auto id = checkedIdOf(value, u"an instance of report %1"_s.arg(reportId));
        if (!id) {
            return id.error();
        }
        const QJsonObject attributes = attributesOf(value);
        const QDate processingDate =
            QDate::fromString(attributes.value(u"processingDate"_s).toString(), Qt::ISODate);
        if (!processingDate.isValid()) {
            return makeError(u"api.badResponse"_s,
                             u"App Store Connect listed an analytics instance (%1) without a "
                             u"valid processingDate; try again later."_s.arg(id.value()));
        }
        instances.append({id.value(), attributes.value(u"granularity"_s).toString(), processingDate});
    }
    return instances;
}

Result<QList<SegmentInfo>> AnalyticsEndpoints::segments(const QString &instanceId)
{
    return blockingCall<Result<QList<SegmentInfo>>>(
        [&](Callback<SegmentInfo> done) { segmentsAsync(instanceId, std::move(done)); });
}

void AnalyticsEndpoints::segmentsAsync(const QString &instanceId, Callback<SegmentInfo> done)
{
    listAsync<SegmentInfo>(m_client, instanceId, u"an analytics report instance"_s,
                           u"/v1/analyticsReportInstances/%1/segments"_s, pageOf200(),
                           u"listing the files of instance %1"_s.arg(instanceId), &parseSegments,
                           std::move(done));
}

Result<QList<SegmentInfo>> parseSegments(const QJsonArray &data, const QString &instanceId)
{
    QList<SegmentInfo> segments;
    for (const QJsonValue &value : data) {
        auto segment = segmentOf(value, instanceId);
        if (!segment) {
            return segment.error();
        }
        segments.append(std::move(segment).value());
    }
    return segments;
}

QJsonObject AnalyticsEndpoints::createRequestBody(const QString &appId, const QString &accessType)
{
    const QJsonObject app{{u"data"_s, QJsonObject{{u"type"_s, u"apps"_s}, {u"id"_s, appId}}}};
    return QJsonObject{{u"data"_s, QJsonObject{{u"type"_s, u"analyticsReportRequests"_s},
                                               {u"attributes"_s, QJsonObject{{u"accessType"_s, accessType}}},
                                               {u"relationships"_s, QJsonObject{{u"app"_s, app}}}}}};
}

Result<HttpOutcome> AnalyticsEndpoints::createRequest(const QString &appId, const QString &accessType)
{
    return blockingCall<Result<HttpOutcome>>(
        [&](OutcomeCallback done) { createRequestAsync(appId, accessType, std::move(done)); });
}

Result<HttpOutcome> AnalyticsEndpoints::deleteRequest(const QString &requestId)
{
    return blockingCall<Result<HttpOutcome>>(
        [&](OutcomeCallback done) { deleteRequestAsync(requestId, std::move(done)); });
}

void AnalyticsEndpoints::createRequestAsync(const QString &appId, const QString &accessType,
                                            OutcomeCallback done)
{
    if (!checkIdOrAnswer(m_client, appId, u"an app"_s, done)) {
        return;
    }
    m_client.postAsync(u"/v1/analyticsReportRequests"_s, createRequestBody(appId, accessType),
                       std::move(done));
}

void AnalyticsEndpoints::deleteRequestAsync(const QString &requestId, OutcomeCallback done)
{
    if (!checkIdOrAnswer(m_client, requestId, u"an analytics report request"_s, done)) {
        return;
    }
    m_client.deleteAsync(u"/v1/analyticsReportRequests/%1"_s.arg(pathSegment(requestId)), std::move(done));
}

} // namespace ascsync::api
