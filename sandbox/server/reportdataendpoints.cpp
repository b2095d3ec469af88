#include "reportdataendpoints.h"

#include "endpointrequest.h"
#include "stableid.h"

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

namespace {

const QStringList &reportFieldNames()
{
    static const QStringList values{u"name"_s, u"category"_s, u"instances"_s};
    return values;
}

const QStringList &instanceFieldNames()
{
    static const QStringList values{u"granularity"_s, u"processingDate"_s, u"segments"_s};
    return values;
}

const QStringList &segmentFieldNames()
{
    static const QStringList values{u"checksum"_s, u"sizeInBytes"_s, u"url"_s};
    return values;
}

// A checksum that is well-formed (32 hex digits) but wrong: the last digit changes.
QString corrupted(const QString &checksum)
{
    if (checksum.isEmpty())
        return u"0"_s;
    QString wrong = checksum;
    wrong.back() = wrong.back() == u'0' ? u'1' : u'0';
    return wrong;
}

} // namespace

ReportDataEndpoints::ReportDataEndpoints(const AnalyticsIndex &index, const SegmentOrigin &segmentOrigin)
    : m_index(index)
    , m_segmentOrigin(segmentOrigin)
{}

void ReportDataEndpoints::registerRoutes(ApiRouter &router) const
{
    const auto add = [&](const QString &path,
                         HttpReply (ReportDataEndpoints::*handler)(const ApiCall &) const) {
        router.add("GET", path, AccessPolicy::Access::AnalyticsRead, this, handler);
    };
    add(u"/v1/analyticsReports/{id}"_s, &ReportDataEndpoints::report);
    add(u"/v1/analyticsReports/{id}/instances"_s, &ReportDataEndpoints::instances);
    add(u"/v1/analyticsReports/{id}/relationships/instances"_s, &ReportDataEndpoints::instanceLinkages);
    add(u"/v1/analyticsReportInstances/{id}"_s, &ReportDataEndpoints::instance);
    add(u"/v1/analyticsReportInstances/{id}/segments"_s, &ReportDataEndpoints::segments);
    add(u"/v1/analyticsReportInstances/{id}/relationships/segments"_s, &ReportDataEndpoints::segmentLinkages);
    add(u"/v1/analyticsReportSegments/{id}"_s, &ReportDataEndpoints::segment);
}

HttpReply ReportDataEndpoints::report(const ApiCall &call) const
{
    EndpointRequest endpoint(call, {u"fields[analyticsReports]"_s});
    const FieldSet fields = endpoint.parameters().fieldSet(u"fields[analyticsReports]"_s, reportFieldNames());
    if (const std::optional<HttpReply> rejection = endpoint.rejection())
        return *rejection;
    const std::optional<ReportRef> report = m_index.findReport(call.parameter(), call.now);
    if (!report)
        return endpoint.notFound(u"analyticsReports"_s);
    return endpoint.resource(call.json.report(*report, fields));
}

HttpReply ReportDataEndpoints::instances(const ApiCall &call) const
{
    EndpointRequest endpoint(call, {u"filter[granularity]"_s, u"filter[processingDate]"_s,
                                    u"fields[analyticsReportInstances]"_s, u"limit"_s, u"cursor"_s});
    QueryParameters &parameters = endpoint.parameters();
    const QStringList granularities =
        parameters.list(u"filter[granularity]"_s, {u"DAILY"_s, u"WEEKLY"_s, u"MONTHLY"_s});
    const QStringList dates = parameters.list(u"filter[processingDate]"_s);
    for (const QString &date : dates) {
        if (!QDate::fromString(date, u"yyyy-MM-dd"_s).isValid())
            parameters.invalid(u"filter[processingDate]"_s,
                               u"'%1' is not a valid value for the parameter 'filter[processingDate]'. "
                               "Use a date YYYY-MM-DD."_s.arg(date));
    }
    const FieldSet fields = parameters.fieldSet(u"fields[analyticsReportInstances]"_s, instanceFieldNames());
    endpoint.readPage();
    if (const std::optional<HttpReply> rejection = endpoint.rejection())
        return *rejection;
    const std::optional<ReportRef> report = m_index.findReport(call.parameter(), call.now);
    if (!report)
        return endpoint.notFound(u"analyticsReports"_s);

    QList<InstanceSpec> selected;
    for (const InstanceSpec &instance : m_index.instancesOf(*report)) {
        if ((granularities.isEmpty() || granularities.contains(toApiString(instance.granularity))) &&
            (dates.isEmpty() || dates.contains(instance.processingDate.toString(Qt::ISODate))))
            selected.append(instance);
    }
    return endpoint.collection(
        selected, [&](const InstanceSpec &instance) { return call.json.instance(instance, fields); });
}

