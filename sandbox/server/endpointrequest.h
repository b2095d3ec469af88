#pragma once

#include "apirouter.h"
#include "pagination.h"
#include "queryparameters.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace ascsync::sandbox {

// The steps every JSON:API handler of the simulator shares, so that each answers alike: the query read the
// way App Store Connect validates it (only the handler's parameters; the first problem is the 400 sent),
// Apple's 404 for a path {id} that names nothing, and the 200 documents: one resource, one page of a
// collection, one page of a relationship's linkages. Handlers keep what is their own: their parameters,
// how they find resources and which of them they list.
class EndpointRequest {
public:
    EndpointRequest(const ApiCall &call, const QStringList &allowedParameters);

    QueryParameters &parameters() { return m_parameters; }
    // Reads `limit` and `cursor`. Call it where the handler reads them: of several problems, the first read
    // is the one reported.
    void readPage() { m_page = Pagination::read(m_parameters); }
    // The 400 for the query's first problem; ask once every parameter has been read.
    std::optional<HttpReply> rejection() const;
    // The 404 for the path's {id}: no resource of `type` has it.
    HttpReply notFound(const QString &type) const;

    // {"data": resource, "links": {"self": the request's URL}}.
    QJsonObject resourceDocument(const QJsonObject &resource) const;
    HttpReply resource(const QJsonObject &resource) const { return ok(resourceDocument(resource)); }

    // The page of `items` that readPage() asked for, each turned into a resource by `toResource`, with
    // `links` and `meta.paging`.
    template <typename Items, typename ToResource>
    QJsonObject collectionDocument(const Items &items, const ToResource &toResource) const
    {
        QJsonArray data;
        for (qsizetype index = m_page.offset(); index < m_page.end(items.size()); ++index)
            data.append(toResource(items.at(index)));
        QJsonObject document{{QStringLiteral("data"), data}};
        m_page.decorate(document, m_call.selfUrl(), items.size());
        return document;
    }
    template <typename Items, typename ToResource>
    HttpReply collection(const Items &items, const ToResource &toResource) const
    {
        return ok(collectionDocument(items, toResource));
    }

    // The page of a relationship's linkages that readPage() asked for: {"data": [{"type", "id"}...], ...}.
    HttpReply linkages(const QString &type, const QStringList &ids) const;

    static HttpReply ok(const QJsonObject &document) { return ApiReply::json(200, document); }

private:
    const ApiCall &m_call;
    QueryParameters m_parameters;
    Pagination m_page;
};

} // namespace ascsync::sandbox
