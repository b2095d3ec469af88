#include "sync/unitloader.h"

#include "reports/columnnames.h"
#include "reports/columntype.h"
#include "reports/tsvreader.h"
#include "reports/valueconverter.h"
#include "storage/sqlidentifier.h"
#include "sync/synclog.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace ascsync::sync {

namespace {

struct FileColumns {
    QStringList headers;            // union of all files' headers, first-seen order
    QStringList keys;               // the same, told apart when a header repeats (occurrenceKeys)
    QList<storage::Column> columns; // their table columns
    QList<QList<qsizetype>>
        sourceIndex; // per file: for each union column, its index in that file (-1: absent)
};

QString sqlLiteral(const QString &value)
{
    QString escaped = value;
    escaped.replace(u"'"_s, u"''"_s);
    return u"'"_s + escaped + u"'"_s;
}

// One key per header: the name itself, or for its second, third ... occurrence in the same header line the
// name plus the occurrence, so a repeated header is its own column instead of losing its values to the first.
QStringList occurrenceKeys(const QStringList &header)
{
    QStringList keys;
    QHash<QString, int> seen;
    for (const QString &name : header) {
        const int occurrence = ++seen[name];
        keys << (occurrence == 1 ? name : name + QChar(u'\0') + QString::number(occurrence));
    }
    return keys;
}

Result<FileColumns> readHeaders(const UnitLoad &unit, const QSet<QString> &forcedText)
{
    FileColumns result;
    for (const QString &path : unit.files) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            return makeError(u"load.unreadable"_s,
                             u"Cannot read the downloaded file %1: %2."_s.arg(path, file.errorString()));
        }
        auto reader = reports::TsvReader::open(&file, {unit.layout});
        if (!reader) {
            return makeError(reader.error().code,
                             u"%1 (%2)"_s.arg(reader.errorMessage(), QFileInfo(path).fileName()));
        }
        const QStringList keys = occurrenceKeys(reader->header());
        for (qsizetype i = 0; i < keys.size(); ++i) {
            if (!result.keys.contains(keys[i])) {
                result.keys.append(keys[i]);
                result.headers.append(reader->header().at(i));
            }
        }
    }
    const QStringList names = reports::columnNames(result.headers);
    for (qsizetype i = 0; i < result.headers.size(); ++i) {
        const auto type = forcedText.contains(result.headers[i]) ? reports::ColumnType::Text
                                                                 : reports::columnTypeFor(result.headers[i]);
        result.columns.append({names[i], type});
    }
    return result;
}

// A value that does not fit its catalogue type (a count reading "n/a"): under `evolve` the column becomes
// text and the unit loads again, so nothing is lost; other policies stop with the value named.
struct ConversionFailure {
    QString header;
    Error error;
};

class UnitLoadRun {
public:
    UnitLoadRun(storage::Destination &destination, const UnitLoad &unit)
        : m_destination(destination)
        , m_unit(unit)
    {}

    Result<UnitLoadResult> run(const QSet<QString> &forcedText,
                               std::optional<ConversionFailure> &conversionFailure);

private:
    Status replaceByPartition(UnitLoadResult &result);
    Status resolveCorrections(const QString &dateColumn, const QSet<QString> &dates, UnitLoadResult &result);
    Status ensureScopeIndex(const QString &dateColumn);
    QString scopeCondition() const;
    QString metadataValue(const QString &column) const;

    storage::Destination &m_destination;
    const UnitLoad &m_unit;
};

QString UnitLoadRun::metadataValue(const QString &column) const
{
    for (const MetadataValue &value : m_unit.metadata) {
        if (value.column.name == column) {
            return value.value;
        }
    }
    return {};
}

QString UnitLoadRun::scopeCondition() const
{
    QStringList conditions;
    for (const QString &column : m_unit.scopeColumns) {
        conditions << u"%1 = %2"_s.arg(storage::quoteIdentifier(column), sqlLiteral(metadataValue(column)));
    }
    return conditions.join(u" AND "_s);
}

Status UnitLoadRun::replaceByPartition(UnitLoadResult &result)
{
    storage::RowFilter filter;
    for (const QString &column : m_unit.scopeColumns) {
        filter.equals.append({column, metadataValue(column)});
    }
    const auto deleted = m_destination.deleteRows(m_unit.table, filter);
    if (!deleted) {
        return deleted.error();
    }
    result.rowsReplaced = deleted.value();
    return {};
}

