#pragma once

#include "core/common/result.h"
#include "core/storage/destination.h"
#include "core/storage/destinationspec.h"

#include <QTemporaryDir>

#include <memory>

// The place a storage test suite writes to, for one back-end: a temporary folder of SQLite files, or a
// PostgreSQL database of its own created on the server named by ASCSYNC_TEST_PG_* (exported by
// tests/run-all.sh) and dropped at the end. Every freshSpec() is a destination no other test has used.
class StorageTestBackend {
public:
    enum class Kind { Sqlite, Postgres };

    explicit StorageTestBackend(Kind kind);
    ~StorageTestBackend();

    Kind kind() const { return m_kind; }
    bool isPostgres() const { return m_kind == Kind::Postgres; }

    ascsync::Status setUp();
    void tearDown();

    // A destination nobody used yet: a new SQLite file, or a new schema in the test database. `schema` forces
    // the schema name (the SQLite file is still new; on PostgreSQL the caller makes sure it is unused).
    ascsync::storage::DestinationSpec freshSpec(const QString &tag, const QString &schema = {});
    // The destination text (sqlite:PATH or postgresql://...) of a spec, for child processes.
    static QString destinationText(const ascsync::storage::DestinationSpec &spec);
    QString password() const { return m_password; }

    ascsync::Result<std::unique_ptr<ascsync::storage::Destination>>
    open(const ascsync::storage::DestinationSpec &spec) const;

    // Runs statements beside ascsync, to build layouts by hand: on SQLite the file is attached under the
    // spec's schema name (so "schema"."table" works as through a Destination); on PostgreSQL the schema is
    // created first.
    ascsync::Status execDirect(const ascsync::storage::DestinationSpec &spec,
                               const QStringList &statements) const;
    // The same, returning the rows of the last statement as text ("<NULL>" for NULL).
    ascsync::Result<QList<QStringList>> queryDirect(const ascsync::storage::DestinationSpec &spec,
                                                    const QStringList &statements) const;

    // The PostgreSQL server the tests use (from the environment), for tests of connection failures.
    QString pgHost() const { return m_host; }
    int pgPort() const { return m_port; }
    QString pgUser() const { return m_user; }
    QString pgDatabase() const { return m_database; }

private:
    Kind m_kind;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_host;
    int m_port = 0;
    QString m_user;
    QString m_password;
    QString m_adminDatabase;
    QString m_database; // created for this run
    int m_counter = 0;
};
