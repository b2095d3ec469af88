#pragma once

#include "storagetestbackend.h"

#include <QObject>

// What has to hold across processes and versions: ascsync's metadata and its migrations, run history, the
// sync lock against a second process, a process killed in mid-load, and a statement stopped from another
// thread.
// Run once per back-end with the same bodies (tst_storage_sqlite, tst_storage_postgres).
class DurabilitySuite : public QObject {
    Q_OBJECT

public:
    explicit DurabilitySuite(StorageTestBackend &backend, QObject *parent = nullptr);

private Q_SLOTS:
    void runHistory();
    void metadataMigratesFromVersion1();
    void failedMigrationKeepsOldLayout();
    void newerMetadataIsRefused();
    void syncLockRefusedWhileHeld();
    void staleSyncLockTakenOver();
    void killedMidLoadLeavesDestinationAsBefore();
    void interruptStopsARunningStatement();

private:
    StorageTestBackend &m_backend;
};
