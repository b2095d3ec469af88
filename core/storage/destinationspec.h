#pragma once

#include "core/common/result.h"

#include <QString>

namespace ascsync::storage {

// Where the data goes, as the user writes it: `sqlite:PATH` or `postgresql://user@host:port/db[?sslmode=...]`
// (also `postgres://`), plus the schema the tables live in. Never holds a password: those come from the
// keychain, PGPASSWORD or ~/.pgpass.
class DestinationSpec {
public:
    enum class Kind { Sqlite, Postgres };

    static QString defaultSchema(); // apple_app_store
    static constexpr int DefaultPostgresPort = 5432;

    // `sqlite:` paths may be relative (to the current directory) or start with `~` (the home folder); the
    // spec keeps the absolute, cleaned path. A password in a PostgreSQL URL is refused.
    static Result<DestinationSpec> parse(const QString &text, const QString &schema = defaultSchema());

    Kind kind() const { return m_kind; }
    QString schema() const { return m_schema; }

    QString sqlitePath() const { return m_path; } // absolute

    QString host() const { return m_host; }
    int port() const { return m_port; }
    QString user() const { return m_user; }
    QString database() const { return m_database; }
    QString sslMode() const { return m_sslMode; } // empty: libpq's default (prefer)

    // The canonical text (parse(toString()) gives the same spec).
    QString toString() const;
    // For messages: "the SQLite file /x/y.db", "PostgreSQL database db on host:5432 (user ana)".
    QString describe() const;
    // "host:port" for connection messages.
    QString hostAndPort() const;

private:
    static Result<DestinationSpec> parseSqlite(const QString &text);
    static Result<DestinationSpec> parsePostgres(const QString &text);

    Kind m_kind = Kind::Sqlite;
    QString m_schema;
    QString m_path;
    QString m_host;
    int m_port = DefaultPostgresPort;
    QString m_user;
    QString m_database;
    QString m_sslMode;
};

} // namespace ascsync::storage