HttpReply ReportDataEndpoints::instanceLinkages(const ApiCall &call) const
{
    EndpointRequest endpoint(call, {u"limit"_s, u"cursor"_s});
    endpoint.readPage();
    if (const std::optional<HttpReply> rejection = endpoint.rejection())
        return *rejection;
    const std::optional<ReportRef> report = m_index.findReport(call.parameter(), call.now);
    if (!report)
        return endpoint.notFound(u"analyticsReports"_s);
    QStringList ids;
    for (const InstanceSpec &instance : m_index.instancesOf(*report))
        ids.append(instance.id);
    return endpoint.linkages(u"analyticsReportInstances"_s, ids);
}

HttpReply ReportDataEndpoints::instance(const ApiCall &call) const
{
    EndpointRequest endpoint(call, {u"fields[analyticsReportInstances]"_s});
    const FieldSet fields =
        endpoint.parameters().fieldSet(u"fields[analyticsReportInstances]"_s, instanceFieldNames());
    if (const std::optional<HttpReply> rejection = endpoint.rejection())
        return *rejection;
    const std::optional<InstanceRef> instance = m_index.findInstance(call.parameter(), call.now);
    if (!instance)
        return endpoint.notFound(u"analyticsReportInstances"_s);
    return endpoint.resource(call.json.instance(instance->spec, fields));
}

Drift ReportDataEndpoints::driftFor(const ApiCall &call, const InstanceRef &instance)
{
    if (!call.faults.fires(FaultPlan::Fault::Drift))
        return Drift::None;
    // Which kind of drift is a property of the instance, so repeated drifted listings agree.
    return StableId::unitInterval({QByteArrayLiteral("drift-kind"), instance.spec.id.toUtf8()}) < 0.5
               ? Drift::NewColumn
               : Drift::ReorderedColumns;
}

QJsonObject ReportDataEndpoints::segmentResource(const ApiCall &call, const InstanceRef &instance,
                                                 const SegmentSpec &segment, Drift drift,
                                                 const FieldSet &fields) const
{
    const bool wrongChecksum = call.faults.fires(FaultPlan::Fault::BadChecksum, u'#' + segment.id);
    return call.json.segment(
        segment.id, wrongChecksum ? corrupted(segment.checksum) : segment.checksum, segment.gzip.size(),
        m_segmentOrigin.presignedUrl(instance.spec.id, segment.id, drift, call.now), fields);
}

HttpReply ReportDataEndpoints::segments(const ApiCall &call) const
{
    EndpointRequest endpoint(call, {u"fields[analyticsReportSegments]"_s, u"limit"_s, u"cursor"_s});
    const FieldSet fields =
        endpoint.parameters().fieldSet(u"fields[analyticsReportSegments]"_s, segmentFieldNames());
    endpoint.readPage();
    if (const std::optional<HttpReply> rejection = endpoint.rejection())
        return *rejection;
    const std::optional<InstanceRef> instance = m_index.findInstance(call.parameter(), call.now);
    if (!instance)
        return endpoint.notFound(u"analyticsReportInstances"_s);

    const Drift drift = driftFor(call, *instance);
    return endpoint.collection(m_index.segmentsOf(*instance, drift), [&](const SegmentSpec &segment) {
        return segmentResource(call, *instance, segment, drift, fields);
    });
}

HttpReply ReportDataEndpoints::segmentLinkages(const ApiCall &call) const
{
    EndpointRequest endpoint(call, {u"limit"_s, u"cursor"_s});
    endpoint.readPage();
    if (const std::optional<HttpReply> rejection = endpoint.rejection())
        return *rejection;
    const std::optional<InstanceRef> instance = m_index.findInstance(call.parameter(), call.now);
    if (!instance)
        return endpoint.notFound(u"analyticsReportInstances"_s);
    QStringList ids;
    for (const SegmentSpec &segment : m_index.segmentsOf(*instance, Drift::None))
        ids.append(segment.id);
    return endpoint.linkages(u"analyticsReportSegments"_s, ids);
}

HttpReply ReportDataEndpoints::segment(const ApiCall &call) const
{
    EndpointRequest endpoint(call, {u"fields[analyticsReportSegments]"_s});
    const FieldSet fields =
        endpoint.parameters().fieldSet(u"fields[analyticsReportSegments]"_s, segmentFieldNames());
    if (const std::optional<HttpReply> rejection = endpoint.rejection())
        return *rejection;
    const std::optional<SegmentRef> segment = m_index.findSegment(call.parameter(), call.now);
    if (!segment)
        return endpoint.notFound(u"analyticsReportSegments"_s);
    return endpoint.resource(segmentResource(call, segment->instance, segment->spec, segment->drift, fields));
}

} // namespace ascsync::sandbox
