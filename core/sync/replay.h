#pragma once

#include "syncobserver.h"
#include "syncsummary.h"

#include "core/common/result.h"
#include "core/reports/streamselection.h"
#include "core/storage/column.h"
#include "core/storage/destination.h"

#include <QString>
#include <QStringList>

namespace ascsync::sync {

struct ReplayOptions {
    QString archiveDirectory;
    // As sync's streams. Empty: everything the archive holds.
    reports::StreamSelection streams;
    storage::MigrationPolicy policy = storage::MigrationPolicy::Evolve;
};

// The archive folder exists (checked before a destination is opened, so a typo creates no empty database).
Status checkArchiveFolder(const QString &archiveDirectory);

// Rebuilds the destination's tables from the raw archive (RawArchive) without Apple: no key, no network.
// Each archived unit goes through the sync's own loader and bookkeeping (loadUnit: its load record, the
// instances table, the corrections rule), in the sync's order (analytics by processing date, a snapshot
// before the ongoing instance of the same day, then sales and finance), so an empty destination ends up
// with the tables of the syncs that filled the archive. A unit already loaded with the same checksum is
// skipped: replaying twice changes nothing. A missing or damaged file fails its unit only; the rest loads.
// Holds the destination's sync lock, like a sync.
Result<SyncSummary> runReplay(storage::Destination &destination, const ReplayOptions &options,
                              SyncObserver &observer);

} // namespace ascsync::sync
