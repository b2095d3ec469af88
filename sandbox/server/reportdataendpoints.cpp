#include "reportdataendpoints.h"

#include "pagination.h"
#include "stableid.h"

#include <QJsonArray>

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
    using Access = AccessPolicy::Access;
    const auto add = [&](const QString &path,
                         HttpReply (ReportDataEndpoints::*handler)(const ApiCall &) const) {
        router.add("GET", path, Access::AnalyticsRead,
                   [this, handler](const ApiCall &call) { return (this->*handler)(call); });
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
    QueryParameters parameters(call.request.query);
    parameters.allowOnly({u"fields[analyticsReports]"_s});
    const FieldSet fields = parameters.fieldSet(u"fields[analyticsReports]"_s, reportFieldNames());
    if (parameters.error())
        return ApiReply::error(*parameters.error());
    const std::optional<ReportRef> report = m_index.findReport(call.parameter(), call.now);
    if (!report)
        return ApiReply::error(ApiError::resourceNotFound(u"analyticsReports"_s, call.parameter()));
    return ApiReply::json(200,
                          JsonApi::document(call.json.report(*report, fields), call.selfUrl().toString()));
}

HttpReply ReportDataEndpoints::instances(const ApiCall &call) const
{
    QueryParameters parameters(call.request.query);
    parameters.allowOnly({u"filter[granularity]"_s, u"filter[processingDate]"_s,
                          u"fields[analyticsReportInstances]"_s, u"limit"_s, u"cursor"_s});
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
    const Pagination page = Pagination::read(parameters);
    if (parameters.error())
        return ApiReply::error(*parameters.error());
    const std::optional<ReportRef> report = m_index.findReport(call.parameter(), call.now);
    if (!report)
        return ApiReply::error(ApiError::resourceNotFound(u"analyticsReports"_s, call.parameter()));

    QList<InstanceSpec> selected;
    for (const InstanceSpec &instance : m_index.instancesOf(*report)) {
        if ((granularities.isEmpty() || granularities.contains(toApiString(instance.granularity))) &&
            (dates.isEmpty() || dates.contains(instance.processingDate.toString(Qt::ISODate))))
            selected.append(instance);
    }
    QJsonArray data;
    for (qsizetype index = page.offset(); index < page.end(selected.size()); ++index)
        data.append(call.json.instance(selected.at(index), fields));
    QJsonObject document{{u"data"_s, data}};
    page.decorate(document, call.selfUrl(), selected.size());
    return ApiReply::json(200, document);
}

HttpReply ReportDataEndpoints::instanceLinkages(const ApiCall &call) const
{
    QueryParameters parameters(call.request.query);
    parameters.allowOnly({u"limit"_s, u"cursor"_s});
    const Pagination page = Pagination::read(parameters);
    if (parameters.error())
        return ApiReply::error(*parameters.error());
    const std::optional<ReportRef> report = m_index.findReport(call.parameter(), call.now);
    if (!report)
        return ApiReply::error(ApiError::resourceNotFound(u"analyticsReports"_s, call.parameter()));
    QStringList ids;
    for (const InstanceSpec &instance : m_index.instancesOf(*report))
        ids.append(instance.id);
    return ApiReply::json(200, page.linkages(u"analyticsReportInstances"_s, ids, call.selfUrl()));
}

HttpReply ReportDataEndpoints::instance(const ApiCall &call) const
{
    QueryParameters parameters(call.request.query);
    parameters.allowOnly({u"fields[analyticsReportInstances]"_s});
    const FieldSet fields = parameters.fieldSet(u"fields[analyticsReportInstances]"_s, instanceFieldNames());
    if (parameters.error())
        return ApiReply::error(*parameters.error());
    const std::optional<InstanceRef> instance = m_index.findInstance(call.parameter(), call.now);
    if (!instance)
        return ApiReply::error(ApiError::resourceNotFound(u"analyticsReportInstances"_s, call.parameter()));
    return ApiReply::json(
        200, JsonApi::document(call.json.instance(instance->spec, fields), call.selfUrl().toString()));
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
    QueryParameters parameters(call.request.query);
    parameters.allowOnly({u"fields[analyticsReportSegments]"_s, u"limit"_s, u"cursor"_s});
    const FieldSet fields = parameters.fieldSet(u"fields[analyticsReportSegments]"_s, segmentFieldNames());
    const Pagination page = Pagination::read(parameters);
    if (parameters.error())
        return ApiReply::error(*parameters.error());
    const std::optional<InstanceRef> instance = m_index.findInstance(call.parameter(), call.now);
    if (!instance)
        return ApiReply::error(ApiError::resourceNotFound(u"analyticsReportInstances"_s, call.parameter()));

    const Drift drift = driftFor(call, *instance);
    const QList<SegmentSpec> segments = m_index.segmentsOf(*instance, drift);
    QJsonArray data;
    for (qsizetype index = page.offset(); index < page.end(segments.size()); ++index)
        data.append(segmentResource(call, *instance, segments.at(index), drift, fields));
    QJsonObject document{{u"data"_s, data}};
    page.decorate(document, call.selfUrl(), segments.size());
    return ApiReply::json(200, document);
}

HttpReply ReportDataEndpoints::segmentLinkages(const ApiCall &call) const
{
    QueryParameters parameters(call.request.query);
    parameters.allowOnly({u"limit"_s, u"cursor"_s});
    const Pagination page = Pagination::read(parameters);
    if (parameters.error())
        return ApiReply::error(*parameters.error());
    const std::optional<InstanceRef> instance = m_index.findInstance(call.parameter(), call.now);
    if (!instance)
        return ApiReply::error(ApiError::resourceNotFound(u"analyticsReportInstances"_s, call.parameter()));
    QStringList ids;
    for (const SegmentSpec &segment : m_index.segmentsOf(*instance, Drift::None))
        ids.append(segment.id);
    return ApiReply::json(200, page.linkages(u"analyticsReportSegments"_s, ids, call.selfUrl()));
}

HttpReply ReportDataEndpoints::segment(const ApiCall &call) const
{
    QueryParameters parameters(call.request.query);
    parameters.allowOnly({u"fields[analyticsReportSegments]"_s});
    const FieldSet fields = parameters.fieldSet(u"fields[analyticsReportSegments]"_s, segmentFieldNames());
    if (parameters.error())
        return ApiReply::error(*parameters.error());
    const std::optional<SegmentRef> segment = m_index.findSegment(call.parameter(), call.now);
    if (!segment)
        return ApiReply::error(ApiError::resourceNotFound(u"analyticsReportSegments"_s, call.parameter()));
    return ApiReply::json(200, JsonApi::document(segmentResource(call, segment->instance, segment->spec,
                                                                 segment->drift, fields),
                                                 call.selfUrl().toString()));
}

} // namespace ascsync::sandbox
