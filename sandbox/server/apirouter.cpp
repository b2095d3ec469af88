#include "apirouter.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

namespace {

bool matches(const QStringList &pattern, const QStringList &segments, QStringList *parameters)
{
    if (pattern.size() != segments.size())
        return false;
    QStringList captured;
    for (qsizetype index = 0; index < pattern.size(); ++index) {
        const QString &expected = pattern.at(index);
        if (expected.startsWith(u'{')) {
            if (segments.at(index).isEmpty())
                return false;
            captured.append(segments.at(index));
        } else if (expected != segments.at(index)) {
            return false;
        }
    }
    *parameters = captured;
    return true;
}

} // namespace

QUrl ApiCall::selfUrl() const
{
    QUrl url(json.url(QString()));
    url.setPath(request.path);
    if (!request.rawQuery.isEmpty())
        url.setQuery(request.rawQuery);
    return url;
}

HttpReply ApiReply::json(int status, const QJsonObject &document)
{
    HttpReply reply;
    reply.status = status;
    reply.setHeader(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json"));
    reply.body = QJsonDocument(document).toJson(QJsonDocument::Compact);
    return reply;
}

HttpReply ApiReply::error(const ApiError &error)
{
    HttpReply reply;
    reply.status = error.status;
    reply.setHeader(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json"));
    reply.body = error.toDocument();
    return reply;
}

HttpReply ApiReply::noContent()
{
    HttpReply reply;
    reply.status = 204;
    return reply;
}

void ApiRouter::add(const QByteArray &method, const QString &pathTemplate, AccessPolicy::Access access,
                    Handler handler)
{
    m_routes.append({method, pathTemplate.split(u'/', Qt::SkipEmptyParts), access, std::move(handler)});
}

std::variant<ApiRouter::Match, ApiError> ApiRouter::match(const QByteArray &method, const QString &path) const
{
    // A trailing slash is not the same resource for Apple either; keep empty segments to reject it.
    QStringList segments = path.split(u'/');
    if (!segments.isEmpty() && segments.constFirst().isEmpty())
        segments.removeFirst();
    bool pathKnown = false;
    for (const Route &route : m_routes) {
        QStringList parameters;
        if (!matches(route.segments, segments, &parameters))
            continue;
        if (route.method == method)
            return Match{&route, parameters};
        pathKnown = true;
    }
    if (pathKnown)
        return ApiError::methodNotAllowed(method, path);
    return ApiError::pathNotFound();
}

} // namespace ascsync::sandbox
