#include "reportrequestendpoints.h"

#include "appsendpoints.h"
#include "endpointrequest.h"
#include "serverlog.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

namespace {

const QStringList &accessTypes()
{
    static const QStringList values{u"ONE_TIME_SNAPSHOT"_s, u"ONGOING"_s};
    return values;
}

const QStringList &requestFieldNames()
{
    static const QStringList values{u"accessType"_s, u"stoppedDueToInactivity"_s, u"reports"_s};
    return values;
}

const QStringList &categories()
{
    static const QStringList values{u"APP_USAGE"_s, u"APP_STORE_ENGAGEMENT"_s, u"COMMERCE"_s,
                                    u"FRAMEWORK_USAGE"_s, u"PERFORMANCE"_s};
    return values;
}

// Apple's default number of related items for `include` is not documented; 10 here (limit[...] max 50).
constexpr int kDefaultIncludedLimit = 10;
constexpr int kMaxIncludedLimit = 50;

std::optional<AccessType> accessTypeFrom(const QString &value)
{
    if (value == u"ONGOING"_s)
        return AccessType::Ongoing;
    if (value == u"ONE_TIME_SNAPSHOT"_s)
        return AccessType::OneTimeSnapshot;
    return std::nullopt;
}

// What an AnalyticsReportRequestCreateRequest body asks for (API-NOTES §4.3).
struct CreateBody {
    QString appId;
    AccessType access = AccessType::Ongoing;
};

// Reads the body of POST /v1/analyticsReportRequests: 400 when it is not JSON, 409 for another resource
// type (JSON:API's rule), 422 for a missing or invalid attribute or relationship.
std::variant<CreateBody, ApiError> readCreateBody(const QByteArray &bytes)
{
    QJsonParseError parseError{};
    const QJsonDocument body = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError || !body.isObject())
        return ApiError::entityUnparsable(u"The request body is not a JSON object: %1"_s.arg(
            parseError.error != QJsonParseError::NoError ? parseError.errorString() : u"not an object"_s));

    const QJsonObject data = body.object().value(u"data"_s).toObject();
    if (data.isEmpty())
        return ApiError::entityInvalid(422, u"ENTITY_ERROR.ATTRIBUTE.REQUIRED"_s, u"/data"_s,
                                       u"The request body has no 'data' object."_s);
    if (data.value(u"type"_s).toString() != u"analyticsReportRequests"_s)
        return ApiError::entityInvalid(
            409, u"ENTITY_ERROR"_s, u"/data/type"_s,
            u"The resource type '%1' does not match 'analyticsReportRequests'."_s.arg(
                data.value(u"type"_s).toString()));

    const QJsonValue accessValue = data.value(u"attributes"_s).toObject().value(u"accessType"_s);
    if (accessValue.isUndefined() || accessValue.isNull())
        return ApiError::entityInvalid(422, u"ENTITY_ERROR.ATTRIBUTE.REQUIRED"_s,
                                       u"/data/attributes/accessType"_s,
                                       u"You must provide a value for the attribute 'accessType'."_s);
    const std::optional<AccessType> access = accessTypeFrom(accessValue.toString());
    if (!access)
        return ApiError::entityInvalid(
            422, u"ENTITY_ERROR.ATTRIBUTE.INVALID"_s, u"/data/attributes/accessType"_s,
            u"'%1' is not a valid value for the attribute 'accessType'. Allowed values: ONE_TIME_SNAPSHOT, ONGOING."_s
                .arg(accessValue.toVariant().toString()));

    const QJsonObject appData =
        data.value(u"relationships"_s).toObject().value(u"app"_s).toObject().value(u"data"_s).toObject();
    if (appData.isEmpty())
        return ApiError::entityInvalid(422, u"ENTITY_ERROR.RELATIONSHIP.REQUIRED"_s,
                                       u"/data/relationships/app"_s,
                                       u"You must provide a value for the relationship 'app'."_s);
    if (appData.value(u"type"_s).toString() != u"apps"_s)
        return ApiError::entityInvalid(422, u"ENTITY_ERROR.RELATIONSHIP.INVALID"_s,
                                       u"/data/relationships/app/data/type"_s,
                                       u"The relationship 'app' must refer to a resource of type 'apps'."_s);
    return CreateBody{appData.value(u"id"_s).toString(), *access};
}

} // namespace

