#pragma once

#include "api/apiclient.h"
#include "common/result.h"

#include <QDate>
#include <QList>
#include <QString>
#include <QUrl>

namespace ascsync::api {

struct ReportRequestInfo {
    QString id;
    QString accessType; // ONGOING | ONE_TIME_SNAPSHOT
    bool stoppedDueToInactivity = false;
};

struct ReportInfo {
    QString id;
    QString name;
    QString category;
};

struct InstanceInfo {
    QString id;
    QString granularity; // DAILY | WEEKLY | MONTHLY
    QDate processingDate;
};

struct SegmentInfo {
    QString id;
    QUrl url;
    qint64 sizeInBytes = -1;
    QString checksum;
};

// The `data` arrays of the four list documents, read into typed records (pure: the fuzz targets and tests
// call them on bodies that never crossed the network). Instances without a valid processingDate and
// segments without an http(s) URL make the whole list an error.
QList<ReportRequestInfo> parseReportRequests(const QJsonArray &data);
QList<ReportInfo> parseReports(const QJsonArray &data);
Result<QList<InstanceInfo>> parseInstances(const QJsonArray &data);
Result<QList<SegmentInfo>> parseSegments(const QJsonArray &data);

// Typed access to the analytics chain request -> report -> instance -> segment (API-NOTES §4.2-§4.8).
class AnalyticsEndpoints {
public:
    explicit AnalyticsEndpoints(ApiClient &client);

    Result<QList<ReportRequestInfo>> requests(const QString &appId);
    Result<QList<ReportInfo>> reports(const QString &requestId);
    Result<QList<InstanceInfo>> instances(const QString &reportId, const QString &granularity);
    // List segments just before downloading them: their pre-signed URLs expire quickly.
    Result<QList<SegmentInfo>> segments(const QString &instanceId);

    // The exact body Apple expects for a new request (API-NOTES §4.3).
    static QJsonObject createRequestBody(const QString &appId, const QString &accessType);

    // Creates a request (Admin keys only). The outcome is returned as is: 201, 409 (exists), 403 ...
    Result<HttpOutcome> createRequest(const QString &appId, const QString &accessType);
    Result<HttpOutcome> deleteRequest(const QString &requestId);

private:
    ApiClient &m_client;
};

} // namespace ascsync::api
