#include "endpointrequest.h"

namespace ascsync::sandbox {

EndpointRequest::EndpointRequest(const ApiCall &call, const QStringList &allowedParameters)
    : m_call(call)
    , m_parameters(call.request.query)
{
    m_parameters.allowOnly(allowedParameters);
}

std::optional<HttpReply> EndpointRequest::rejection() const
{
    if (!m_parameters.error())
        return std::nullopt;
    return ApiReply::error(*m_parameters.error());
}

HttpReply EndpointRequest::notFound(const QString &type) const
{
    return ApiReply::error(ApiError::resourceNotFound(type, m_call.parameter()));
}

QJsonObject EndpointRequest::resourceDocument(const QJsonObject &resource) const
{
    return JsonApi::document(resource, m_call.selfUrl().toString());
}

HttpReply EndpointRequest::linkages(const QString &type, const QStringList &ids) const
{
    return ok(m_page.linkages(type, ids, m_call.selfUrl()));
}

} // namespace ascsync::sandbox