Status UnitLoadRun::ensureScopeIndex(const QString &dateColumn)
{
    // Corrections delete by (scope, date): without an index every instance would scan the whole table.
    QStringList columns;
    for (const QString &column : m_unit.scopeColumns) {
        columns << storage::quoteIdentifier(column);
    }
    if (!dateColumn.isEmpty()) {
        columns << storage::quoteIdentifier(dateColumn);
    }
    columns << storage::quoteIdentifier(m_unit.unitColumn);
    const QString indexName =
        u"ix_"_s +
        QString::fromLatin1(
            QCryptographicHash::hash(m_unit.table.toUtf8(), QCryptographicHash::Sha1).toHex().left(16));
    const QString index = storage::quoteIdentifier(indexName);
    const QString schema = storage::quoteIdentifier(m_destination.schema());
    const QString sql =
        m_destination.dialect().isSqlite()
            ? u"CREATE INDEX IF NOT EXISTS %1.%2 ON %3 (%4)"_s.arg(
                  schema, index, storage::quoteIdentifier(m_unit.table), columns.join(u", "_s))
            : u"CREATE INDEX IF NOT EXISTS %1 ON %2 (%3)"_s.arg(index, m_destination.qualified(m_unit.table),
                                                                columns.join(u", "_s));
    const auto created = m_destination.query(sql, {}, {});
    return created ? Status() : Status(created.error());
}

Status UnitLoadRun::resolveCorrections(const QString &dateColumn, const QSet<QString> &dates,
                                       UnitLoadResult &result)
{
    const QString table = m_destination.qualified(m_unit.table);
    const QString unitColumn = storage::quoteIdentifier(m_unit.unitColumn);
    const QString unitDate = storage::quoteIdentifier(m_unit.unitDateColumn);
    const QString unitId = sqlLiteral(metadataValue(m_unit.unitColumn));
    const QString processingDate = metadataValue(m_unit.unitDateColumn);
    const QString scope = scopeCondition();
    const auto run = [&](const QString &sql, qint64 *affected) -> Status {
        const auto done = m_destination.query(sql, {}, {});
        if (!done) {
            return done.error();
        }
        if (affected != nullptr) {
            *affected += done.value();
        }
        return {};
    };
    if (dateColumn.isEmpty()) {
        // No day column (UNVERIFIED for App Crashes): the processing date is the key.
        return run(u"DELETE FROM %1 WHERE %2 AND %3 = %4 AND %5 <> %6"_s.arg(
                       table, scope, unitDate, sqlLiteral(processingDate), unitColumn, unitId),
                   &result.rowsReplaced);
    }
    if (dates.isEmpty()) {
        return {};
    }
    // The newest processing date other units hold for each of this unit's days: a handful of index lookups on
    // (scope, day), instead of a self-join the planner may run quadratically on a freshly loaded table.
    const QString day = storage::quoteIdentifier(dateColumn);
    QStringList literals;
    for (const QString &date : dates) {
        literals << sqlLiteral(date);
    }
    QHash<QString, QString> newestElsewhere;
    const auto newest = m_destination.query(
        u"SELECT %1, MAX(%2) FROM %3 WHERE %4 AND %1 IN (%5) AND %6 <> %7 GROUP BY %1"_s.arg(
            day, unitDate, table, scope, literals.join(u", "_s), unitColumn, unitId),
        {}, [&](const QList<QString> &values) {
            newestElsewhere.insert(values.value(0).left(10), values.value(1).left(10));
            return true;
        });
    if (!newest) {
        return newest.error();
    }
    QStringList replaceDays;
    QStringList supersededDays;
    for (const QString &date : dates) {
        const QString other = newestElsewhere.value(date);
        // At an equal processing date the later load wins (see UnitLoad::Replace::NewestPerDate).
        (other > processingDate ? supersededDays : replaceDays) << sqlLiteral(date);
    }
    if (!replaceDays.isEmpty()) {
        const Status replaced = run(u"DELETE FROM %1 WHERE %2 AND %3 IN (%4) AND %5 <> %6"_s.arg(
                                        table, scope, day, replaceDays.join(u", "_s), unitColumn, unitId),
                                    &result.rowsReplaced);
        if (!replaced) {
            return replaced;
        }
    }
    if (!supersededDays.isEmpty()) {
        return run(u"DELETE FROM %1 WHERE %2 AND %3 IN (%4) AND %5 = %6"_s.arg(
                       table, scope, day, supersededDays.join(u", "_s), unitColumn, unitId),
                   &result.rowsSuperseded);
    }
    return {};
}

