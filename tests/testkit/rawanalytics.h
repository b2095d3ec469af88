#pragma once

// An independent reader of the simulator's analytics files for the end-to-end tests: its own HTTP calls,
// its own paging, `gzip -dc` and a plain TSV split -- nothing from core/api or core/reports -- so the oracle
// cannot share a misunderstanding with the code under test.

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

using RawRow = QHash<QString, QString>; // header -> value

class RawAnalytics {
public:
    RawAnalytics(QString apiBaseUrl, QString bearerToken);

    // App id -> name.
    QHash<QString, QString> apps();
    // The DAILY rows of `reportName` for one app, taking for every Date only the rows of the instance with
    // the newest processingDate (an ONGOING instance wins a tie with the snapshot), as Apple says to.
    QList<RawRow> latestRows(const QString &appId, const QString &reportName);

    // Segment id -> the gzip bytes the simulator serves for it, over every DAILY instance of `reportName`
    // of one app (the raw archive's oracle: what ascsync kept must be these bytes).
    QHash<QString, QByteArray> segmentFiles(const QString &appId, const QString &reportName);
    // The body of an authorized GET (sales and finance files), empty on an HTTP error.
    QByteArray fetch(const QString &pathAndQuery);

    QString error() const { return m_error; }

private:
    QList<QJsonObject> getAll(const QString &pathOrUrl);
    QByteArray download(const QString &url);

    QString m_apiBaseUrl;
    QString m_token;
    QString m_error;
};
