#pragma once

// What the e2e suites need from their surroundings: the shared/ reference folder and the throw-away
// PostgreSQL server tests/run-all.sh starts (ASCSYNC_TEST_PG_*).

#include <QString>
#include <QStringList>

// The shared/ folder beside the checkout (ASCSYNC_SHARED_DIR overrides it).
QString sharedDir();

class TestPostgres {
public:
    TestPostgres();
    // False without ASCSYNC_TEST_PG_HOST: run through tests/run-all.sh, which starts a server.
    bool ok() const { return !m_host.isEmpty(); }
    // postgresql://user@host:port/database (the password goes through environment(), never the URL).
    QString url() const;
    QString url(const QString &database) const;
    // PGPASSWORD=..., for the ascsync and psql processes a test starts.
    QStringList environment() const;
    // Runs one statement as the test user; false (with qWarning) when it fails.
    bool exec(const QString &sql, const QString &database = {}) const;
    bool dropSchema(const QString &schema) const;

private:
    QString m_host;
    QString m_port;
    QString m_user;
    QString m_password;
    QString m_database;
};
