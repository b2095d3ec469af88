#pragma once

#include "apiclient.h"

#include "core/common/result.h"

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

// A request with its reports, from one listing (include=reports).
struct RequestWithReports {
    ReportRequestInfo request;
    QList<ReportInfo> reports;
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
// call them on bodies that never crossed the network); the second argument names the owner for messages.
// Any id that is not a plain resource id, an instance without a valid processingDate, or a segment without
// an https link, size and checksum makes the whole list an error; names are returned with control
// characters escaped.
Result<QList<ReportRequestInfo>> parseReportRequests(const QJsonArray &data, const QString &appId);
Result<QList<ReportInfo>> parseReports(const QJsonArray &data, const QString &requestId);
Result<QList<InstanceInfo>> parseInstances(const QJsonArray &data, const QString &reportId);
Result<QList<SegmentInfo>> parseSegments(const QJsonArray &data, const QString &instanceId);

// Typed access to the analytics chain request -> report -> instance -> segment (API-NOTES §4.2-§4.8).
class AnalyticsEndpoints {
public:
    explicit AnalyticsEndpoints(ApiClient &client);
    ApiClient &client() const { return m_client; }

    Result<QList<ReportRequestInfo>> requests(const QString &appId);
    Result<QList<ReportInfo>> reports(const QString &requestId);
    // An app's requests and their reports in one request (include=reports); a request with more reports
    // than Apple includes (limit[reports] <= 50) has them listed on their own.
    Result<QList<RequestWithReports>> requestsWithReports(const QString &appId);
    Result<QList<InstanceInfo>> instances(const QString &reportId, const QString &granularity);
    // filter[granularity] and, when not empty, filter[processingDate] (both arrays, comma-separated).
    Result<QList<InstanceInfo>> instances(const QString &reportId, const QStringList &granularities,
                                          const QList<QDate> &processingDates);
    // List segments just before downloading them: their pre-signed URLs expire quickly.
    Result<QList<SegmentInfo>> segments(const QString &instanceId);

    // The exact body Apple expects for a new request (API-NOTES §4.3).
    static QJsonObject createRequestBody(const QString &appId, const QString &accessType);

    // Creates a request (Admin keys only). The outcome is returned as is: 201, 409 (exists), 403 ...
    Result<HttpOutcome> createRequest(const QString &appId, const QString &accessType);
    Result<HttpOutcome> deleteRequest(const QString &requestId);

    // Asynchronous forms (ApiClient's rules: the callback runs once, later, in the client's thread). They
    // need only the client to outlive them, not this object.
    template <typename T> using Callback = std::function<void(Result<QList<T>>)>;
    void requestsAsync(const QString &appId, Callback<ReportRequestInfo> done);
    void reportsAsync(const QString &requestId, Callback<ReportInfo> done);
    void instancesAsync(const QString &reportId, const QStringList &granularities,
                        const QList<QDate> &processingDates, Callback<InstanceInfo> done);
    void segmentsAsync(const QString &instanceId, Callback<SegmentInfo> done);
    void createRequestAsync(const QString &appId, const QString &accessType, OutcomeCallback done);
    void deleteRequestAsync(const QString &requestId, OutcomeCallback done);

private:
    ApiClient &m_client;
};

} // namespace ascsync::api
