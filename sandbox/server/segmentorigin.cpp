#include "segmentorigin.h"

#include "faultdraws.h"
#include "stableid.h"

#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

namespace {

const QString kPathPrefix = u"/analytics/"_s;
const QString kFileSuffix = u".txt.gz"_s;

QString variantName(Drift drift)
{
    switch (drift) {
    case Drift::None:
        return QString();
    case Drift::NewColumn:
        return u"new-column"_s;
    case Drift::ReorderedColumns:
        return u"reordered-columns"_s;
    }
    return QString();
}

std::optional<Drift> driftFromVariant(const QString &variant)
{
    for (Drift drift : {Drift::None, Drift::NewColumn, Drift::ReorderedColumns}) {
        if (variantName(drift) == variant)
            return drift;
    }
    return std::nullopt;
}

// S3's error document shape.
HttpReply storageError(int status, const QString &code, const QString &message)
{
    HttpReply reply;
    reply.status = status;
    reply.setHeader(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/xml"));
    const QString requestId =
        StableId::uuid({code.toUtf8(), message.toUtf8()}).remove(u'-').left(16).toUpper();
    reply.body =
        (u"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"_s + code + u"</Code><Message>"_s +
         message.toHtmlEscaped() + u"</Message><RequestId>"_s + requestId + u"</RequestId></Error>"_s)
            .toUtf8();
    return reply;
}

// The fault key of a download leaves out expiry and signature: a freshly listed URL for the same bytes is
// the same request, so its retry count goes on.
QString faultKey(const HttpRequestData &request)
{
    return QString::fromLatin1(request.method) + u' ' + request.path + u"?X-Variant="_s +
           request.query.queryItemValue(u"X-Variant"_s, QUrl::FullyDecoded);
}

} // namespace

SegmentOrigin::SegmentOrigin(const AnalyticsIndex &index, FaultPlan &faults, RequestLog &log,
                             ClockSource clock, Settings settings, QObject *parent)
    : QObject(parent)
    , m_index(index)
    , m_faults(faults)
    , m_log(log)
    , m_clock(std::move(clock))
    , m_settings(std::move(settings))
    , m_signer(m_settings.secret)
    , m_server(
          new LoopbackHttpServer([this](const HttpRequestData &request) { return handle(request); }, this))
{}

bool SegmentOrigin::listen(quint16 port, QString *error)
{
    if (m_server->listenOnLoopback(port))
        return true;
    *error = m_server->errorString();
    return false;
}

QString SegmentOrigin::origin() const
{
    return u"http://127.0.0.1:%1"_s.arg(m_server->port());
}

QString SegmentOrigin::presignedUrl(const QString &instanceId, const QString &segmentId, Drift drift,
                                    const QDateTime &now) const
{
    const QString path = kPathPrefix + instanceId + u'/' + segmentId + kFileSuffix;
    const QString variant = variantName(drift);
    const qint64 expiresAt = now.toSecsSinceEpoch() + m_settings.urlTtlSeconds;
    QUrl url(origin());
    url.setPath(path);
    QUrlQuery query;
    if (!variant.isEmpty())
        query.addQueryItem(u"X-Variant"_s, variant);
    query.addQueryItem(u"X-Expires"_s, QString::number(expiresAt));
    query.addQueryItem(u"X-Signature"_s, m_signer.signature(path, variant, expiresAt));
    url.setQuery(query);
    return url.toString(QUrl::FullyEncoded);
}

bool SegmentOrigin::isBusy() const
{
    return m_server->isBusy();
}

HttpReply SegmentOrigin::handle(const HttpRequestData &request)
{
    const QDateTime now = m_clock();
    FaultDraws draws(m_faults, faultKey(request));
    const auto fires = [&draws](FaultPlan::Fault fault) { return draws.fires(fault); };

    HttpReply reply;
    if (fires(FaultPlan::Fault::Reset)) {
        reply.delivery = HttpReply::Delivery::Reset;
    } else if (fires(FaultPlan::Fault::Http500)) {
        reply =
            storageError(500, u"InternalError"_s, u"We encountered an internal error. Please try again."_s);
    } else if (fires(FaultPlan::Fault::Http429)) {
        // Object storage throttles with 503 SlowDown, not 429.
        reply = storageError(503, u"SlowDown"_s, u"Please reduce your request rate."_s);
    } else {
        reply = serve(request, now);
        if (reply.status == 200 && !reply.body.isEmpty() && fires(FaultPlan::Fault::BadChecksum)) {
            // Same length, different bytes: only the checksum can tell.
            const qsizetype middle = reply.body.size() / 2;
            reply.body[middle] = char(reply.body.at(middle) ^ 0x5a);
        }
        if (reply.status == 200 && fires(FaultPlan::Fault::Truncate))
            reply.delivery = HttpReply::Delivery::Truncate;
    }
    reply.delayMs = m_settings.latencyMs;
    if (fires(FaultPlan::Fault::Slow))
        reply.delayMs += m_settings.slowMs;

    draws.label(reply);
    m_log.record(u"segments"_s, now, request, reply, draws.firedNames());
    return reply;
}

HttpReply SegmentOrigin::serve(const HttpRequestData &request, const QDateTime &now)
{
    if (request.method != "GET")
        return storageError(405, u"MethodNotAllowed"_s,
                            u"The specified method is not allowed against this resource."_s);
    if (request.hasHeader("authorization"))
        return storageError(400, u"InvalidArgument"_s,
                            u"Only one auth mechanism allowed; only the X-Signature query parameter or the "
                            "Authorization header should be specified"_s);

    const QString variant = request.query.queryItemValue(u"X-Variant"_s, QUrl::FullyDecoded);
    const QString signature = request.query.queryItemValue(u"X-Signature"_s, QUrl::FullyDecoded);
    bool expiresIsNumber = false;
    const qint64 expiresAt = request.query.queryItemValue(u"X-Expires"_s).toLongLong(&expiresIsNumber);
    if (signature.isEmpty() || !expiresIsNumber)
        return storageError(403, u"AccessDenied"_s,
                            u"Query-string authentication requires the X-Expires and "
                            "X-Signature parameters"_s);
    if (!m_signer.verify(request.path, variant, expiresAt, signature))
        return storageError(
            403, u"SignatureDoesNotMatch"_s,
            u"The request signature we calculated does not match the signature you provided."_s);
    if (now.toSecsSinceEpoch() > expiresAt)
        return storageError(403, u"AccessDenied"_s, u"Request has expired"_s);

    const std::optional<Drift> drift = driftFromVariant(variant);
    const QStringList parts = request.path.mid(kPathPrefix.size()).split(u'/');
    const auto notFound = [] {
        return storageError(404, u"NoSuchKey"_s, u"The specified key does not exist."_s);
    };
    if (!drift || !request.path.startsWith(kPathPrefix) || parts.size() != 2 ||
        !parts.at(1).endsWith(kFileSuffix))
        return notFound();
    const std::optional<InstanceRef> instance = m_index.findInstance(parts.at(0), now);
    if (!instance)
        return notFound();
    const QString segmentId = parts.at(1).chopped(kFileSuffix.size());
    const QList<SegmentSpec> segments = m_index.segmentsOf(*instance, *drift);
    const auto segment = std::find_if(segments.begin(), segments.end(), [&](const SegmentSpec &candidate) {
        return candidate.id == segmentId;
    });
    if (segment == segments.end())
        return notFound();

    HttpReply reply;
    reply.setHeader(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/octet-stream"));
    reply.setHeader(QByteArrayLiteral("ETag"), '"' + segment->checksum.toLatin1() + '"');
    reply.body = segment->gzip;
    return reply;
}

} // namespace ascsync::sandbox
