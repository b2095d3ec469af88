#pragma once

#include "storagetestbackend.h"

#include <QObject>

// Tables as files shape them: creation, the migration policies on new and changed columns, hostile and
// refused names, and users' own SQL (conversion-rate.sql) on the result.
// Run once per back-end with the same bodies (tst_storage_sqlite, tst_storage_postgres).
class SchemaSuite : public QObject {
    Q_OBJECT

public:
    explicit SchemaSuite(StorageTestBackend &backend, QObject *parent = nullptr);

private Q_SLOTS:
    void createsTableAndLoadsRows();
    void migrationPolicy_data();
    void migrationPolicy();
    void hostileIdentifiers_data();
    void hostileIdentifiers();
    void refusedIdentifiers_data();
    void refusedIdentifiers();
    void conversionRateQueryRunsVerbatim();

private:
    StorageTestBackend &m_backend;
};
