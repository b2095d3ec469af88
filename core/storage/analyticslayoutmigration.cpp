#include "analyticslayoutmigration.h"

#include "destination.h"
#include "instanceregistry.h"
#include "metadatastore.h"
#include "placeholdercleanup.h"
#include "sqlidentifier.h"
#include "storagelog.h"

#include "core/reports/identifierrules.h"
#include "core/reports/tablenames.h"

#include <QLocale>
#include <QSet>

using namespace Qt::StringLiterals;

namespace ascsync::storage {

namespace {

// ascsync 0.1.0 wrote these on every analytics row; version 3 keeps them once, in _ascsync_instances.
const QStringList kLegacyColumns{u"_app_id"_s,      u"_granularity"_s, u"_processing_date"_s,
                                 u"_instance_id"_s, u"_access_type"_s, u"_loaded_at"_s};
constexpr QLatin1StringView kInstanceColumn("_instance");
constexpr QLatin1StringView kStreamPrefix("analytics/");

QString number(qint64 value)
{
    return QLocale(QLocale::English).toString(value);
}

bool hasColumn(const QList<Column> &columns, const QString &name)
{
    for (const Column &column : columns) {
        if (column.name.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

// The table of one granularity, by the rule new loads follow; without a report name (no load record says
// it) the daily table's name plus the granularity.
QString targetTable(const QString &table, const QString &reportName, const QString &granularity)
{
    if (granularity == u"DAILY"_s)
        return table;
    if (!reportName.isEmpty() && reports::analyticsTableName(reportName) == table)
        return reports::analyticsTableName(reportName, granularity);
    return reports::identifierWithSuffix(
        table, QString(u"_"_s + reports::snakeCase(granularity, reports::CamelCase::Keep)));
}

} // namespace

QStringList LayoutMigrationPlan::describe(const QString &schema) const
{
    if (tables.isEmpty())
        return {u"%1 has the current layout (metadata version %2): nothing to migrate."_s.arg(schema).arg(
            MetadataStore::CurrentVersion)};
    QStringList lines{
        u"%1 has %2 analytics tables in the layout of ascsync 0.1.0 (metadata version %3):"_s.arg(schema)
            .arg(tables.size())
            .arg(fromVersion)};
    for (const LegacyAnalyticsTable &table : tables) {
        qint64 rows = 0;
        for (const qint64 count : table.rowsByGranularity)
            rows += count;
        lines << u"  %1: %2 rows of %3 instances"_s.arg(table.table, number(rows), number(table.instances));
        for (auto it = table.targets.cbegin(); it != table.targets.cend(); ++it) {
            lines << u"    %1 rows -> %2.%3"_s.arg(it.key(), schema, it.value()) +
                         u" (%1 rows)"_s.arg(number(table.rowsByGranularity.value(it.key())));
        }
    }
    lines << u"Each row's _app_id, _granularity, _processing_date, _instance_id, _access_type and _loaded_at "
             u"move "
             "once per instance into %1._ascsync_instances; the rows keep every Apple column and get one "
             "_instance key. Each table moves in a transaction of its own; nothing is deleted that is not "
             "copied first."_s.arg(schema);
    return lines;
}

AnalyticsLayoutMigration::AnalyticsLayoutMigration(Destination &destination)
    : m_destination(destination)
{}

Result<QStringList> AnalyticsLayoutMigration::legacyTables()
{
    const auto records = m_destination.loadsUnder(QString(kStreamPrefix));
    if (!records)
        return records.error();
    QStringList tables;
    QSet<QString> seen;
    for (const LoadRecord &record : records.value()) {
        const QString table = record.stream.mid(kStreamPrefix.size());
        if (seen.contains(table) || !checkIdentifier(table, u"table"))
            continue;
        seen.insert(table);
        const auto columns = m_destination.tableColumns(table);
        if (!columns)
            return columns.error();
        if (columns->has_value() && hasColumn(**columns, u"_instance_id"_s) &&
            hasColumn(**columns, u"_granularity"_s))
            tables << table;
    }
    return tables;
}

Result<LegacyAnalyticsTable> AnalyticsLayoutMigration::describeTable(const QString &table)
{
    LegacyAnalyticsTable legacy;
    legacy.table = table;
    const auto records = m_destination.loads(QString(kStreamPrefix) + table);
    if (!records)
        return records.error();
    for (const LoadRecord &record : records.value()) {
        if (legacy.reportName.isEmpty())
            legacy.reportName = record.details.value(u"report"_s).toString();
    }
    const QString counts =
        u"SELECT _granularity, COUNT(*), COUNT(DISTINCT _instance_id) FROM %1 GROUP BY 1"_s.arg(
            m_destination.qualified(table));
    const auto read = m_destination.query(counts, {}, [&](const QList<QString> &values) {
        const QString granularity = values.value(0).isNull() ? u"DAILY"_s : values.value(0);
        legacy.rowsByGranularity[granularity] += values.value(1).toLongLong();
        legacy.instances += values.value(2).toLongLong();
        return true;
    });
    if (!read)
        return read.error();
    legacy.rowsByGranularity.insert(u"DAILY"_s, legacy.rowsByGranularity.value(u"DAILY"_s));
    for (auto it = legacy.rowsByGranularity.cbegin(); it != legacy.rowsByGranularity.cend(); ++it)
        legacy.targets.insert(it.key(), targetTable(table, legacy.reportName, it.key()));
    return legacy;
}

Result<LayoutMigrationPlan> AnalyticsLayoutMigration::plan()
{
    LayoutMigrationPlan plan;
    const auto version = m_destination.metadataVersion();
    if (!version)
        return version.error();
    plan.fromVersion = version.value();
    if (plan.fromVersion == 0)
        return plan;
    const auto tables = legacyTables();
    if (!tables)
        return tables.error();
    for (const QString &table : tables.value()) {
        auto legacy = describeTable(table);
        if (!legacy)
            return legacy.error();
        plan.tables << std::move(legacy).value();
    }
    return plan;
}

Status AnalyticsLayoutMigration::registerInstances(const LegacyAnalyticsTable &legacy)
{
    QList<InstanceRecord> found;
    const QString sql =
        u"SELECT _instance_id, MIN(_app_id), MIN(_granularity), MIN(_processing_date), MIN(_access_type), "
        "MIN(_loaded_at), COUNT(*) FROM %1 GROUP BY _instance_id ORDER BY 4, 6, 1"_s.arg(
            m_destination.qualified(legacy.table));
    const auto read = m_destination.query(sql, {}, [&](const QList<QString> &values) {
        InstanceRecord record;
        record.instanceId = values.value(0);
        record.appId = values.value(1);
        record.granularity = values.value(2).isNull() ? u"DAILY"_s : values.value(2);
        record.processingDate = QDate::fromString(values.value(3).left(10), Qt::ISODate);
        record.accessType = values.value(4);
        record.loadedAt = QDateTime::fromString(values.value(5), Qt::ISODateWithMs);
        record.rowCount = values.value(6).toLongLong();
        found << record;
        return true;
    });
    if (!read)
        return read.error();
    for (InstanceRecord &record : found) {
        record.reportName = legacy.reportName.isEmpty() ? legacy.table : legacy.reportName;
        record.table = legacy.targets.value(record.granularity);
        const auto loaded = m_destination.findLoad(QString(kStreamPrefix) + legacy.table, record.instanceId);
        if (!loaded)
            return loaded.error();
        if (loaded->has_value()) {
            record.checksums = (*loaded)->checksum;
            record.rowCount = (*loaded)->rowCount;
            record.loadedAt = (*loaded)->loadedAt;
        }
        const auto key = m_destination.registerInstance(record);
        if (!key)
            return key.error();
    }
    return {};
}

// Version 3 names an instance's stream after its granularity's table, as new loads do.
Status AnalyticsLayoutMigration::renameLoadRecords(const LegacyAnalyticsTable &legacy)
{
    const QString stream = QString(kStreamPrefix) + legacy.table;
    const auto records = m_destination.loads(stream);
    if (!records)
        return records.error();
    const QString sql = u"UPDATE %1 SET stream = ? WHERE stream = ? AND unit_key = ?"_s.arg(
        m_destination.qualified(MetadataStore::loadsTable()));
    for (const LoadRecord &record : records.value()) {
        const QString granularity = record.details.value(u"granularity"_s).toString();
        const QString target = legacy.targets.value(granularity.isEmpty() ? u"DAILY"_s : granularity);
        if (target.isEmpty() || target == legacy.table)
            continue;
        const auto renamed =
            m_destination.execute(sql, QVariantList{QVariant(QString(kStreamPrefix + target)),
                                                    QVariant(stream), QVariant(record.unitKey)});
        if (!renamed)
            return renamed.error();
    }
    return {};
}

Result<qint64> AnalyticsLayoutMigration::copyGranularity(const LegacyAnalyticsTable &legacy,
                                                         const QString &granularity, const QString &target)
{
    const auto columns = m_destination.tableColumns(legacy.table);
    if (!columns)
        return columns.error();
    QStringList definitions;
    QStringList names;
    QStringList selected;
    QString dateColumn;
    for (const Column &column : columns->value_or(QList<Column>())) {
        if (kLegacyColumns.contains(column.name, Qt::CaseInsensitive))
            continue;
        definitions << quoteIdentifier(column.name) + u' ' + m_destination.dialect().typeName(column.type);
        names << quoteIdentifier(column.name);
        selected << u"t."_s + quoteIdentifier(column.name);
        if (dateColumn.isEmpty() && (column.name == u"date"_s || column.name == u"event_date"_s))
            dateColumn = column.name;
    }
    const QString instances = m_destination.qualified(InstanceRegistry::instancesTable());
    const QString instanceColumn = quoteIdentifier(QString(kInstanceColumn));
    definitions << instanceColumn + u' ' + m_destination.dialect().typeName(ColumnType::Integer);
    const auto created = m_destination.execute(
        u"CREATE TABLE %1 (%2)"_s.arg(m_destination.qualified(target), definitions.join(u", "_s)));
    if (!created)
        return created.error();
    const auto copied =
        m_destination.execute(u"INSERT INTO %1 (%2, %3) SELECT %4, i.instance_key FROM %5 t JOIN %6 i ON "
                              u"i.instance_id = t._instance_id "
                              "WHERE COALESCE(t._granularity, 'DAILY') = ?"_s.arg(
                                  m_destination.qualified(target), names.join(u", "_s), instanceColumn,
                                  selected.join(u", "_s), m_destination.qualified(legacy.table), instances),
                              {granularity});
    if (!copied)
        return copied.error();
    const QString days = m_destination.qualified(InstanceRegistry::daysTable());
    const QString dayOf =
        dateColumn.isEmpty() ? u"i.processing_date"_s : u"t."_s + quoteIdentifier(dateColumn);
    const auto counted = m_destination.execute(
        u"INSERT INTO %1 (instance_key, day, row_count) SELECT t.%2, %3, COUNT(*) FROM %4 t JOIN %5 i "
        "ON i.instance_key = t.%2 WHERE %3 IS NOT NULL GROUP BY t.%2, %3"_s.arg(
            days, instanceColumn, dayOf, m_destination.qualified(target), instances));
    if (!counted)
        return counted.error();
    return copied.value();
}

Status AnalyticsLayoutMigration::migrateTable(const LegacyAnalyticsTable &legacy, const Progress &progress)
{
    if (const Status ok = registerInstances(legacy); !ok)
        return ok;
    if (const Status ok = renameLoadRecords(legacy); !ok)
        return ok;
    // The daily rows are copied under a temporary name, since the legacy table still has the plain one.
    const QString staging = u"_ascsync_v3_"_s + reports::stableHash(legacy.table);
    QStringList made;
    for (auto it = legacy.targets.cbegin(); it != legacy.targets.cend(); ++it) {
        const QString target = it.value() == legacy.table ? staging : it.value();
        const auto exists = m_destination.tableColumns(target);
        if (!exists)
            return exists.error();
        if (exists->has_value()) {
            return makeError(
                u"storage.migration.exists"_s,
                u"Cannot move the %1 rows of %2 into %3: that table exists already. Rename or drop "
                "it, then run ascsync again."_s.arg(it.key(), m_destination.qualified(legacy.table),
                                                    m_destination.qualified(target)));
        }
        const auto copied = copyGranularity(legacy, it.key(), target);
        if (!copied)
            return copied.error();
        const qint64 expected = legacy.rowsByGranularity.value(it.key());
        if (copied.value() != expected) {
            return makeError(u"storage.migration.count"_s,
                             u"Moving the %1 rows of %2 copied %3 rows, but the table holds %4; nothing was "
                             "changed. Report this with the output of `ascsync migrate --dry-run`."_s.arg(
                                 it.key(), m_destination.qualified(legacy.table), number(copied.value()),
                                 number(expected)));
        }
        progress(u"  %1 rows -> %2 (%3 rows)"_s.arg(it.key(), m_destination.qualified(it.value()),
                                                    number(copied.value())));
    }
    const auto dropped = m_destination.execute(u"DROP TABLE %1"_s.arg(m_destination.qualified(legacy.table)));
    if (!dropped)
        return dropped.error();
    const auto renamed = m_destination.execute(u"ALTER TABLE %1 RENAME TO %2"_s.arg(
        m_destination.qualified(staging), quoteIdentifier(legacy.table)));
    if (!renamed)
        return renamed.error();
    for (const QString &target : legacy.targets) {
        const auto columns = m_destination.tableColumns(target);
        if (!columns)
            return columns.error();
        QStringList indexed{QString(kInstanceColumn)};
        for (const QString &day : {u"date"_s, u"event_date"_s}) {
            if (indexed.size() == 1 && hasColumn(columns->value_or(QList<Column>()), day))
                indexed << day;
        }
        if (const Status ok = m_destination.ensureIndex(target, indexed); !ok)
            return ok;
        // 0.1.0 kept Apple's missing-value placeholder (one space); rows loaded since hold NULL.
        if (const auto cleared = clearMissingValuePlaceholders(m_destination, target); !cleared)
            return cleared.error();
    }
    return {};
}

Result<QStringList> AnalyticsLayoutMigration::fileTables()
{
    QStringList tables;
    for (const QString &family : {u"sales/"_s, u"finance/"_s}) {
        const auto records = m_destination.loadsUnder(family);
        if (!records)
            return records.error();
        for (const LoadRecord &record : records.value()) {
            // sales/<type>/<subtype>/<frequency>, finance/<type>/<region>
            const QStringList parts = record.stream.split(u'/');
            const QString table = family == u"sales/"_s
                                      ? reports::salesTableName(parts.value(1), parts.value(2))
                                      : reports::financeTableName(parts.value(1));
            if (!tables.contains(table) && checkIdentifier(table, u"table"))
                tables << table;
        }
    }
    return tables;
}

Status AnalyticsLayoutMigration::clearFilePlaceholders(const Progress &progress)
{
    const auto tables = fileTables();
    if (!tables)
        return tables.error();
    for (const QString &table : tables.value()) {
        if (const Status begun = m_destination.begin(); !begun)
            return begun;
        const auto cleared = clearMissingValuePlaceholders(m_destination, table);
        Status done = cleared ? m_destination.commit() : Status(cleared.error());
        if (!done) {
            (void)m_destination.rollback();
            return done;
        }
        if (cleared.value() > 0)
            progress(u"Missing values in %1: %2 placeholders now NULL"_s.arg(m_destination.qualified(table),
                                                                             number(cleared.value())));
    }
    return {};
}

Status AnalyticsLayoutMigration::run(const Progress &progress)
{
    const auto planned = plan();
    if (!planned)
        return planned.error();
    const qsizetype total = planned->tables.size();
    for (qsizetype i = 0; i < total; ++i) {
        const LegacyAnalyticsTable &legacy = planned->tables.at(i);
        progress(u"Migrating %1 (%2 of %3) to one table per granularity"_s.arg(
            m_destination.qualified(legacy.table), QString::number(i + 1), QString::number(total)));
        if (const Status begun = m_destination.begin(); !begun)
            return begun;
        Status moved = migrateTable(legacy, progress);
        if (moved)
            moved = m_destination.commit();
        if (!moved) {
            (void)m_destination.rollback();
            return moved;
        }
    }
    if (const Status cleared = clearFilePlaceholders(progress); !cleared)
        return cleared;
    return m_destination.setMetaValue(QString(MetadataStore::PendingMigrationKey), QString());
}

} // namespace ascsync::storage
