#pragma once

#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace ascsync::status {

// What Apple knows about one app's analytics report requests, and what the destination holds of them: the
// `ascsync status` view and the GUI's per-app table. Plain data, so both can render it their way.

enum class OngoingState { Active, StoppedForInactivity, Missing };
enum class SnapshotState { Present, Missing };

// One word for the whole app, for icons and colours: Ready (reports exist and load), Waiting (requested,
// Apple has not generated reports yet), NeedsSetup (a request is missing), Stopped (the ONGOING request was
// stopped).
enum class Readiness { Ready, Waiting, NeedsSetup, Stopped };

struct GranularityStatus {
    QString granularity;        // DAILY | WEEKLY | MONTHLY
    int processingDays = 0;     // distinct processing dates Apple lists (it keeps 35 days of them)
    QDate newestProcessingDate; // invalid when Apple lists none
    QDate loadedProcessingDate; // newest instance loaded into the destination; invalid when none
    int unloadedInstances = 0;  // listed by Apple, not in the destination yet
};

struct AppStatus {
    QString appId;
    QString name;
    QString bundleId;
    OngoingState ongoing = OngoingState::Missing;
    SnapshotState snapshot = SnapshotState::Missing;
    // Days since the snapshot's data were generated (its newest processingDate), against Apple's one snapshot
    // per month; empty while the snapshot has no instance yet.
    std::optional<int> snapshotAgeDays;
    int reportCount = 0; // reports under all of the app's requests
    QList<GranularityStatus> granularities;
    QDateTime lastLoadedAt; // newest load of this app's analytics into the destination; invalid when none
    QStringList gaps; // sentences: days with instances missing, or instances Apple deleted before loading
    QStringList nextSteps; // sentences, most urgent first
    Readiness readiness = Readiness::NeedsSetup;
};

struct StatusReport {
    QDate today; // Apple's calendar day (Pacific time)
    QList<AppStatus> apps;
    bool destinationChecked = false; // false: no destination was given or it could not be opened
    QString destinationNote;         // why it was not checked, for people
    // Sales and Trends streams ("SUBSCRIPTION/SUMMARY/DAILY") whose version a sync moved to the one Apple
    // named, with that version (read from the destination).
    QMap<QString, QString> salesReportVersions;

    int appsWithoutRequests() const;
    // "You have 2 apps without report requests." (empty when every app has both requests)
    QString headline() const;
    QJsonObject toJson() const;
};

QString toString(OngoingState state);
QString toString(SnapshotState state);
QString toString(Readiness readiness);

} // namespace ascsync::status
