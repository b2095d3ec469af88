#pragma once

#include "common/result.h"
#include "storage/destinationspec.h"

#include <QSqlDatabase>

struct pg_conn;

namespace ascsync::storage {

// Opens a QPSQL connection called `connectionName` to `spec`, in the calling thread, with the session
// settings ascsync relies on (UTC, ISO dates, no NOTICE chatter). An empty password leaves the choice to
// libpq, which then reads PGPASSWORD and ~/.pgpass; an explicit one (from the keychain) wins over both. A
// failure removes the connection again and says what to do: wrong password, no password, unknown database,
// server not reachable...
Result<QSqlDatabase> openPostgresConnection(const DestinationSpec &spec, const QString &password,
                                            const QString &connectionName, const QString &extraOptions = {});

// The libpq connection under a QPSQL connection, or nullptr when there is none.
pg_conn *nativePostgresHandle(const QSqlDatabase &db);

} // namespace ascsync::storage