ReportRequestEndpoints::ReportRequestEndpoints(const World &world, RequestState &requests,
                                               const AnalyticsIndex &index, int reportDelaySeconds,
                                               QDate today)
    : m_world(world)
    , m_requests(requests)
    , m_index(index)
    , m_reportDelaySeconds(reportDelaySeconds)
    , m_today(today)
{}

void ReportRequestEndpoints::registerRoutes(ApiRouter &router)
{
    using Access = AccessPolicy::Access;
    using Self = ReportRequestEndpoints;
    router.add("GET", u"/v1/apps/{id}/analyticsReportRequests"_s, Access::AnalyticsRead, this,
               &Self::listForApp);
    router.add("GET", u"/v1/apps/{id}/relationships/analyticsReportRequests"_s, Access::AnalyticsRead, this,
               &Self::linkagesForApp);
    router.add("POST", u"/v1/analyticsReportRequests"_s, Access::AnalyticsAdmin, this, &Self::create);
    router.add("GET", u"/v1/analyticsReportRequests/{id}"_s, Access::AnalyticsRead, this, &Self::get);
    router.add("DELETE", u"/v1/analyticsReportRequests/{id}"_s, Access::AnalyticsAdmin, this, &Self::remove);
    router.add("GET", u"/v1/analyticsReportRequests/{id}/reports"_s, Access::AnalyticsRead, this,
               &Self::reports);
    router.add("GET", u"/v1/analyticsReportRequests/{id}/relationships/reports"_s, Access::AnalyticsRead,
               this, &Self::reportLinkages);
}

void ReportRequestEndpoints::includeReports(const ApiCall &call, QueryParameters &parameters,
                                            QJsonObject &document) const
{
    const QStringList include = parameters.list(u"include"_s, {u"reports"_s});
    const int limit = parameters.integer(u"limit[reports]"_s, 1, kMaxIncludedLimit, kDefaultIncludedLimit);
    const FieldSet reportFields =
        parameters.fieldSet(u"fields[analyticsReports]"_s, {u"name"_s, u"category"_s, u"instances"_s});
    if (parameters.error() || !include.contains(u"reports"_s))
        return;

    const bool single = document.value(u"data"_s).isObject();
    QJsonArray resources =
        single ? QJsonArray{document.value(u"data"_s)} : document.value(u"data"_s).toArray();
    QJsonArray included;
    for (qsizetype index = 0; index < resources.size(); ++index) {
        QJsonObject resource = resources.at(index).toObject();
        const ReportRequest *request = m_requests.find(resource.value(u"id"_s).toString());
        const QList<ReportRef> reports = request ? m_index.reportsOf(*request, call.now) : QList<ReportRef>();
        QJsonArray linkage;
        for (qsizetype r = 0; r < std::min<qsizetype>(reports.size(), limit); ++r) {
            linkage.append(JsonApi::identifier(u"analyticsReports"_s, reports.at(r).id));
            included.append(call.json.report(reports.at(r), reportFields));
        }
        QJsonObject relationships = resource.value(u"relationships"_s).toObject();
        if (!relationships.contains(u"reports"_s))
            continue; // fields[analyticsReportRequests] left the relationship out
        QJsonObject reportsRelationship = relationships.value(u"reports"_s).toObject();
        reportsRelationship.insert(u"data"_s, linkage);
        reportsRelationship.insert(
            u"meta"_s, QJsonObject{{u"paging"_s,
                                    QJsonObject{{u"total"_s, qint64(reports.size())}, {u"limit"_s, limit}}}});
        relationships.insert(u"reports"_s, reportsRelationship);
        resource.insert(u"relationships"_s, relationships);
        resources.replace(index, resource);
    }
    document.insert(u"data"_s, single ? QJsonValue(resources.at(0)) : QJsonValue(resources));
    document.insert(u"included"_s, included);
}

