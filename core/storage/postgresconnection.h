#pragma once

#include "destinationspec.h"

#include "core/common/result.h"

#include <QSqlDatabase>

struct pg_conn;

namespace ascsync::storage {

// Opens a QPSQL connection called `connectionName` to `spec`, in the calling thread, with the session
// settings ascsync relies on (UTC, ISO dates, no NOTICE chatter). An empty password leaves the choice to
// libpq, which then reads PGPASSWORD and ~/.pgpass; an explicit one (from the keychain) wins over both. A
// failure removes the connection again and says what to do: wrong password, no password, unknown database,
// server not reachable...
Result<QSqlDatabase> openPostgresConnection(const DestinationSpec &spec, const QString &password,
                                            const QString &connectionName);

// The sslmode ascsync connects with: the one in the URL; else, to a host that is not loopback (or a local
// socket), "require", since libpq's own default "prefer" falls back to plain text without a word. An
// explicit password that would cross the network unencrypted (sslmode disable or allow, or prefer without
// TLS being guaranteed, to a remote host) is an error that says how to fix it. Empty: libpq's default.
Result<QString> effectiveSslMode(const DestinationSpec &spec, bool withPassword);

// The libpq connection under a QPSQL connection, or nullptr when there is none.
pg_conn *nativePostgresHandle(const QSqlDatabase &db);

} // namespace ascsync::storage
