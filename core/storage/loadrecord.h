#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace ascsync::storage {

// One unit of loaded data (an analytics instance, a sales or finance file), kept in _ascsync_loads in the
// same transaction as its rows, so a killed run resumes without loss or duplicates. (stream, unitKey) is the
// key.
struct LoadRecord {
    QString stream;  // what kind of data: e.g. "analytics/downloads", "sales/SALES/SUMMARY/DAILY"
    QString unitKey; // which unit of it: e.g. an instance id, or "2025-01-02/85000000"
    QString checksum;
    qint64 rowCount = 0;
    QString source; // where it came from, for people: a file name or a URL without its query
    QDateTime loadedAt;
    QJsonObject details; // anything else the sync engine wants to remember (stored as JSON text)
};

} // namespace ascsync::storage
