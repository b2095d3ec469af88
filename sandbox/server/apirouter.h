#pragma once

#include "accesspolicy.h"
#include "faultdraws.h"
#include "httpexchange.h"
#include "jsonapi.h"

#include <QDateTime>
#include <QJsonObject>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <variant>

namespace ascsync::sandbox {

// What an endpoint handler gets: the request, the `{id}` captures of its path, the verified key, the
// simulated "now", the document builder, and the fault draws of this request (for content faults).
struct ApiCall {
    const HttpRequestData &request;
    QStringList pathParameters;
    const RegisteredKey &key;
    QDateTime now;
    const JsonApi &json;
    FaultDraws &faults;

    QString parameter(int index = 0) const { return pathParameters.value(index); }
    // The request URL as received, absolute on the API origin: `links.self` of the answer.
    QUrl selfUrl() const;
};

// Builders for the API's replies: JSON documents and Apple's error documents.
class ApiReply {
public:
    static HttpReply json(int status, const QJsonObject &document);
    static HttpReply error(const ApiError &error);
    static HttpReply noContent();
};

// Maps (method, path) to handlers. A path that matches no template is Apple's 404 NOT_FOUND; a known path
// with another method is a 405.
class ApiRouter {
public:
    using Handler = std::function<HttpReply(const ApiCall &call)>;

    struct Route {
        QByteArray method;
        QStringList segments; // "/v1/apps/{id}" -> ["v1", "apps", "{id}"]
        AccessPolicy::Access access;
        Handler handler;
    };

    struct Match {
        const Route *route = nullptr;
        QStringList parameters;
    };

    void add(const QByteArray &method, const QString &pathTemplate, AccessPolicy::Access access,
             Handler handler);
    // A handler that is a member function of `owner` (an endpoint class, which outlives the router).
    template <typename Owner, typename Member>
    void add(const QByteArray &method, const QString &pathTemplate, AccessPolicy::Access access, Owner *owner,
             Member handler)
    {
        add(method, pathTemplate, access,
            Handler([owner, handler](const ApiCall &call) { return (owner->*handler)(call); }));
    }

    std::variant<Match, ApiError> match(const QByteArray &method, const QString &path) const;

private:
    QList<Route> m_routes;
};

} // namespace ascsync::sandbox
