#pragma once

#include "apierror.h"
#include "keyregistry.h"

#include <optional>

namespace ascsync::sandbox {

// Which roles may call what (API-NOTES §4.3, §4.9, §4.10): report requests are created and deleted by
// Admins; analytics are read by Admin, Sales and Reports, Finance; sales reports by Admin, Finance, Sales;
// finance reports by Admin and Finance; individual keys never reach sales or finance.
class AccessPolicy {
public:
    enum class Access { AnyRole, AnalyticsRead, AnalyticsAdmin, SalesReports, FinanceReports };

    static std::optional<ApiError> check(const RegisteredKey &key, Access access);
};

} // namespace ascsync::sandbox
