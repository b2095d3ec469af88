#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

namespace ascsync::sandbox {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// The first header named `name` (case-insensitive), or a null QByteArray.
inline QByteArray headerValue(const HeaderList &headers, QByteArrayView name)
{
    for (const auto &[key, value] : headers) {
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

// One HTTP request as it arrived, copied out of QHttpServerRequest so that it outlives the parser's buffers
// (replies may be sent later, after a simulated latency).
struct HttpRequestData {
    QByteArray method; // "GET", "POST", ...
    QString path;      // decoded path, e.g. "/v1/apps/123"
    QString rawQuery;  // the query exactly as sent (percent-encoding kept), without '?'
    QUrlQuery query;
    HeaderList headers; // as received, in order
    QByteArray body;

    QByteArray header(QByteArrayView name) const { return headerValue(headers, name); }
    bool hasHeader(QByteArrayView name) const { return !header(name).isNull(); }
};

// What to send back, and how: a well-formed reply, or one of the broken deliveries the fault plan injects.
struct HttpReply {
    enum class Delivery {
        Complete, // status line, headers, the whole body
        Reset,    // the connection is reset without a byte of response
        Truncate, // Content-Length of the whole body, half of the body, then the connection closes
    };

    int status = 200;
    HeaderList headers; // Content-Length is added by the writer
    QByteArray body;
    Delivery delivery = Delivery::Complete;
    int delayMs = 0; // simulated latency before anything is written

    void setHeader(const QByteArray &name, const QByteArray &value)
    {
        for (auto &header : headers) {
            if (header.first.compare(name, Qt::CaseInsensitive) == 0) {
                header.second = value;
                return;
            }
        }
        headers.append({name, value});
    }
    QByteArray header(QByteArrayView name) const { return headerValue(headers, name); }
};

} // namespace ascsync::sandbox
