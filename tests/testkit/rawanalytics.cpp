#include "rawanalytics.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>

namespace {

QByteArray httpGet(const QString &url, const QString &token)
{
    QNetworkAccessManager network;
    QNetworkRequest request{QUrl(url)};
    if (!token.isEmpty()) {
        request.setRawHeader("Authorization", "Bearer " + token.toLatin1());
    }
    QNetworkReply *reply = network.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    const QByteArray body = reply->error() == QNetworkReply::NoError ? reply->readAll() : QByteArray();
    reply->deleteLater();
    return body;
}

QByteArray gunzip(const QByteArray &compressed)
{
    QProcess gzip;
    gzip.start(QStringLiteral("gzip"), {QStringLiteral("-dc")});
    gzip.write(compressed);
    gzip.closeWriteChannel();
    gzip.waitForFinished(60000);
    return gzip.readAllStandardOutput();
}

} // namespace

RawAnalytics::RawAnalytics(QString apiBaseUrl, QString bearerToken)
    : m_apiBaseUrl(std::move(apiBaseUrl))
    , m_token(std::move(bearerToken))
{}

QList<QJsonObject> RawAnalytics::getAll(const QString &pathOrUrl)
{
    QList<QJsonObject> items;
    QString next = pathOrUrl.startsWith(QStringLiteral("http")) ? pathOrUrl : m_apiBaseUrl + pathOrUrl;
    while (!next.isEmpty()) {
        const QJsonObject page = QJsonDocument::fromJson(httpGet(next, m_token)).object();
        if (!page.contains(QStringLiteral("data"))) {
            m_error = QStringLiteral("no data at ") + next;
            return items;
        }
        for (const QJsonValue &item : page.value(QStringLiteral("data")).toArray()) {
            items.append(item.toObject());
        }
        next = page.value(QStringLiteral("links")).toObject().value(QStringLiteral("next")).toString();
    }
    return items;
}

QHash<QString, QString> RawAnalytics::apps()
{
    QHash<QString, QString> apps;
    for (const QJsonObject &app : getAll(QStringLiteral("/v1/apps?limit=200"))) {
        apps.insert(
            app.value(QStringLiteral("id")).toString(),
            app.value(QStringLiteral("attributes")).toObject().value(QStringLiteral("name")).toString());
    }
    return apps;
}

QList<RawRow> RawAnalytics::latestRows(const QString &appId, const QString &reportName)
{
    struct Candidate {
        QString processingDate;
        int ongoing = 0;
        QList<RawRow> rows;
    };
    QMap<QString, Candidate> winners; // Date -> best instance's rows for it
    for (const QJsonObject &request :
         getAll(QStringLiteral("/v1/apps/%1/analyticsReportRequests").arg(appId))) {
        const int ongoing = request.value(QStringLiteral("attributes"))
                                .toObject()
                                .value(QStringLiteral("accessType"))
                                .toString() == QStringLiteral("ONGOING");
        const QString requestId = request.value(QStringLiteral("id")).toString();
        for (const QJsonObject &report :
             getAll(QStringLiteral("/v1/analyticsReportRequests/%1/reports").arg(requestId))) {
            if (report.value(QStringLiteral("attributes"))
                    .toObject()
                    .value(QStringLiteral("name"))
                    .toString() != reportName) {
                continue;
            }
            const QString reportId = report.value(QStringLiteral("id")).toString();
            for (const QJsonObject &instance :
                 getAll(QStringLiteral("/v1/analyticsReports/%1/instances?filter[granularity]=DAILY")
                            .arg(reportId))) {
                const QString processingDate = instance.value(QStringLiteral("attributes"))
                                                   .toObject()
                                                   .value(QStringLiteral("processingDate"))
                                                   .toString();
                QMap<QString, QList<RawRow>> byDate;
                const QString instanceId = instance.value(QStringLiteral("id")).toString();
                for (const QJsonObject &segment :
                     getAll(QStringLiteral("/v1/analyticsReportInstances/%1/segments").arg(instanceId))) {
                    const QString url = segment.value(QStringLiteral("attributes"))
                                            .toObject()
                                            .value(QStringLiteral("url"))
                                            .toString();
                    const QList<QByteArray> lines = gunzip(httpGet(url, QString())).split('\n');
                    const QList<QByteArray> header = lines.value(0).split('\t');
                    for (qsizetype i = 1; i < lines.size(); ++i) {
                        if (lines[i].isEmpty()) {
                            continue;
                        }
                        const QList<QByteArray> fields = lines[i].split('\t');
                        RawRow row;
                        for (qsizetype c = 0; c < header.size(); ++c) {
                            row.insert(QString::fromUtf8(header[c]).trimmed(),
                                       QString::fromUtf8(fields.value(c)));
                        }
                        byDate[row.value(QStringLiteral("Date"))].append(row);
                    }
                }
                for (auto it = byDate.begin(); it != byDate.end(); ++it) {
                    Candidate &current = winners[it.key()];
                    const bool newer =
                        processingDate > current.processingDate ||
                        (processingDate == current.processingDate && ongoing >= current.ongoing);
                    if (current.processingDate.isEmpty() || newer) {
                        current = {processingDate, ongoing, it.value()};
                    }
                }
            }
        }
    }
    QList<RawRow> rows;
    for (const Candidate &candidate : winners) {
        rows.append(candidate.rows);
    }
    return rows;
}

QHash<QString, QByteArray> RawAnalytics::segmentFiles(const QString &appId, const QString &reportName)
{
    QHash<QString, QByteArray> files;
    for (const QJsonObject &request :
         getAll(QStringLiteral("/v1/apps/%1/analyticsReportRequests").arg(appId))) {
        const QString requestId = request.value(QStringLiteral("id")).toString();
        for (const QJsonObject &report :
             getAll(QStringLiteral("/v1/analyticsReportRequests/%1/reports").arg(requestId))) {
            if (report.value(QStringLiteral("attributes"))
                    .toObject()
                    .value(QStringLiteral("name"))
                    .toString() != reportName) {
                continue;
            }
            const QString reportId = report.value(QStringLiteral("id")).toString();
            for (const QJsonObject &instance :
                 getAll(QStringLiteral("/v1/analyticsReports/%1/instances?filter[granularity]=DAILY")
                            .arg(reportId))) {
                const QString instanceId = instance.value(QStringLiteral("id")).toString();
                for (const QJsonObject &segment :
                     getAll(QStringLiteral("/v1/analyticsReportInstances/%1/segments").arg(instanceId))) {
                    const QString url = segment.value(QStringLiteral("attributes"))
                                            .toObject()
                                            .value(QStringLiteral("url"))
                                            .toString();
                    files.insert(segment.value(QStringLiteral("id")).toString(), httpGet(url, QString()));
                }
            }
        }
    }
    return files;
}

QByteArray RawAnalytics::fetch(const QString &pathAndQuery)
{
    return httpGet(m_apiBaseUrl + pathAndQuery, m_token);
}
