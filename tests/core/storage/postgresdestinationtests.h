#pragma once

#include "storagetestbackend.h"

#include <QObject>

// What only the PostgreSQL back-end has: connection failures, and where the password comes from.
class PostgresDestinationTests : public QObject {
    Q_OBJECT

public:
    explicit PostgresDestinationTests(StorageTestBackend &backend, QObject *parent = nullptr);

private Q_SLOTS:
    void unreachableServer();
    void wrongPassword();
    void missingDatabase();
    void passwordFromPgpassword();
    void passwordFromPgpassFile();
    void noPasswordAnywhere();
    void explicitPasswordWins();
    void missingSchemaIsCreated();
    void connectionLostDuringCopy();
    void binaryCopyStoresWhatTextWould();
    void aColumnOfAnotherTypeLoadsAsText();

private:
    QString url(int port, const QString &database) const;

    StorageTestBackend &m_backend;
};
