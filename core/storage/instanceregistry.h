#pragma once

#include "instancerecord.h"
#include "sqldialect.h"

#include "core/common/clock.h"
#include "core/common/result.h"

#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace ascsync::storage {

// The analytics bookkeeping inside the destination, under its schema:
//   _ascsync_instances     one row per loaded instance (InstanceRecord); data rows point at it by key
//   _ascsync_instance_days (instance_key, day, row_count): the days each instance holds in its table now
// Every value is bound, never spliced into the SQL. Writes belong in the transaction of the rows they
// describe.
class InstanceRegistry {
public:
    static QString instancesTable(); // _ascsync_instances
    static QString daysTable();      // _ascsync_instance_days
    // The CREATE statements of both tables and their indexes.
    static QStringList createStatements(const QString &schema, SqlDialect dialect);

    // `db` must outlive the registry (it is the owning Destination's connection).
    InstanceRegistry(QSqlDatabase &db, QString schema, SqlDialect dialect, Clock clock);

    // Gives the instance its key: the one it already has (a reload) or a new one. The row is written with
    // every field of `record` except the key.
    Result<qint64> registerInstance(const InstanceRecord &record);
    Result<std::optional<InstanceRecord>> find(const QString &instanceId) const;
    // Every registered instance, by key.
    Result<QList<InstanceRecord>> all() const;

    // The days of `table` that `appId`'s other instances hold (everything but `exceptKey`), by ISO date.
    Result<QHash<QString, DayHolder>> dayHolders(const QString &appId, const QString &table,
                                                 qint64 exceptKey) const;
    // Every day every instance holds now (the coverage's facts), by instance key and day.
    Result<QList<HeldDay>> heldDays() const;
    // Sets the days `key` holds (ISO date -> rows), replacing what it held before.
    Status setDays(qint64 key, const QHash<QString, qint64> &days);
    // `key` no longer holds these days (a newer instance replaced them).
    Status dropDays(qint64 key, const QStringList &days);

private:
    QString table(const QString &name) const;

    QSqlDatabase &m_db;
    QString m_schema;
    SqlDialect m_dialect;
    Clock m_clock; // stamps a record that comes without a time
};

} // namespace ascsync::storage
