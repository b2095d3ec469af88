#include "jsonapi.h"

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

namespace {

// Drops the attributes and relationships a sparse fieldset leaves out (JSON:API "fields[type]").
void applyFields(QJsonObject &resource, const FieldSet &fields)
{
    if (!fields)
        return;
    for (const QString &member : {u"attributes"_s, u"relationships"_s}) {
        QJsonObject object = resource.value(member).toObject();
        const QStringList keys = object.keys();
        for (const QString &key : keys) {
            if (!fields->contains(key))
                object.remove(key);
        }
        if (object.isEmpty())
            resource.remove(member);
        else
            resource.insert(member, object);
    }
}

} // namespace

JsonApi::JsonApi(QString origin)
    : m_origin(std::move(origin))
{}

QJsonObject JsonApi::identifier(const QString &type, const QString &id)
{
    return {{u"type"_s, type}, {u"id"_s, id}};
}

QJsonObject JsonApi::document(const QJsonObject &data, const QString &selfUrl)
{
    return {{u"data"_s, data}, {u"links"_s, QJsonObject{{u"self"_s, selfUrl}}}};
}

QJsonObject JsonApi::relationship(const QString &resourcePath, const QString &name) const
{
    return {{u"links"_s, QJsonObject{{u"self"_s, url(resourcePath + u"/relationships/"_s + name)},
                                     {u"related"_s, url(resourcePath + u'/' + name)}}}};
}

QJsonObject JsonApi::app(const SimApp &app, const FieldSet &fields) const
{
    const QString path = u"/v1/apps/"_s + app.id;
    QJsonObject resource = identifier(u"apps"_s, app.id);
    resource.insert(u"attributes"_s,
                    QJsonObject{
                        {u"name"_s, app.name},
                        {u"bundleId"_s, app.bundleId},
                        {u"sku"_s, app.sku},
                        {u"primaryLocale"_s, app.primaryLocale},
                        {u"isOrEverWasMadeForKids"_s, false},
                        {u"contentRightsDeclaration"_s, u"DOES_NOT_USE_THIRD_PARTY_CONTENT"_s},
                        {u"streamlinedPurchasingEnabled"_s, true},
                    });
    // Only the relationship the simulator serves; Apple lists ~40 more.
    resource.insert(u"relationships"_s, QJsonObject{{u"analyticsReportRequests"_s,
                                                     relationship(path, u"analyticsReportRequests"_s)}});
    resource.insert(u"links"_s, QJsonObject{{u"self"_s, url(path)}});
    applyFields(resource, fields);
    return resource;
}

QJsonObject JsonApi::reportRequest(const ReportRequest &request, const FieldSet &fields) const
{
    const QString path = u"/v1/analyticsReportRequests/"_s + request.id;
    QJsonObject resource = identifier(u"analyticsReportRequests"_s, request.id);
    resource.insert(u"attributes"_s,
                    QJsonObject{{u"accessType"_s, toApiString(request.access)},
                                {u"stoppedDueToInactivity"_s, request.stoppedDueToInactivity()}});
    resource.insert(u"relationships"_s, QJsonObject{{u"reports"_s, relationship(path, u"reports"_s)}});
    resource.insert(u"links"_s, QJsonObject{{u"self"_s, url(path)}});
    applyFields(resource, fields);
    return resource;
}

QJsonObject JsonApi::report(const ReportRef &report, const FieldSet &fields) const
{
    const QString path = u"/v1/analyticsReports/"_s + report.id;
    QJsonObject resource = identifier(u"analyticsReports"_s, report.id);
    resource.insert(u"attributes"_s,
                    QJsonObject{{u"name"_s, report.spec.name}, {u"category"_s, report.spec.category}});
    resource.insert(u"relationships"_s, QJsonObject{{u"instances"_s, relationship(path, u"instances"_s)}});
    resource.insert(u"links"_s, QJsonObject{{u"self"_s, url(path)}});
    applyFields(resource, fields);
    return resource;
}

QJsonObject JsonApi::instance(const InstanceSpec &instance, const FieldSet &fields) const
{
    const QString path = u"/v1/analyticsReportInstances/"_s + instance.id;
    QJsonObject resource = identifier(u"analyticsReportInstances"_s, instance.id);
    resource.insert(u"attributes"_s,
                    QJsonObject{{u"granularity"_s, toApiString(instance.granularity)},
                                {u"processingDate"_s, instance.processingDate.toString(Qt::ISODate)}});
    resource.insert(u"relationships"_s, QJsonObject{{u"segments"_s, relationship(path, u"segments"_s)}});
    resource.insert(u"links"_s, QJsonObject{{u"self"_s, url(path)}});
    applyFields(resource, fields);
    return resource;
}

QJsonObject JsonApi::segment(const QString &id, const QString &checksum, qint64 sizeInBytes,
                             const QString &downloadUrl, const FieldSet &fields) const
{
    QJsonObject resource = identifier(u"analyticsReportSegments"_s, id);
    resource.insert(
        u"attributes"_s,
        QJsonObject{{u"checksum"_s, checksum}, {u"sizeInBytes"_s, sizeInBytes}, {u"url"_s, downloadUrl}});
    resource.insert(u"links"_s, QJsonObject{{u"self"_s, url(u"/v1/analyticsReportSegments/"_s + id)}});
    applyFields(resource, fields);
    return resource;
}

} // namespace ascsync::sandbox