Result<UnitLoadResult> UnitLoadRun::run(const QSet<QString> &forcedText,
                                        std::optional<ConversionFailure> &conversionFailure)
{
    const auto columns = readHeaders(m_unit, forcedText);
    if (!columns) {
        return columns.error();
    }
    QList<storage::Column> metadataColumns;
    QList<QByteArray> metadataUtf8;
    for (const MetadataValue &value : m_unit.metadata) {
        metadataColumns.append(value.column);
        metadataUtf8.append(value.value.toUtf8());
    }
    QList<QByteArrayView> metadataValues;
    for (qsizetype i = 0; i < metadataUtf8.size(); ++i) {
        metadataValues.append(m_unit.metadata[i].value.isNull()
                                  ? QByteArrayView()
                                  : QByteArrayView(metadataUtf8[i].constData(), metadataUtf8[i].size()));
    }
    const auto plan =
        m_destination.prepareTable(m_unit.table, columns->columns, metadataColumns, m_unit.policy);
    if (!plan) {
        return plan.error();
    }
    UnitLoadResult result;
    result.notes = plan->describeChanges();
    if (plan->created && !result.notes.isEmpty()) {
        result.infos << result.notes.takeFirst(); // describeChanges() names the creation first
    }
    QString dateColumn;
    qsizetype dateIndex = -1;
    QSet<QString> dates; // the days this unit holds, collected while streaming
    if (m_unit.replace == UnitLoad::Replace::NewestPerDate) {
        for (const QString &header : m_unit.dateHeaders) {
            if (dateIndex < 0) {
                dateIndex = columns->headers.indexOf(header);
            }
        }
        dateColumn = dateIndex >= 0 ? columns->columns[dateIndex].name : QString();
    } else if (const Status replaced = replaceByPartition(result); !replaced) {
        return replaced.error();
    }

    auto sink = m_destination.openSink(m_unit.table, plan->loadColumns);
    if (!sink) {
        return sink.error();
    }
    // The hot loop works on UTF-8 bytes from the reader to the sink: no QString, and no allocation per
    // field once the buffers have grown.
    const qsizetype width = columns->headers.size();
    QList<ColumnType> types;
    for (const storage::Column &column : columns->columns) {
        types.append(column.type);
    }
    QList<QByteArrayView> fileValues(width);
    QList<QByteArray> scratch(width); // per column: the normal form of a value that was not in it
    QList<QByteArrayView> row;
    QList<QByteArrayView> fields;
    QByteArray lastDate; // rows come grouped by day: only a new day touches the set
    bool anyDate = false;
    qint64 rowsRead = 0;
    qint64 bytesBefore = 0; // compressed bytes of the files already read
    qint64 bytesTotal = 0;
    for (const QString &path : m_unit.files) {
        bytesTotal += QFileInfo(path).size();
    }
    for (const QString &path : m_unit.files) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            return makeError(u"load.unreadable"_s,
                             u"Cannot read the downloaded file %1: %2."_s.arg(path, file.errorString()));
        }
        auto opened = reports::TsvReader::open(&file, {m_unit.layout});
        if (!opened) {
            return opened.error();
        }
        reports::TsvReader reader = std::move(opened).value();
        QList<qsizetype> fromFile;
        const QStringList keys = occurrenceKeys(reader.header());
        for (const QString &key : columns->keys) {
            fromFile.append(keys.indexOf(key));
        }
        while (reader.nextUtf8(fields)) {
            for (qsizetype i = 0; i < width; ++i) {
                const qsizetype at = fromFile[i];
                if (at < 0 || at >= fields.size()) {
                    fileValues[i] = QByteArrayView();
                    continue;
                }
                auto converted = reports::convertUtf8(types[i], fields[at], scratch[i]);
                if (!converted) {
                    conversionFailure = ConversionFailure{
                        columns->headers[i],
                        reports::valueError(columns->headers[i], reader.lineNumber(), converted.error())};
                    (*sink)->abandon();
                    return conversionFailure->error;
                }
                fileValues[i] = *converted;
            }
            if (dateIndex >= 0 && !fileValues[dateIndex].isNull() &&
                (!anyDate || fileValues[dateIndex] != QByteArrayView(lastDate))) {
                anyDate = true;
                lastDate.resize(0);
                lastDate.append(fileValues[dateIndex]);
                dates.insert(QString::fromUtf8(lastDate));
            }
            plan->selectValues(fileValues, metadataValues, row);
            if (const Status appended = (*sink)->appendUtf8(row); !appended) {
                return appended.error();
            }
            if (++rowsRead % kUnitProgressRows == 0 && m_unit.onRows) {
                m_unit.onRows(rowsRead, bytesBefore + file.pos(), bytesTotal);
            }
        }
        bytesBefore += file.size();
        if (!reader.status()) {
            return makeError(reader.status().error().code,
                             u"%1 (%2)"_s.arg(reader.status().errorMessage(), QFileInfo(path).fileName()));
        }
        const reports::TsvStats &stats = reader.stats();
        if (stats.paddedRows > 0) {
            result.notes << u"%1 rows of %2 were shorter than the header; their missing values are empty"_s
                                .arg(stats.paddedRows)
                                .arg(QFileInfo(path).fileName());
        }
        if (stats.nonUtf8Fields > 0) {
            result.notes << u"%1 fields of %2 were not UTF-8 and were read as Windows-1252"_s
                                .arg(stats.nonUtf8Fields)
                                .arg(QFileInfo(path).fileName());
        }
        if (reader.skippedLines().trailerCount > 0) {
            result.notes << u"%1 summary lines after the table in %2 were not loaded as data"_s
                                .arg(reader.skippedLines().trailerCount)
                                .arg(QFileInfo(path).fileName());
        }
    }
    const auto written = (*sink)->finish();
    if (!written) {
        return written.error();
    }
    result.rowsLoaded = written.value();
    if (m_unit.replace == UnitLoad::Replace::NewestPerDate) {
        // A new table gets its index after the load: building it once from sorted rows is much faster than
        // updating it row by row, and the corrections below are the first to need it.
        // A table this unit created holds no other unit's rows, so there is nothing to correct.
        if (plan->created) {
            if (const Status indexed = ensureScopeIndex(dateColumn); !indexed) {
                return indexed.error();
            }
        } else if (const Status corrected = resolveCorrections(dateColumn, dates, result); !corrected) {
            return corrected.error();
        }
        result.rowsLoaded -= result.rowsSuperseded;
    }
    storage::LoadRecord record = m_unit.record;
    record.rowCount = result.rowsLoaded;
    record.loadedAt = QDateTime::currentDateTimeUtc();
    if (const Status recorded = m_destination.recordLoad(record); !recorded) {
        return recorded.error();
    }
    return result;
}

} // namespace

Result<UnitLoadResult> loadUnit(storage::Destination &destination, const UnitLoad &unit)
{
    QSet<QString> forcedText;
    for (;;) {
        if (const Status begun = destination.begin(); !begun) {
            return begun.error();
        }
        std::optional<ConversionFailure> conversionFailure;
        auto result = UnitLoadRun(destination, unit).run(forcedText, conversionFailure);
        if (result) {
            if (const Status committed = destination.commit(); !committed) {
                (void)destination.rollback();
                return committed.error();
            }
            return result;
        }
        (void)destination.rollback();
        const bool canRetryAsText = conversionFailure && unit.policy == storage::MigrationPolicy::Evolve &&
                                    !forcedText.contains(conversionFailure->header);
        if (!canRetryAsText) {
            return result.error();
        }
        qCInfo(lcSync).noquote() << "loading column" << conversionFailure->header << "of" << unit.table
                                 << "as text:" << conversionFailure->error.message;
        forcedText.insert(conversionFailure->header);
    }
}

} // namespace ascsync::sync