HttpReply ReportRequestEndpoints::listForApp(const ApiCall &call) const
{
    EndpointRequest endpoint(call, {u"filter[accessType]"_s, u"fields[analyticsReportRequests]"_s,
                                    u"fields[analyticsReports]"_s, u"include"_s, u"limit"_s,
                                    u"limit[reports]"_s, u"cursor"_s});
    QueryParameters &parameters = endpoint.parameters();
    const QStringList accessFilter = parameters.list(u"filter[accessType]"_s, accessTypes());
    const FieldSet fields = parameters.fieldSet(u"fields[analyticsReportRequests]"_s, requestFieldNames());
    endpoint.readPage();
    if (const std::optional<HttpReply> rejection = endpoint.rejection())
        return *rejection;
    if (!AppsEndpoints::findApp(m_world, call.parameter()))
        return endpoint.notFound(u"apps"_s);

    QList<ReportRequest> requests;
    for (const ReportRequest &request : m_requests.requestsOf(call.parameter())) {
        if (accessFilter.isEmpty() || accessFilter.contains(toApiString(request.access)))
            requests.append(request);
    }
    QJsonObject document = endpoint.collectionDocument(
        requests, [&](const ReportRequest &request) { return call.json.reportRequest(request, fields); });
    includeReports(call, parameters, document);
    if (const std::optional<HttpReply> rejection = endpoint.rejection())
        return *rejection;
    return EndpointRequest::ok(document);
}

HttpReply ReportRequestEndpoints::linkagesForApp(const ApiCall &call) const
{
    EndpointRequest endpoint(call, {u"limit"_s, u"cursor"_s});
    endpoint.readPage();
    if (const std::optional<HttpReply> rejection = endpoint.rejection())
        return *rejection;
    if (!AppsEndpoints::findApp(m_world, call.parameter()))
        return endpoint.notFound(u"apps"_s);
    QStringList ids;
    for (const ReportRequest &request : m_requests.requestsOf(call.parameter()))
        ids.append(request.id);
    return endpoint.linkages(u"analyticsReportRequests"_s, ids);
}

HttpReply ReportRequestEndpoints::create(const ApiCall &call)
{
    const EndpointRequest endpoint(call, {});
    if (const std::optional<HttpReply> rejection = endpoint.rejection())
        return *rejection;
    const std::variant<CreateBody, ApiError> body = readCreateBody(call.request.body);
    if (const ApiError *error = std::get_if<ApiError>(&body))
        return ApiReply::error(*error);
    const auto &[appId, access] = std::get<CreateBody>(body);

    if (!AppsEndpoints::findApp(m_world, appId))
        return ApiReply::error(ApiError::entityInvalid(
            404, u"ENTITY_ERROR.RELATIONSHIP.INVALID"_s, u"/data/relationships/app/data/id"_s,
            u"There is no resource of type 'apps' with id '%1'"_s.arg(appId)));
    // Also when the existing request was stopped for inactivity: it must be deleted first [observed].
    if (m_requests.findByAccess(appId, access))
        return ApiReply::error(ApiError::duplicateEntity());

    QString persistError;
    const ReportRequest request =
        m_requests.create(appId, access, call.now, m_reportDelaySeconds, m_today, &persistError);
    qCInfo(lcSandboxServer) << "created report request" << request.id << toApiString(access) << "for app"
                            << appId;
    HttpReply reply = ApiReply::json(201, JsonApi::document(call.json.reportRequest(request, std::nullopt),
                                                            call.json.url(u"/v1/analyticsReportRequests"_s)));
    reply.setHeader(QByteArrayLiteral("Location"),
                    call.json.url(u"/v1/analyticsReportRequests/"_s + request.id).toUtf8());
    return reply;
}

