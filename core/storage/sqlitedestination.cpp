#include "sqlitedestination.h"

#include "lockfilesynclock.h"
#include "sqlexec.h"
#include "sqlidentifier.h"
#include "sqlitefilecheck.h"
#include "sqliterowsink.h"
#include "storagelog.h"

#include <QSqlDriver>
#include <QSqlQuery>
#include <QVariant>

#include <sqlite3.h>

using namespace Qt::StringLiterals;

namespace ascsync::storage {

namespace {

sqlite3 *nativeHandle(const QSqlDatabase &db)
{
    if (!db.driver())
        return nullptr;
    const QVariant handle = db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

} // namespace

Result<std::unique_ptr<SqliteDestination>> SqliteDestination::open(const DestinationSpec &spec,
                                                                   const OpenOptions &options)
{
    if (const Status ok = checkSqliteFile(spec.sqlitePath()); !ok)
        return ok.error();
    std::unique_ptr<SqliteDestination> destination(new SqliteDestination(spec));
    if (const Status ok = destination->connect(); !ok)
        return ok.error();
    if (const Status ok = destination->initialise(options); !ok)
        return ok.error();
    qCDebug(lcStorage) << "opened" << spec.describe() << "as schema" << spec.schema();
    return destination;
}

SqliteDestination::SqliteDestination(const DestinationSpec &spec)
    : Destination(spec, SqlDialect(SqlDialect::Backend::Sqlite))
{}

SqliteDestination::~SqliteDestination() = default;

Status SqliteDestination::connect()
{
    if (!QSqlDatabase::isDriverAvailable(u"QSQLITE"_s)) {
        return makeError(u"storage.sqlite.driver"_s,
                         u"Qt's SQLite driver (QSQLITE) is not installed: install libqt6sql6-sqlite."_s);
    }
    QSqlDatabase &db = database();
    db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connectionName());
    db.setDatabaseName(u":memory:"_s);
    if (!db.open())
        return sqlError(db.lastError(), u"open SQLite"_s);

    const QString path = spec().sqlitePath();
    const QString schema = quoteIdentifier(spec().schema());
    QSqlQuery attach(db);
    const QString action = u"open %1"_s.arg(path);
    if (const Status ok = prepareSql(attach, u"ATTACH DATABASE ? AS "_s + schema, action); !ok)
        return ok;
    attach.addBindValue(path);
    if (const Status ok = execPrepared(attach, action); !ok)
        return ok;

    sqlite3 *handle = nativeHandle(db);
    if (!handle) {
        return makeError(
            u"storage.sqlite.handle"_s,
            u"Qt's SQLite driver gives no native handle, which ascsync needs for bulk loads: install "
            "the libqt6sql6-sqlite package of your distribution."_s);
    }
    if (sqlite3_db_readonly(handle, spec().schema().toUtf8().constData()) == 1) {
        return makeError(
            u"storage.sqlite.readOnly"_s,
            u"Cannot write to %1: SQLite could only open it read-only. Check that the file and its "
            "folder are writable by you."_s.arg(path));
    }

    QSqlQuery pragma(db);
    if (!pragma.exec(u"PRAGMA %1.journal_mode = WAL"_s.arg(schema)))
        return sqlError(pragma.lastError(), u"switch %1 to write-ahead logging"_s.arg(path));
    if (pragma.next() && pragma.value(0).toString().compare(u"wal"_s, Qt::CaseInsensitive) != 0) {
        // Some network file systems cannot share the WAL index; SQLite then keeps a rollback journal, which
        // is still atomic, only slower for concurrent readers.
        qCWarning(lcStorage) << "SQLite kept journal mode" << pragma.value(0).toString() << "for" << path;
    }
    pragma.finish();
    for (const QString &setting : {u"PRAGMA busy_timeout = %1"_s.arg(BusyTimeoutMs),
                                   u"PRAGMA %1.synchronous = NORMAL"_s.arg(schema)}) {
        if (const Status ok = execSql(db, setting, u"set up %1"_s.arg(path)); !ok)
            return ok;
    }
    return {};
}

Status SqliteDestination::beginTransaction()
{
    return execSql(database(), u"BEGIN IMMEDIATE"_s, u"start a transaction on %1"_s.arg(spec().sqlitePath()));
}

Status SqliteDestination::prepareSchema()
{
    return {}; // the attached file is the schema
}

Status SqliteDestination::widenColumns(const QString &table, const QList<Column> &widened)
{
    // SQLite cannot change a column's type in place: the table is rebuilt with the new types and its rows
    // copied over (https://sqlite.org/lang_altertable.html#otheralter). Copying converts the values by the
    // new column's affinity -- REAL and INTEGER values become their text -- so none is lost.
    const Result<std::optional<QList<Column>>> current = tableColumns(table);
    if (!current)
        return current.error();
    QList<Column> columns = current.value().value_or(QList<Column>());
    QString names;
    QString definitions;
    for (Column &column : columns) {
        for (const Column &wider : widened) {
            if (wider.name.compare(column.name, Qt::CaseInsensitive) == 0)
                column.type = wider.type;
        }
        names += (names.isEmpty() ? QString() : u", "_s) + quoteIdentifier(column.name);
        definitions += (definitions.isEmpty() ? QString() : u", "_s) + quoteIdentifier(column.name) + u' ' +
                       dialect().typeName(column.type);
    }
    const QString rebuilt = u"_ascsync_rebuild"_s;
    const QString action = u"change column types of %1"_s.arg(qualified(table));
    const QStringList statements = {
        u"CREATE TABLE %1 (%2)"_s.arg(qualified(rebuilt), definitions),
        u"INSERT INTO %1 (%2) SELECT %2 FROM %3"_s.arg(qualified(rebuilt), names, qualified(table)),
        u"DROP TABLE %1"_s.arg(qualified(table)),
        // Legacy renaming does not re-check views that name the table while it is briefly missing.
        u"PRAGMA legacy_alter_table = ON"_s,
        u"ALTER TABLE %1 RENAME TO %2"_s.arg(qualified(rebuilt), quoteIdentifier(table)),
        u"PRAGMA legacy_alter_table = OFF"_s,
    };
    for (const QString &statement : statements) {
        if (const Status ok = execSql(database(), statement, action); !ok) {
            (void)execSql(database(), u"PRAGMA legacy_alter_table = OFF"_s, action);
            return ok;
        }
    }
    return {};
}

Result<std::unique_ptr<RowSink>> SqliteDestination::createSink(std::shared_ptr<RowSink::Lease> lease,
                                                               const QString &table,
                                                               const QList<Column> &columns)
{
    sqlite3 *handle = nativeHandle(database());
    if (!handle)
        return makeError(u"storage.sqlite.handle"_s, u"The SQLite connection has no native handle."_s);
    return SqliteRowSink::open(handle, std::move(lease), table, columns);
}

std::function<void()> SqliteDestination::makeStop()
{
    // sqlite3_interrupt may be called from any thread while the connection is open (the Interrupter
    // guarantees the destination disarms it before closing).
    sqlite3 *handle = nativeHandle(database());
    return [handle] {
        if (handle) {
            sqlite3_interrupt(handle);
        }
    };
}

void SqliteDestination::configureQuery(QSqlQuery &query) const
{
    // REAL values come back as doubles and are printed with the shortest exact form.
    query.setNumericalPrecisionPolicy(QSql::LowPrecisionDouble);
}

Result<std::unique_ptr<SyncLock>> SqliteDestination::acquireSyncLock()
{
    return LockFileSyncLock::acquire(spec().sqlitePath(), now());
}

} // namespace ascsync::storage
