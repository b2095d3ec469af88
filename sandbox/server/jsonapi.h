#pragma once

#include "analyticsindex.h"
#include "queryparameters.h"

#include <QJsonObject>
#include <QSet>
#include <QString>

#include <optional>

namespace ascsync::sandbox {

// Builds the JSON:API resource objects of the simulator's endpoints with the shapes of Apple's OpenAPI
// document (App, AnalyticsReportRequest, AnalyticsReport, AnalyticsReportInstance, AnalyticsReportSegment).
// Every link is an absolute URL on the API origin, as Apple's are on api.appstoreconnect.apple.com.
class JsonApi {
public:
    explicit JsonApi(QString origin);

    QString url(const QString &path) const { return m_origin + path; }

    QJsonObject app(const SimApp &app, const FieldSet &fields) const;
    QJsonObject reportRequest(const ReportRequest &request, const FieldSet &fields) const;
    QJsonObject report(const ReportRef &report, const FieldSet &fields) const;
    QJsonObject instance(const InstanceSpec &instance, const FieldSet &fields) const;
    QJsonObject segment(const QString &id, const QString &checksum, qint64 sizeInBytes,
                        const QString &downloadUrl, const FieldSet &fields) const;

    // {"type": ..., "id": ...}
    static QJsonObject identifier(const QString &type, const QString &id);
    // A single-resource document: {"data": ..., "links": {"self": ...}}.
    static QJsonObject document(const QJsonObject &data, const QString &selfUrl);

private:
    QJsonObject relationship(const QString &resourcePath, const QString &name) const;

    QString m_origin;
};

} // namespace ascsync::sandbox
