#include "reportfileendpoints.h"

#include "endpointrequest.h"
#include "statelock.h"

#include "sandbox/data/salesrequest.h"

#include <QMap>

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

namespace {

// filter[name] -> name, for the parameters present.
QMap<QString, QString> filters(const QueryParameters &parameters, const QStringList &names)
{
    QMap<QString, QString> values;
    for (const QString &name : names) {
        const QString parameter = u"filter[%1]"_s.arg(name);
        if (parameters.has(parameter))
            values.insert(name, parameters.value(parameter));
    }
    return values;
}

QStringList filterParameters(const QStringList &names)
{
    QStringList parameters;
    for (const QString &name : names)
        parameters.append(u"filter[%1]"_s.arg(name));
    return parameters;
}

HttpReply fileReply(const FileResult &result)
{
    switch (result.kind) {
    case FileResult::Kind::Ok: {
        HttpReply reply;
        reply.setHeader(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/a-gzip"));
        reply.body = result.gzip;
        return reply;
    }
    case FileResult::Kind::BadRequest:
        return ApiReply::error(ApiError::parameterInvalid(result.parameter, result.detail));
    case FileResult::Kind::NoSales:
    case FileResult::Kind::NotYetAvailable:
        return ApiReply::error(ApiError::reportNotFound(result.detail));
    case FileResult::Kind::Gone:
        return ApiReply::error(ApiError::reportGone(result.detail));
    }
    return ApiReply::error(ApiError::unexpected());
}

} // namespace

ReportFileEndpoints::ReportFileEndpoints(const World &world)
    : m_world(world)
{}

void ReportFileEndpoints::registerRoutes(ApiRouter &router) const
{
    using Access = AccessPolicy::Access;
    router.add("GET", u"/v1/salesReports"_s, Access::SalesReports, this, &ReportFileEndpoints::sales);
    router.add("GET", u"/v1/financeReports"_s, Access::FinanceReports, this, &ReportFileEndpoints::finance);
}

HttpReply ReportFileEndpoints::sales(const ApiCall &call) const
{
    const QStringList names{u"vendorNumber"_s, u"reportType"_s, u"reportSubType"_s,
                            u"frequency"_s,    u"reportDate"_s, u"version"_s};
    EndpointRequest endpoint(call, filterParameters(names));
    QueryParameters &parameters = endpoint.parameters();
    // The enums of Apple's OpenAPI document; which combinations exist is World's business (§6.1).
    parameters.list(u"filter[reportType]"_s,
                    {u"SALES"_s, u"PRE_ORDER"_s, u"NEWSSTAND"_s, u"SUBSCRIPTION"_s, u"SUBSCRIPTION_EVENT"_s,
                     u"SUBSCRIBER"_s, u"SUBSCRIPTION_OFFER_CODE_REDEMPTION"_s, u"INSTALLS"_s,
                     u"FIRST_ANNUAL"_s, u"WIN_BACK_ELIGIBILITY"_s});
    parameters.list(u"filter[reportSubType]"_s, {u"SUMMARY"_s, u"DETAILED"_s, u"SUMMARY_INSTALL_TYPE"_s,
                                                 u"SUMMARY_TERRITORY"_s, u"SUMMARY_CHANNEL"_s});
    parameters.list(u"filter[frequency]"_s, {u"DAILY"_s, u"WEEKLY"_s, u"MONTHLY"_s, u"YEARLY"_s});
    if (const std::optional<HttpReply> rejection = endpoint.rejection())
        return *rejection;
    if (call.faults.fires(FaultPlan::Fault::Agreements))
        return ApiReply::error(ApiError::agreementsMissing());
    if (call.faults.fires(FaultPlan::Fault::NotYet))
        return ApiReply::error(ApiError::reportNotFound(SalesRequest::notYetAvailableDetail()));
    const QMap<QString, QString> query = filters(parameters, names);
    FileTamper tamper; // drawn while the state is locked: the fault plan is shared
    tamper.wrongPeriod = call.faults.fires(FaultPlan::Fault::WrongPeriod);
    const StateUnlocker generating; // World is thread-safe; other requests go on meanwhile
    return fileReply(m_world.salesReport(query, tamper));
}

HttpReply ReportFileEndpoints::finance(const ApiCall &call) const
{
    const QStringList names{u"vendorNumber"_s, u"reportType"_s, u"regionCode"_s, u"reportDate"_s};
    EndpointRequest endpoint(call, filterParameters(names));
    QueryParameters &parameters = endpoint.parameters();
    parameters.list(u"filter[reportType]"_s, {u"FINANCIAL"_s, u"FINANCE_DETAIL"_s});
    if (const std::optional<HttpReply> rejection = endpoint.rejection())
        return *rejection;
    if (call.faults.fires(FaultPlan::Fault::Agreements))
        return ApiReply::error(ApiError::agreementsMissing());
    const QMap<QString, QString> query = filters(parameters, names);
    FileTamper tamper;
    tamper.wrongPeriod = call.faults.fires(FaultPlan::Fault::WrongPeriod);
    tamper.droppedRow = call.faults.fires(FaultPlan::Fault::DroppedRow);
    const StateUnlocker generating;
    return fileReply(m_world.financeReport(query, tamper));
}

} // namespace ascsync::sandbox
