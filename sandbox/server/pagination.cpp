#include "pagination.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

namespace {

// Cursors look like Apple's opaque tokens: base64url of a small JSON object naming the next offset.
std::optional<int> decodeCursor(const QString &cursor)
{
    const auto bytes = QByteArray::fromBase64Encoding(
        cursor.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals |
                               QByteArray::AbortOnBase64DecodingErrors);
    if (!bytes)
        return std::nullopt;
    const QJsonObject object = QJsonDocument::fromJson(*bytes).object();
    bool ok = false;
    const int offset = object.value(u"offset"_s).toString().toInt(&ok);
    if (!ok || offset < 0)
        return std::nullopt;
    return offset;
}

} // namespace

QString Pagination::encodeCursor(int offset)
{
    const QByteArray json =
        QJsonDocument(QJsonObject{{u"offset"_s, QString::number(offset)}}).toJson(QJsonDocument::Compact);
    return QString::fromLatin1(json.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

Pagination Pagination::read(QueryParameters &parameters, int maxLimit)
{
    Pagination page;
    page.m_limit = parameters.integer(u"limit"_s, 1, maxLimit, std::min(kDefaultLimit, maxLimit));
    if (parameters.has(u"cursor"_s) && !parameters.error()) {
        const std::optional<int> offset = decodeCursor(parameters.value(u"cursor"_s));
        if (!offset) {
            parameters.invalid(u"cursor"_s,
                               u"'%1' is not a valid value for the parameter 'cursor'. "
                               "Use the cursor of a links.next URL."_s.arg(parameters.value(u"cursor"_s)));
            return page;
        }
        page.m_offset = *offset;
    }
    return page;
}

void Pagination::decorate(QJsonObject &document, const QUrl &selfUrl, qsizetype total) const
{
    QJsonObject links{{u"self"_s, selfUrl.toString(QUrl::FullyEncoded)}};
    QJsonObject paging{{u"total"_s, qint64(total)}, {u"limit"_s, m_limit}};
    if (end(total) < total) {
        const QString cursor = encodeCursor(int(end(total)));
        QUrlQuery query(selfUrl);
        query.removeAllQueryItems(u"cursor"_s);
        query.addQueryItem(u"cursor"_s, cursor);
        QUrl next = selfUrl;
        next.setQuery(query);
        links.insert(u"next"_s, next.toString(QUrl::FullyEncoded));
        paging.insert(u"nextCursor"_s, cursor);
    }
    document.insert(u"links"_s, links);
    document.insert(u"meta"_s, QJsonObject{{u"paging"_s, paging}});
}

QJsonObject Pagination::linkages(const QString &type, const QStringList &ids, const QUrl &selfUrl) const
{
    QJsonArray data;
    for (qsizetype index = m_offset; index < end(ids.size()); ++index)
        data.append(QJsonObject{{u"type"_s, type}, {u"id"_s, ids.at(index)}});
    QJsonObject document{{u"data"_s, data}};
    decorate(document, selfUrl, ids.size());
    return document;
}

} // namespace ascsync::sandbox
