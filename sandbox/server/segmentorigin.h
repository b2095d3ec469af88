#pragma once

#include "analyticsindex.h"
#include "clocksource.h"
#include "faultplan.h"
#include "loopbackhttpserver.h"
#include "requestlog.h"
#include "urlsigner.h"

#include <QObject>

namespace ascsync::sandbox {

// The second origin: segment files behind pre-signed, expiring URLs, as Apple hands out S3-like links
// (API-NOTES §4.8). It behaves like object storage, not like the API: no JWT (a request that carries an
// Authorization header is refused with 400), 403 for an expired or altered URL, XML error bodies,
// `application/octet-stream` bodies with an exact Content-Length, and no X-Rate-Limit.
class SegmentOrigin : public QObject {
    Q_OBJECT

public:
    struct Settings {
        QByteArray secret;
        int urlTtlSeconds = 300;
        int latencyMs = 0;
        int slowMs = 20000;
    };

    SegmentOrigin(const AnalyticsIndex &index, FaultPlan &faults, RequestLog &log, ClockSource clock,
                  Settings settings, QObject *parent = nullptr);

    bool listen(quint16 port, QString *error);
    QString origin() const;
    bool isBusy() const;

    // A download URL for one segment of an instance, valid for the configured lifetime from `now`.
    // `drift` is part of the signed URL, so the bytes served match the checksum listed with it.
    QString presignedUrl(const QString &instanceId, const QString &segmentId, Drift drift,
                         const QDateTime &now) const;

private:
    HttpReply handle(const HttpRequestData &request);
    HttpReply serve(const HttpRequestData &request, const QDateTime &now);

    const AnalyticsIndex &m_index;
    FaultPlan &m_faults;
    RequestLog &m_log;
    ClockSource m_clock;
    Settings m_settings;
    UrlSigner m_signer;
    LoopbackHttpServer *m_server;
};

} // namespace ascsync::sandbox
