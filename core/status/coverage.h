#pragma once

#include "statusadvice.h"

#include "core/common/result.h"
#include "core/storage/instancerecord.h"
#include "core/storage/loadrecord.h"

#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace ascsync::storage {
class Destination;
}

namespace ascsync::status {

// What the destination knows of one date (a day, or the first day of a week or month) of one app's
// analytics report table. Computed from facts the destination records (the instances, the days each holds,
// their checksums, and when each report was last listed completely), never guessed from the data rows.
enum class CoverageState {
    Loaded,          // an instance holds rows for the date
    NoData,          // an instance for the date was loaded but had no rows for it (none, or thresholded)
    NotPublished,    // Apple cannot have published the date's instance yet
    Pending,         // Apple has published it (or may have): the next sync loads it
    Missing,         // listed after its processing day and never delivered: skipped or a duplicate instance
    DeletedUnloaded, // older than Apple's 35-day retention and never loaded
};

QString toString(CoverageState state); // "loaded", "no-data", ...
QString describe(CoverageState state); // "no data", for people

struct CoverageDay {
    QDate date;
    CoverageState state = CoverageState::Pending;
    QString instanceId;   // Loaded / NoData: the instance that holds or covers the date
    QDate processingDate; // of that instance; Missing / Pending / ...: of the instance Apple owes
    qint64 rows = 0;      // Loaded: rows held for the date
    QString duplicateOf;  // Missing: the instance whose content the instance for this date repeated
};

// One app's report table of one granularity (`downloads`, `downloads_weekly`), or one vendor-wide sales
// stream (appId empty, reportName "SALES/SUMMARY/DAILY", granularity its frequency). Sales files cannot be
// `missing` (Apple does not skip them); their `instanceId` is the file's key ("2026-11-02/85000000").
struct CoverageSeries {
    QString appId;
    QString reportName;
    QString table;
    QString granularity;
    QList<CoverageDay> days;      // oldest first
    QDate snapshotProcessingDate; // newest loaded ONE_TIME_SNAPSHOT of the app's report; invalid if none

    int count(CoverageState state) const;
    // The dates in `state`, as ranges "2026-11-02..2026-11-04" (a single date alone).
    QStringList ranges(CoverageState state) const;
    QJsonObject toJson() const;
};

struct CoverageFilter {
    QString appId;      // empty: every app
    QString reportName; // Apple's name or the table name; empty: every report
    QDate from;         // invalid: the series' oldest known date
    QDate to;           // invalid: today
};

// The facts coverage is computed from (read from the destination by readCoverageFacts()).
struct CoverageFacts {
    QList<storage::InstanceRecord> instances;
    QList<storage::HeldDay> days;
    // Complete listings of ONGOING series: key "app\x1freport\x1fgranularity" -> (the oldest processing
    // date seen by an unbroken run of listings, the last day listed).
    QHash<QString, std::pair<QDate, QDate>> listings;
    // Sales files loaded (streams "sales/TYPE/SUBTYPE/FREQUENCY"), including days Apple had no sales for.
    QList<storage::LoadRecord> salesLoads;
};

struct CoverageReport {
    QDate today; // the UTC processing day the states are computed for
    QList<CoverageSeries> series;

    int count(CoverageState state) const;
    QJsonObject toJson() const;
    // One sentence per series with missing dates: how many, which, and whether a snapshot may recover them.
    QStringList warnings(const QString &appName = {}) const;
    // The day from which a new ONE_TIME_SNAPSHOT may recover the missing dates (Apple allows one a month);
    // invalid when nothing is missing.
    QDate snapshotRecoveryDate() const;
};

Result<CoverageFacts> readCoverageFacts(storage::Destination &destination);
// Pure: the same facts, filter and clock give the same report.
CoverageReport computeCoverage(const CoverageFacts &facts, const CoverageFilter &filter,
                               const QDateTime &now);
// The processing date of the ONGOING instance that first delivers `date` at `granularity`.
QDate expectedProcessingDate(const QString &granularity, QDate date);

} // namespace ascsync::status
