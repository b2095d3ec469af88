#pragma once

#include "analyticsindex.h"
#include "apirouter.h"
#include "requeststate.h"

namespace ascsync::sandbox {

// The report-request half of the analytics chain (API-NOTES §4.2-§4.6): listing an app's requests,
// creating (Admin, 201 / 409 when one of that access type exists) and deleting them (204), and the
// reports of a request, which appear only once Apple's generation delay has passed.
class ReportRequestEndpoints {
public:
    ReportRequestEndpoints(const World &world, RequestState &requests, const AnalyticsIndex &index,
                           int reportDelaySeconds, QDate today);

    void registerRoutes(ApiRouter &router);

private:
    HttpReply listForApp(const ApiCall &call) const;
    HttpReply linkagesForApp(const ApiCall &call) const;
    HttpReply create(const ApiCall &call);
    HttpReply get(const ApiCall &call) const;
    HttpReply remove(const ApiCall &call);
    HttpReply reports(const ApiCall &call) const;
    HttpReply reportLinkages(const ApiCall &call) const;

    // Adds `relationships.reports.data/meta` to each request and the reports to `included` (include=reports).
    void includeReports(const ApiCall &call, QueryParameters &parameters, QJsonObject &document) const;

    const World &m_world;
    RequestState &m_requests;
    const AnalyticsIndex &m_index;
    int m_reportDelaySeconds;
    QDate m_today;
};

} // namespace ascsync::sandbox
