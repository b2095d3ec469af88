#pragma once

#include "storagetestbackend.h"

#include <QObject>

// Loading and reading rows: values that must survive both sinks exactly, bad values, transactions, deletes
// and streamed queries. Run once per back-end with the same bodies (tst_storage_sqlite,
// tst_storage_postgres).
class LoadSuite : public QObject {
    Q_OBJECT

public:
    explicit LoadSuite(StorageTestBackend &backend, QObject *parent = nullptr);

private Q_SLOTS:
    void unusualTextRoundTrips();
    void typedValuesRoundTrip();
    void badValueNamesRowAndColumn();
    void rollbackLeavesNothing();
    void commitKeepsRowsAndLoadRecordTogether();
    void deleteRowsByFilter();
    void queryStreamsAndStops();
    void sinkNeedsTransactionAndBlocksOtherWork();

private:
    StorageTestBackend &m_backend;
};
