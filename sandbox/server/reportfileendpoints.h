#pragma once

#include "apirouter.h"

#include "sandbox/data/world.h"

namespace ascsync::sandbox {

// GET /v1/salesReports and GET /v1/financeReports (API-NOTES §4.9, §4.10, §6, §7): gzip TSV bodies as
// `application/a-gzip` without Content-Encoding, or Apple's JSON errors - 400 PARAMETER_ERROR.INVALID,
// 404 NOT_FOUND for "no sales" and "not available yet" (told apart by the detail), 410 past retention.
class ReportFileEndpoints {
public:
    explicit ReportFileEndpoints(const World &world);

    void registerRoutes(ApiRouter &router) const;

private:
    HttpReply sales(const ApiCall &call) const;
    HttpReply finance(const ApiCall &call) const;

    const World &m_world;
};

} // namespace ascsync::sandbox
