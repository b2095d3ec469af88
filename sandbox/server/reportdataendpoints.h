#pragma once

#include "analyticsindex.h"
#include "apirouter.h"
#include "segmentorigin.h"

namespace ascsync::sandbox {

// The data half of the analytics chain (API-NOTES §4.6-§4.8): a report, its instances (filtered by
// granularity and processing date), an instance's segments with checksum, size and a pre-signed URL on
// the segment origin. The `drift` and `badchecksum` faults act here, on the listing.
class ReportDataEndpoints {
public:
    ReportDataEndpoints(const AnalyticsIndex &index, const SegmentOrigin &segmentOrigin);

    void registerRoutes(ApiRouter &router) const;

private:
    HttpReply report(const ApiCall &call) const;
    HttpReply instances(const ApiCall &call) const;
    HttpReply instanceLinkages(const ApiCall &call) const;
    HttpReply instance(const ApiCall &call) const;
    HttpReply segments(const ApiCall &call) const;
    HttpReply segmentLinkages(const ApiCall &call) const;
    HttpReply segment(const ApiCall &call) const;

    QJsonObject segmentResource(const ApiCall &call, const InstanceRef &instance, const SegmentSpec &segment,
                                Drift drift, const FieldSet &fields) const;
    // The drift a listing of `instance` carries under the `drift` fault.
    static Drift driftFor(const ApiCall &call, const InstanceRef &instance);

    const AnalyticsIndex &m_index;
    const SegmentOrigin &m_segmentOrigin;
};

} // namespace ascsync::sandbox
