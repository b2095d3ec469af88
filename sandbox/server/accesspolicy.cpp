#include "accesspolicy.h"

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

namespace {

bool hasAny(const RegisteredKey &key, std::initializer_list<QString> roles)
{
    for (const QString &role : roles) {
        if (key.roles.contains(role))
            return true;
    }
    return false;
}

} // namespace

std::optional<ApiError> AccessPolicy::check(const RegisteredKey &key, Access access)
{
    const auto refuse = [] {
        return ApiError::forbidden(u"The API key in use does not allow this request"_s);
    };
    // The Account Holder has every permission an Admin has.
    const QString admin = u"ADMIN"_s;
    const QString holder = u"ACCOUNT_HOLDER"_s;
    switch (access) {
    case Access::AnyRole:
        return std::nullopt;
    case Access::AnalyticsRead:
        if (hasAny(key, {admin, holder, u"SALES"_s, u"FINANCE"_s}))
            return std::nullopt;
        return refuse();
    case Access::AnalyticsAdmin:
        if (hasAny(key, {admin, holder}))
            return std::nullopt;
        return refuse();
    case Access::SalesReports:
        if (!key.isIndividual() && hasAny(key, {admin, holder, u"FINANCE"_s, u"SALES"_s}))
            return std::nullopt;
        return refuse();
    case Access::FinanceReports:
        if (!key.isIndividual() && hasAny(key, {admin, holder, u"FINANCE"_s}))
            return std::nullopt;
        return refuse();
    }
    return refuse();
}

} // namespace ascsync::sandbox
