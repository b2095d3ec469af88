#include "requestlog.h"

#include "serverlog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringDecoder>

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

bool RequestLog::open(const QString &path, QString *error)
{
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append)) {
        *error = u"cannot open the requests log %1: %2"_s.arg(path, m_file.errorString());
        return false;
    }
    return true;
}

void RequestLog::record(const QString &origin, const QDateTime &now, const HttpRequestData &request,
                        const HttpReply &reply, const QString &fault)
{
    if (!m_file.isOpen())
        return;
    QJsonArray headers;
    for (const auto &[name, value] : request.headers)
        headers.append(QJsonArray{QString::fromLatin1(name), QString::fromLatin1(value)});

    QJsonObject line{
        {u"time"_s, now.toUTC().toString(Qt::ISODateWithMs)},
        {u"origin"_s, origin},
        {u"method"_s, QString::fromLatin1(request.method)},
        {u"path"_s, request.path},
        {u"query"_s, request.rawQuery},
        {u"headers"_s, headers},
        {u"status"_s, reply.delivery == HttpReply::Delivery::Reset ? QJsonValue(QJsonValue::Null)
                                                                   : QJsonValue(reply.status)},
        {u"fault"_s, fault.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(fault)},
    };
    // Bodies are JSON in practice; anything that is not UTF-8 is kept losslessly as base64.
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString body = decoder.decode(request.body);
    if (decoder.hasError())
        line.insert(u"bodyBase64"_s, QString::fromLatin1(request.body.toBase64()));
    else
        line.insert(u"body"_s, body);

    m_file.write(QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n');
    if (!m_file.flush())
        qCWarning(lcSandboxServer) << "cannot write the requests log:" << m_file.errorString();
}

} // namespace ascsync::sandbox
