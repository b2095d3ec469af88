#pragma once

#include "core/common/result.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>

namespace ascsync::storage {

// Every exec/prepare/commit of core/storage goes through these, so no failure goes unchecked and each one
// becomes a sentence that says what was being done, what the database answered, and (for the failures people
// meet) what to do: "Could not add column "x" to apple_app_store.downloads: ... ".
Error sqlError(const QSqlError &error, const QString &action);

Status prepareSql(QSqlQuery &query, const QString &sql, const QString &action);
Status execPrepared(QSqlQuery &query, const QString &action);
// One statement without values.
Status execSql(const QSqlDatabase &db, const QString &sql, const QString &action);

// A connection name no other Destination, lock or thread uses (CONVENTIONS: a named connection per thread).
QString uniqueConnectionName(QStringView purpose);

} // namespace ascsync::storage
