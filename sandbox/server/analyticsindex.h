#pragma once

#include "requeststate.h"

#include "sandbox/data/world.h"

#include <QDateTime>
#include <QHash>

#include <optional>

namespace ascsync::sandbox {

// An analytics report as listed under one report request.
struct ReportRef {
    QString id; // minted here: stable for (seed, request, report name)
    ReportRequest request;
    ReportSpec spec;
};

struct InstanceRef {
    InstanceSpec spec;
    ReportRef report;
};

struct SegmentRef {
    SegmentSpec spec;
    InstanceRef instance;
    Drift drift = Drift::None;
};

// Walks the request -> report -> instance -> segment chain (API-NOTES §5.1) over World's data and the
// current report requests, and finds any of them again from its id alone, as Apple's
// /v1/analyticsReports/{id}, /v1/analyticsReportInstances/{id}, ... endpoints must.
class AnalyticsIndex {
public:
    AnalyticsIndex(const World &world, const RequestState &requests, quint64 seed);

    // Empty until the request's generation delay has passed at `now`.
    QList<ReportRef> reportsOf(const ReportRequest &request, const QDateTime &now) const;
    QList<InstanceSpec> instancesOf(const ReportRef &report) const;
    QList<SegmentSpec> segmentsOf(const InstanceRef &instance, Drift drift) const;

    std::optional<ReportRef> findReport(const QString &reportId, const QDateTime &now) const;
    std::optional<InstanceRef> findInstance(const QString &instanceId, const QDateTime &now) const;
    // Segments listed since the simulator started (by segmentsOf()); other ids are not found.
    std::optional<SegmentRef> findSegment(const QString &segmentId, const QDateTime &now) const;

private:
    QString reportId(const ReportRequest &request, const ReportSpec &spec) const;
    std::optional<ReportRef> reportIn(const QString &reportId, const QDateTime &now) const;
    std::optional<InstanceRef> instanceIn(const QString &reportId, const QString &instanceId,
                                          const QDateTime &now) const;
    std::optional<SegmentRef> segmentIn(const QString &instanceId, Drift drift, const QString &segmentId,
                                        const QDateTime &now) const;
    QList<ReportRef> allReports(const QDateTime &now) const;

    const World &m_world;
    const RequestState &m_requests;
    quint64 m_seed;
    // id -> the id of its parent (and the drift a segment was listed with); re-validated on every use,
    // because requests come and go.
    mutable QHash<QString, QString> m_reportRequest;
    mutable QHash<QString, QString> m_instanceReport;
    mutable QHash<QString, QPair<QString, Drift>> m_segmentInstance;
};

} // namespace ascsync::sandbox
