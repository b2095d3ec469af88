#pragma once

#include "core/common/result.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <functional>

namespace ascsync::storage {

class Destination;

// One analytics table of ascsync 0.1.0's layout (every granularity in one table, six metadata columns on
// every row), and where its rows go.
struct LegacyAnalyticsTable {
    QString table;
    QString reportName;                      // from its load records; the table name when none says
    QMap<QString, qint64> rowsByGranularity; // DAILY -> rows, ...
    QMap<QString, QString> targets;          // DAILY -> downloads, WEEKLY -> downloads_weekly, ...
    qint64 instances = 0;                    // distinct instances its rows come from
};

struct LayoutMigrationPlan {
    int fromVersion = 0; // the destination's metadata version before any migration
    QList<LegacyAnalyticsTable> tables;

    bool pending() const { return !tables.isEmpty(); }
    // What `ascsync migrate --dry-run` prints: one line per table and target, then what moves where.
    QStringList describe(const QString &schema) const;
};

// Moves 0.1.0 analytics tables to the layout of metadata version 3 (DESIGN "Data model"): per table and
// granularity `<table>`, `<table>_weekly`, `<table>_monthly`, whose rows carry one `_instance` key into
// _ascsync_instances (registered from the rows' own metadata and their load records), with the days each
// instance holds in _ascsync_instance_days. Each legacy table moves in one transaction of its own, under the
// destination's sync lock: a killed migration leaves every table either old or new, and the next open goes
// on with the old ones. Every value is kept: the rows copied per granularity must add up to the table's, or
// the table stays as it was and the migration stops with both counts. Text values that are Apple's
// missing-value placeholder (one space), kept by 0.1.0, become NULL in every data table, sales and finance
// too.
class AnalyticsLayoutMigration {
public:
    using Progress = std::function<void(const QString &line)>;

    explicit AnalyticsLayoutMigration(Destination &destination);

    // Reads only.
    Result<LayoutMigrationPlan> plan();
    // Migrates every legacy table, then clears the destination's pending-migration mark.
    Status run(const Progress &progress);

private:
    Result<QStringList> legacyTables();
    Result<LegacyAnalyticsTable> describeTable(const QString &table);
    Status migrateTable(const LegacyAnalyticsTable &legacy, const Progress &progress);
    Status registerInstances(const LegacyAnalyticsTable &legacy);
    Status renameLoadRecords(const LegacyAnalyticsTable &legacy);
    // The sales and finance tables the destination's load records name.
    Result<QStringList> fileTables();
    // Apple's missing-value placeholder to NULL in those tables, one transaction per table.
    Status clearFilePlaceholders(const Progress &progress);
    Result<qint64> copyGranularity(const LegacyAnalyticsTable &legacy, const QString &granularity,
                                   const QString &target);

    Destination &m_destination;
};

} // namespace ascsync::storage
