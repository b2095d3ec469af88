#pragma once

#include "rawarchive.h"

#include "core/common/clock.h"
#include "core/reports/streamselection.h"
#include "core/storage/column.h"

#include <QDate>
#include <QString>
#include <QStringList>

namespace ascsync::sync {

struct SyncOptions {
    QStringList apps;     // app IDs; empty = every app the key sees
    QString vendorNumber; // empty: sales and finance are skipped (with a note)
    reports::StreamSelection streams = reports::StreamSelection::of(
        {QStringLiteral("analytics"), QStringLiteral("sales"), QStringLiteral("finance")});
    QStringList granularities{QStringLiteral("DAILY")};
    QStringList financeRegions{QStringLiteral("ZZ")};
    int backfillDays = 7;
    storage::MigrationPolicy policy = storage::MigrationPolicy::Evolve;
    int concurrency = 4;
    QString workDirectory;         // where downloads wait for their load; empty: a temporary folder
    int financeHistoryMonths = 24; // how many fiscal months the first finance sync looks back
    QStringList reportVersions;    // Settings::reportVersions (already validated)
    bool individualKey = false;    // the key has no issuer ID: it cannot download sales or finance reports
    bool relist = false;           // list every selected report, whatever the planner's cadence says
    QString archiveDirectory;      // the raw archive (README "Raw archive"); empty: none
    ArchiveLimits archiveLimits;   // pruned to after each sync
    Clock clock = systemClock();
};

// The Sales and Trends reports synced when the settings just say "sales".
QStringList defaultSalesStreams();

} // namespace ascsync::sync
