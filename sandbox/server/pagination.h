#pragma once

#include "queryparameters.h"

#include <QJsonObject>
#include <QString>
#include <QUrl>

namespace ascsync::sandbox {

// JSON:API paging as App Store Connect does it (API-NOTES §0): `limit` (1..200 on collections), an opaque
// `cursor`, `links {self, next}` as absolute URLs, and `meta.paging {total, limit, nextCursor}`.
class Pagination {
public:
    static constexpr int kMaxLimit = 200;
    // Apple's default page size is not documented (API-NOTES §8); the simulator uses 50.
    static constexpr int kDefaultLimit = 50;

    // Reads `limit` and `cursor`; problems land in `parameters.error()`.
    static Pagination read(QueryParameters &parameters, int maxLimit = kMaxLimit);

    int offset() const { return m_offset; }
    int limit() const { return m_limit; }

    // The slice [offset, offset + limit) of `total` items.
    qsizetype end(qsizetype total) const { return std::min<qsizetype>(total, qsizetype(m_offset) + m_limit); }

    // Adds `links` (self = `selfUrl`, next when more items follow) and `meta.paging` to `document`.
    void decorate(QJsonObject &document, const QUrl &selfUrl, qsizetype total) const;

    // A relationship's linkage page: {"data": [{"type", "id"}...], "links", "meta"}.
    QJsonObject linkages(const QString &type, const QStringList &ids, const QUrl &selfUrl) const;

    static QString encodeCursor(int offset);

private:
    int m_offset = 0;
    int m_limit = kDefaultLimit;
};

} // namespace ascsync::sandbox
