#include "sqlexec.h"

#include "storagelog.h"

#include <QCoreApplication>
#include <QSqlDriver>

#include <atomic>

using namespace Qt::StringLiterals;

namespace ascsync::storage {

namespace {

// What to do about the failures people meet, keyed by the driver's native code: SQLite's result code or
// PostgreSQL's SQLSTATE.
QString hintFor(const QString &nativeCode, bool sqlite)
{
    if (sqlite) {
        if (nativeCode == u"5"_s || nativeCode == u"6"_s)
            return u"another program is writing to the SQLite file: try again when it has finished"_s;
        if (nativeCode == u"8"_s)
            return u"the SQLite file or its folder is read-only: make both writable"_s;
        if (nativeCode == u"13"_s)
            return u"the disk is full: free some space and run the sync again"_s;
        if (nativeCode == u"11"_s || nativeCode == u"26"_s)
            return u"the SQLite file is damaged or is not a database: restore it from a backup or use a new "
                   "file"_s;
        return {};
    }
    if (nativeCode == u"42501"_s)
        return u"the database user lacks a privilege this needs: ask the database owner to grant it"_s;
    if (nativeCode == u"53100"_s)
        return u"the database server's disk is full: free some space and run the sync again"_s;
    if (nativeCode.startsWith(u"08"_s) || nativeCode.startsWith(u"57P0"_s))
        return u"the connection to PostgreSQL was lost: check that the server is running, then try again"_s;
    return {};
}

QString cleanedText(QString text)
{
    text = text.trimmed();
    if (text.startsWith(u"ERROR:"_s))
        text = text.mid(6).trimmed();
    return text;
}

} // namespace

Error sqlError(const QSqlError &error, const QString &action)
{
    QString detail = cleanedText(error.databaseText());
    if (detail.isEmpty())
        detail = cleanedText(error.driverText());
    if (detail.isEmpty())
        detail = u"no reason given"_s;
    // QSqlError does not say which driver produced it; SQLite's native codes are small numbers.
    bool numeric = false;
    error.nativeErrorCode().toInt(&numeric);
    const QString hint = hintFor(error.nativeErrorCode(), numeric);
    QString message = u"Could not %1: %2"_s.arg(action, detail);
    if (!hint.isEmpty())
        message += u" ("_s + hint + u')';
    qCDebug(lcStorage) << "SQL failure:" << message << "native code" << error.nativeErrorCode();
    const QString code =
        error.type() == QSqlError::ConnectionError ? u"storage.connection"_s : u"storage.sql"_s;
    return makeError(code, message);
}

Status prepareSql(QSqlQuery &query, const QString &sql, const QString &action)
{
    if (!query.prepare(sql))
        return sqlError(query.lastError(), action);
    return {};
}

Status execPrepared(QSqlQuery &query, const QString &action)
{
    if (!query.exec())
        return sqlError(query.lastError(), action);
    return {};
}

Status execSql(const QSqlDatabase &db, const QString &sql, const QString &action)
{
    QSqlQuery query(db);
    if (!query.exec(sql))
        return sqlError(query.lastError(), action);
    return {};
}

QString uniqueConnectionName(QStringView purpose)
{
    static std::atomic<quint64> counter{0};
    return u"ascsync.storage.%1.%2.%3"_s.arg(purpose)
        .arg(QCoreApplication::applicationPid())
        .arg(counter.fetch_add(1) + 1);
}

} // namespace ascsync::storage
