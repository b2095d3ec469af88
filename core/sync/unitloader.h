#pragma once

#include "core/common/result.h"
#include "core/reports/reportlayout.h"
#include "core/storage/column.h"
#include "core/storage/destination.h"
#include "core/storage/instancerecord.h"
#include "core/storage/loadrecord.h"

#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>

namespace ascsync::sync {

// One value ascsync adds to every row of a unit (`_app_id`, `_report_date`, ...).
struct MetadataValue {
    storage::Column column;
    QString value;
};

// One unit of data: all files of an analytics instance, or one sales or finance file. It loads completely,
// with its LoadRecord, in one transaction, or not at all.
struct UnitLoad {
    enum class Replace {
        // Sales and finance: the rows whose `scopeColumns` hold this unit's values are the unit's partition
        // and are replaced whole.
        Partition,
        // Analytics corrections: for one app and report table (one granularity), the instance with the
        // newest processing date is the truth for every Date it contains; rows of older instances for those
        // dates go, and this instance's rows for dates a newer one already holds go too. Never summed. At
        // equal processing dates the last load wins. The rows carry only the instance's key (`_instance`);
        // the instance itself is stored once in _ascsync_instances.
        NewestPerDate,
    };

    QString table;
    QStringList files;
    reports::ReportLayout layout = reports::ReportLayout::Plain;
    QList<MetadataValue> metadata; // Partition: values added to every row
    Replace replace = Replace::Partition;
    QStringList scopeColumns; // Partition: metadata column names identifying the partition
    QStringList
        dateHeaders; // NewestPerDate: headers that may carry the day, first present wins ("Date", ...)
    storage::InstanceRecord instance; // NewestPerDate: the analytics instance the files make up
    storage::MigrationPolicy policy = storage::MigrationPolicy::Evolve;
    storage::LoadRecord record;
    // Optional: told the rows read so far and the compressed bytes read of `bytesTotal` every
    // kUnitProgressRows rows, so a long unit shows that it moves. Called on the loading thread.
    std::function<void(qint64 rows, qint64 bytesRead, qint64 bytesTotal)> onRows;
};

constexpr qint64 kUnitProgressRows = 20'000;

struct UnitLoadResult {
    qint64 rowsLoaded = 0;
    qint64 rowsReplaced = 0;   // older rows this unit superseded
    qint64 rowsSuperseded = 0; // rows of this unit dropped because a newer unit holds their dates
    QStringList notes; // schema changes, ignored columns, padded rows, non-UTF-8 fields, trailer lines
    QStringList infos; // facts, not problems: the table was created
};

// Streams the unit's files (gzip TSV, constant memory) into the destination in one transaction, together with
// its LoadRecord. Columns are matched by header name, typed from the catalogue, and the table is fitted to
// them under the unit's migration policy. On any error the transaction is rolled back and nothing changes.
Result<UnitLoadResult> loadUnit(storage::Destination &destination, const UnitLoad &unit);

} // namespace ascsync::sync
