#include "analyticsindex.h"

#include "stableid.h"
#include "statelock.h"

namespace ascsync::sandbox {

AnalyticsIndex::AnalyticsIndex(const World &world, const RequestState &requests, quint64 seed)
    : m_world(world)
    , m_requests(requests)
    , m_seed(seed)
{}

QString AnalyticsIndex::reportId(const ReportRequest &request, const ReportSpec &spec) const
{
    return StableId::uuid({QByteArray::number(m_seed), QByteArrayLiteral("analyticsReports"),
                           request.id.toUtf8(), spec.name.toUtf8()});
}

QList<ReportRef> AnalyticsIndex::reportsOf(const ReportRequest &request, const QDateTime &now) const
{
    QList<ReportRef> reports;
    if (now < request.reportsAvailableAt)
        return reports;
    const QList<ReportSpec> specs = m_world.reports();
    for (const ReportSpec &spec : specs) {
        ReportRef report{reportId(request, spec), request, spec};
        m_reportRequest.insert(report.id, request.id);
        reports.append(std::move(report));
    }
    return reports;
}

QList<InstanceSpec> AnalyticsIndex::instancesOf(const ReportRef &report) const
{
    const QList<InstanceSpec> instances =
        m_world.instances(report.request.appId, report.spec.name, report.request.access,
                          report.request.readyDate, report.request.stoppedOn);
    for (const InstanceSpec &instance : instances)
        m_instanceReport.insert(instance.id, report.id);
    return instances;
}

QList<SegmentSpec> AnalyticsIndex::segmentsOf(const InstanceRef &instance, Drift drift) const
{
    QList<SegmentSpec> segments;
    {
        // Generating a large instance takes up to a minute: other requests go on meanwhile.
        const StateUnlocker generating;
        segments =
            m_world.segments(instance.report.request.appId, instance.report.spec.name, instance.spec, drift);
    }
    for (const SegmentSpec &segment : segments)
        m_segmentInstance.insert(segment.id, {instance.spec.id, drift});
    return segments;
}

QList<ReportRef> AnalyticsIndex::allReports(const QDateTime &now) const
{
    QList<ReportRef> reports;
    for (const ReportRequest &request : m_requests.all())
        reports.append(reportsOf(request, now));
    return reports;
}

std::optional<ReportRef> AnalyticsIndex::reportIn(const QString &reportId, const QDateTime &now) const
{
    const ReportRequest *request = m_requests.find(m_reportRequest.value(reportId));
    if (!request)
        return std::nullopt;
    const QList<ReportRef> reports = reportsOf(*request, now);
    for (const ReportRef &report : reports) {
        if (report.id == reportId)
            return report;
    }
    return std::nullopt;
}

std::optional<ReportRef> AnalyticsIndex::findReport(const QString &reportId, const QDateTime &now) const
{
    if (auto cached = reportIn(reportId, now))
        return cached;
    allReports(now); // refreshes the id map as a side effect
    return reportIn(reportId, now);
}

std::optional<InstanceRef> AnalyticsIndex::instanceIn(const QString &reportId, const QString &instanceId,
                                                      const QDateTime &now) const
{
    const std::optional<ReportRef> report = findReport(reportId, now);
    if (!report)
        return std::nullopt;
    const QList<InstanceSpec> instances = instancesOf(*report);
    for (const InstanceSpec &instance : instances) {
        if (instance.id == instanceId)
            return InstanceRef{instance, *report};
    }
    return std::nullopt;
}

std::optional<InstanceRef> AnalyticsIndex::findInstance(const QString &instanceId, const QDateTime &now) const
{
    // A cached parent may be stale: World's instance ids do not change when a request is deleted and
    // created again, so a miss re-walks the current reports once.
    if (auto cached = instanceIn(m_instanceReport.value(instanceId), instanceId, now))
        return cached;
    const QList<ReportRef> reports = allReports(now);
    for (const ReportRef &report : reports)
        instancesOf(report);
    return instanceIn(m_instanceReport.value(instanceId), instanceId, now);
}

std::optional<SegmentRef> AnalyticsIndex::segmentIn(const QString &instanceId, Drift drift,
                                                    const QString &segmentId, const QDateTime &now) const
{
    const std::optional<InstanceRef> instance = findInstance(instanceId, now);
    if (!instance)
        return std::nullopt;
    const QList<SegmentSpec> segments = segmentsOf(*instance, drift);
    for (const SegmentSpec &segment : segments) {
        if (segment.id == segmentId)
            return SegmentRef{segment, *instance, drift};
    }
    return std::nullopt;
}

std::optional<SegmentRef> AnalyticsIndex::findSegment(const QString &segmentId, const QDateTime &now) const
{
    // Only segments listed since the start are known: finding any other id would mean generating every
    // file of every instance (minutes for a large app), a price no lookup by id should be able to trigger.
    const auto listed = m_segmentInstance.constFind(segmentId);
    if (listed == m_segmentInstance.cend())
        return std::nullopt;
    return segmentIn(listed->first, listed->second, segmentId, now);
}

} // namespace ascsync::sandbox
