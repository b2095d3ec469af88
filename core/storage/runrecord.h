#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace ascsync::storage {

// One sync run, in _ascsync_runs: the history the UI and `ascsync status` show.
struct RunRecord {
    QString runId;
    QDateTime startedAt;
    QDateTime finishedAt; // invalid while running, or when the run was killed
    QString outcome; // the sync engine's word ("succeeded", "failed", "cancelled"...); empty while running
    QJsonObject summary; // stored as JSON text
};

} // namespace ascsync::storage