HttpReply ReportRequestEndpoints::get(const ApiCall &call) const
{
    EndpointRequest endpoint(call, {u"fields[analyticsReportRequests]"_s, u"fields[analyticsReports]"_s,
                                    u"include"_s, u"limit[reports]"_s});
    QueryParameters &parameters = endpoint.parameters();
    const FieldSet fields = parameters.fieldSet(u"fields[analyticsReportRequests]"_s, requestFieldNames());
    if (const std::optional<HttpReply> rejection = endpoint.rejection())
        return *rejection;
    const ReportRequest *request = m_requests.find(call.parameter());
    if (!request)
        return endpoint.notFound(u"analyticsReportRequests"_s);
    QJsonObject document = endpoint.resourceDocument(call.json.reportRequest(*request, fields));
    includeReports(call, parameters, document);
    if (const std::optional<HttpReply> rejection = endpoint.rejection())
        return *rejection;
    return EndpointRequest::ok(document);
}

HttpReply ReportRequestEndpoints::remove(const ApiCall &call)
{
    const EndpointRequest endpoint(call, {});
    if (const std::optional<HttpReply> rejection = endpoint.rejection())
        return *rejection;
    if (!m_requests.find(call.parameter()))
        return endpoint.notFound(u"analyticsReportRequests"_s);
    QString persistError;
    if (!m_requests.remove(call.parameter(), &persistError))
        qCWarning(lcSandboxServer) << "deletion not persisted:" << persistError;
    qCInfo(lcSandboxServer) << "deleted report request" << call.parameter();
    return ApiReply::noContent();
}

HttpReply ReportRequestEndpoints::reports(const ApiCall &call) const
{
    EndpointRequest endpoint(call, {u"filter[name]"_s, u"filter[category]"_s, u"fields[analyticsReports]"_s,
                                    u"limit"_s, u"cursor"_s});
    QueryParameters &parameters = endpoint.parameters();
    const QStringList names = parameters.list(u"filter[name]"_s);
    const QStringList categoryFilter = parameters.list(u"filter[category]"_s, categories());
    const FieldSet fields =
        parameters.fieldSet(u"fields[analyticsReports]"_s, {u"name"_s, u"category"_s, u"instances"_s});
    endpoint.readPage();
    if (const std::optional<HttpReply> rejection = endpoint.rejection())
        return *rejection;
    const ReportRequest *request = m_requests.find(call.parameter());
    if (!request)
        return endpoint.notFound(u"analyticsReportRequests"_s);

    QList<ReportRef> selected;
    for (const ReportRef &report : m_index.reportsOf(*request, call.now)) {
        // "Report values are not case sensitive" (API-NOTES §5.1): names match regardless of case.
        const bool nameMatches =
            names.isEmpty() || std::any_of(names.begin(), names.end(), [&](const QString &name) {
                return name.compare(report.spec.name, Qt::CaseInsensitive) == 0;
            });
        if (nameMatches && (categoryFilter.isEmpty() || categoryFilter.contains(report.spec.category)))
            selected.append(report);
    }
    return endpoint.collection(selected,
                               [&](const ReportRef &report) { return call.json.report(report, fields); });
}

HttpReply ReportRequestEndpoints::reportLinkages(const ApiCall &call) const
{
    EndpointRequest endpoint(call, {u"limit"_s, u"cursor"_s});
    endpoint.readPage();
    if (const std::optional<HttpReply> rejection = endpoint.rejection())
        return *rejection;
    const ReportRequest *request = m_requests.find(call.parameter());
    if (!request)
        return endpoint.notFound(u"analyticsReportRequests"_s);
    QStringList ids;
    for (const ReportRef &report : m_index.reportsOf(*request, call.now))
        ids.append(report.id);
    return endpoint.linkages(u"analyticsReports"_s, ids);
}

} // namespace ascsync::sandbox
