#include "api/analyticsendpoints.h"

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

QUrlQuery pageOf200()
{
    QUrlQuery query;
    query.addQueryItem(u"limit"_s, u"200"_s);
    return query;
}

} // namespace

QList<ReportRequestInfo> parseReportRequests(const QJsonArray &data)
{
    QList<ReportRequestInfo> requests;
    for (const QJsonValue &value : data) {
        const QJsonObject attributes = attributesOf(value);
        requests.append({idOf(value), attributes.value(u"accessType"_s).toString(),
                         attributes.value(u"stoppedDueToInactivity"_s).toBool()});
    }
    return requests;
}

QList<ReportInfo> parseReports(const QJsonArray &data)
{
    QList<ReportInfo> reports;
    for (const QJsonValue &value : data) {
        const QJsonObject attributes = attributesOf(value);
        reports.append({idOf(value), attributes.value(u"name"_s).toString(),
                        attributes.value(u"category"_s).toString()});
    }
    return reports;
}

AnalyticsEndpoints::AnalyticsEndpoints(ApiClient &client)
    : m_client(client)
{}

Result<QList<ReportRequestInfo>> AnalyticsEndpoints::requests(const QString &appId)
{
    const auto pages = m_client.getAll(u"/v1/apps/%1/analyticsReportRequests"_s.arg(appId), pageOf200(),
                                       u"listing the analytics report requests of app %1"_s.arg(appId));
    if (!pages) {
        return pages.error();
    }
    return parseReportRequests(pages->data);
}

Result<QList<ReportInfo>> AnalyticsEndpoints::reports(const QString &requestId)
{
    const auto pages = m_client.getAll(u"/v1/analyticsReportRequests/%1/reports"_s.arg(requestId),
                                       pageOf200(), u"listing the reports of request %1"_s.arg(requestId));
    if (!pages) {
        return pages.error();
    }
    return parseReports(pages->data);
}

Result<QList<InstanceInfo>> AnalyticsEndpoints::instances(const QString &reportId, const QString &granularity)
{
    QUrlQuery query = pageOf200();
    query.addQueryItem(u"filter[granularity]"_s, granularity);
    const auto pages =
        m_client.getAll(u"/v1/analyticsReports/%1/instances"_s.arg(reportId), query,
                        u"listing the %1 instances of report %2"_s.arg(granularity.toLower(), reportId));
    if (!pages) {
        return pages.error();
    }
    return parseInstances(pages->data);
}

Result<QList<InstanceInfo>> parseInstances(const QJsonArray &data)
{
    QList<InstanceInfo> instances;
    for (const QJsonValue &value : data) {
        const QJsonObject attributes = attributesOf(value);
        const QDate processingDate =
            QDate::fromString(attributes.value(u"processingDate"_s).toString(), Qt::ISODate);
        if (!processingDate.isValid()) {
            return makeError(u"api.badResponse"_s,
                             u"App Store Connect listed an analytics instance (%1) without a "
                             u"valid processingDate; try again later."_s.arg(idOf(value)));
        }
        instances.append({idOf(value), attributes.value(u"granularity"_s).toString(), processingDate});
    }
    return instances;
}

Result<QList<SegmentInfo>> AnalyticsEndpoints::segments(const QString &instanceId)
{
    const auto pages = m_client.getAll(u"/v1/analyticsReportInstances/%1/segments"_s.arg(instanceId),
                                       pageOf200(), u"listing the files of instance %1"_s.arg(instanceId));
    if (!pages) {
        return pages.error();
    }
    return parseSegments(pages->data);
}

Result<QList<SegmentInfo>> parseSegments(const QJsonArray &data)
{
    QList<SegmentInfo> segments;
    for (const QJsonValue &value : data) {
        const QJsonObject attributes = attributesOf(value);
        const QUrl url(attributes.value(u"url"_s).toString());
        if (!url.isValid() || (url.scheme() != u"https"_s && url.scheme() != u"http"_s)) {
            return makeError(u"api.badResponse"_s,
                             u"App Store Connect listed a report file (%1) without a usable "
                             u"download URL; try again later."_s.arg(idOf(value)));
        }
        segments.append(
            {idOf(value), url,
             attributes.contains(u"sizeInBytes"_s) ? attributes.value(u"sizeInBytes"_s).toInteger() : -1,
             attributes.value(u"checksum"_s).toString()});
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
    return m_client.post(u"/v1/analyticsReportRequests"_s, createRequestBody(appId, accessType));
}

Result<HttpOutcome> AnalyticsEndpoints::deleteRequest(const QString &requestId)
{
    return m_client.deleteResource(u"/v1/analyticsReportRequests/%1"_s.arg(requestId));
}

} // namespace ascsync::api
