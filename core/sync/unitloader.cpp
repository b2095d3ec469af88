#include "unitloader.h"

#include "synclog.h"

#include "core/reports/columncatalogue.h"
#include "core/reports/columnnames.h"
#include "core/reports/tsvreader.h"
#include "core/reports/valueconverter.h"
#include "core/storage/sqlidentifier.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace ascsync::sync {

namespace {

constexpr QLatin1StringView kInstanceColumn("_instance");
using storage::TablePlan;

struct FileColumns {
    QStringList headers;            // union of all files' headers, first-seen order
    QStringList keys;               // the same, told apart when a header repeats (occurrenceKeys)
    QList<storage::Column> columns; // their table columns
    QList<QList<qsizetype>>
        sourceIndex; // per file: for each union column, its index in that file (-1: absent)
};

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

// What a file's reader noticed that a user should hear of.
void noteFileStats(const reports::TsvReader &reader, const QString &path, QStringList &notes)
{
    const reports::TsvStats &stats = reader.stats();
    const QString name = QFileInfo(path).fileName();
    if (stats.paddedRows > 0) {
        notes << u"%1 rows of %2 were shorter than the header; their missing values are empty"_s
                     .arg(stats.paddedRows)
                     .arg(name);
    }
    if (stats.nonUtf8Fields > 0) {
        notes << u"%1 fields of %2 were not UTF-8 and were read as Windows-1252"_s.arg(stats.nonUtf8Fields)
                     .arg(name);
    }
    if (reader.skippedLines().trailerCount > 0) {
        notes << u"%1 summary lines after the table in %2 were not loaded as data"_s
                     .arg(reader.skippedLines().trailerCount)
                     .arg(name);
    }
}

// A value that does not fit its catalogue type (a count reading "n/a"): under `evolve` the column becomes
// text and the unit loads again, so nothing is lost; other policies stop with the value named.
struct ConversionFailure {
    QString header;
    Error error;
};

// The days an analytics instance holds, counted while its rows stream by (they come grouped by day, so only
// a change of day touches the hash).
class DayCounter {
public:
    void add(QByteArrayView day)
    {
        if (day.isNull())
            return;
        if (!m_current || day != QByteArrayView(m_day)) {
            flush();
            m_day = day.toByteArray();
            m_current = true;
        }
        ++m_rows;
    }
    QHash<QString, qint64> days()
    {
        flush();
        return m_days;
    }

private:
    void flush()
    {
        if (m_current && m_rows > 0)
            m_days[QString::fromUtf8(m_day)] += m_rows;
        m_rows = 0;
    }

    QHash<QString, qint64> m_days;
    QByteArray m_day;
    qint64 m_rows = 0;
    bool m_current = false;
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
    bool analytics() const { return m_unit.replace == UnitLoad::Replace::NewestPerDate; }
    Status prepareRowMetadata();
    Status replaceByPartition(UnitLoadResult &result);
    Status forgetEarlierLoad(UnitLoadResult &result);
    Status streamFiles(const FileColumns &columns, storage::RowSink &sink,
                       std::optional<ConversionFailure> &conversionFailure, UnitLoadResult &result);
    Status resolveCorrections(QHash<QString, qint64> days, UnitLoadResult &result);
    Status finishInstance(qint64 fileRows);
    Result<qint64> deleteDays(qint64 instanceKey, const QStringList &days);

    storage::Destination &m_destination;
    const UnitLoad &m_unit;
    QList<MetadataValue> m_metadata; // what every row gets besides the file's values
    const TablePlan *m_plan = nullptr;
    QString m_dateColumn; // analytics: the table column of the day (empty: the file has none)
    qsizetype m_dateIndex = -1;
    qint64 m_instanceKey = 0;
    DayCounter m_dayCounter;
};

Status UnitLoadRun::prepareRowMetadata()
{
    if (!analytics()) {
        m_metadata = m_unit.metadata;
        return {};
    }
    // Registered before the rows, so they can carry its key; the row count follows once it is known.
    const auto key = m_destination.registerInstance(m_unit.instance);
    if (!key)
        return key.error();
    m_instanceKey = key.value();
    m_metadata = {{{QString(kInstanceColumn), ColumnType::Integer}, QString::number(m_instanceKey)}};
    return {};
}

Status UnitLoadRun::replaceByPartition(UnitLoadResult &result)
{
    storage::RowFilter filter;
    for (const QString &column : m_unit.scopeColumns) {
        for (const MetadataValue &value : m_unit.metadata) {
            if (value.column.name == column)
                filter.equals.append({column, value.value});
        }
    }
    const auto deleted = m_destination.deleteRows(m_unit.table, filter);
    if (!deleted)
        return deleted.error();
    result.rowsReplaced = deleted.value();
    return {};
}

// Loading an instance again (say after its rows were deleted by hand) replaces what it loaded before.
Status UnitLoadRun::forgetEarlierLoad(UnitLoadResult &result)
{
    if (m_plan->created)
        return {};
    const auto deleted = m_destination.deleteRows(
        m_unit.table,
        storage::RowFilter{{{QString(kInstanceColumn), QString::number(m_instanceKey)}}, {}, {}});
    if (!deleted)
        return deleted.error();
    result.rowsReplaced += deleted.value();
    return {};
}

Result<qint64> UnitLoadRun::deleteDays(qint64 instanceKey, const QStringList &days)
{
    storage::RowFilter filter{{{QString(kInstanceColumn), QString::number(instanceKey)}}, {}, {}};
    if (!m_dateColumn.isEmpty()) {
        // Without a day column an instance holds one "day", its processing date: all of its rows.
        filter.inColumn = m_dateColumn;
        filter.inValues = days;
    }
    return m_destination.deleteRows(m_unit.table, filter);
}

Status UnitLoadRun::resolveCorrections(QHash<QString, qint64> days, UnitLoadResult &result)
{
    const auto holders = m_destination.dayHolders(m_unit.instance.appId, m_unit.table, m_instanceKey);
    if (!holders)
        return holders.error();
    QHash<qint64, QStringList> replaced; // older holder -> the days this instance takes over
    QStringList superseded;              // days a newer instance already holds
    for (auto it = days.cbegin(); it != days.cend(); ++it) {
        const auto holder = holders->constFind(it.key());
        if (holder == holders->constEnd())
            continue;
        // At an equal processing date the later load wins (see UnitLoad::Replace::NewestPerDate).
        if (holder->processingDate > m_unit.instance.processingDate)
            superseded << it.key();
        else
            replaced[holder->instanceKey] << it.key();
    }
    for (auto it = replaced.cbegin(); it != replaced.cend(); ++it) {
        const auto deleted = deleteDays(it.key(), it.value());
        if (!deleted)
            return deleted.error();
        result.rowsReplaced += deleted.value();
        if (const Status dropped = m_destination.dropInstanceDays(it.key(), it.value()); !dropped)
            return dropped;
    }
    if (!superseded.isEmpty()) {
        const auto deleted = deleteDays(m_instanceKey, superseded);
        if (!deleted)
            return deleted.error();
        result.rowsSuperseded = deleted.value();
        for (const QString &day : std::as_const(superseded))
            days.remove(day);
    }
    return m_destination.setInstanceDays(m_instanceKey, days);
}

Status UnitLoadRun::finishInstance(qint64 fileRows)
{
    // The index serves the corrections' deletes by (instance, day). A table this unit created gets it after
    // its rows: building it once from all of them is much faster than updating it row by row.
    QStringList indexColumns{QString(kInstanceColumn)};
    if (!m_dateColumn.isEmpty())
        indexColumns << m_dateColumn;
    if (const Status indexed = m_destination.ensureIndex(m_unit.table, indexColumns); !indexed)
        return indexed;
    storage::InstanceRecord instance = m_unit.instance;
    instance.rowCount = fileRows;
    const auto registered = m_destination.registerInstance(instance);
    return registered ? Status() : Status(registered.error());
}

Status UnitLoadRun::streamFiles(const FileColumns &columns, storage::RowSink &sink,
                                std::optional<ConversionFailure> &conversionFailure, UnitLoadResult &result)
{
    QList<QByteArray> metadataUtf8;
    QList<QByteArrayView> metadataValues;
    for (const MetadataValue &value : std::as_const(m_metadata))
        metadataUtf8.append(value.value.toUtf8());
    for (qsizetype i = 0; i < metadataUtf8.size(); ++i) {
        metadataValues.append(m_metadata[i].value.isNull() ? QByteArrayView()
                                                           : QByteArrayView(metadataUtf8[i]));
    }
    // The hot loop works on UTF-8 bytes from the reader to the sink: no QString, and no allocation per
    // field once the buffers have grown.
    const qsizetype width = columns.headers.size();
    QList<ColumnType> types;
    for (const storage::Column &column : columns.columns)
        types.append(column.type);
    QList<QByteArrayView> fileValues(width);
    QList<QByteArray> scratch(width); // per column: the normal form of a value that was not in it
    QList<QByteArrayView> row;
    QList<QByteArrayView> fields;
    qint64 rowsRead = 0;
    qint64 bytesBefore = 0; // compressed bytes of the files already read
    qint64 bytesTotal = 0;
    for (const QString &path : m_unit.files)
        bytesTotal += QFileInfo(path).size();
    for (const QString &path : m_unit.files) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            return makeError(u"load.unreadable"_s,
                             u"Cannot read the downloaded file %1: %2."_s.arg(path, file.errorString()));
        }
        auto opened = reports::TsvReader::open(&file, {m_unit.layout});
        if (!opened)
            return opened.error();
        reports::TsvReader reader = std::move(opened).value();
        QList<qsizetype> fromFile;
        const QStringList keys = occurrenceKeys(reader.header());
        for (const QString &key : columns.keys)
            fromFile.append(keys.indexOf(key));
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
                        columns.headers[i],
                        reports::valueError(columns.headers[i], reader.lineNumber(), converted.error())};
                    sink.abandon();
                    return conversionFailure->error;
                }
                fileValues[i] = *converted;
            }
            if (m_dateIndex >= 0)
                m_dayCounter.add(fileValues[m_dateIndex]);
            m_plan->selectValues(fileValues, metadataValues, row);
            if (const Status appended = sink.appendUtf8(row); !appended)
                return appended;
            if (++rowsRead % kUnitProgressRows == 0 && m_unit.onRows)
                m_unit.onRows(rowsRead, bytesBefore + file.pos(), bytesTotal);
        }
        bytesBefore += file.size();
        if (!reader.status()) {
            return makeError(reader.status().error().code,
                             u"%1 (%2)"_s.arg(reader.status().errorMessage(), QFileInfo(path).fileName()));
        }
        noteFileStats(reader, path, result.notes);
    }
    return {};
}

Result<UnitLoadResult> UnitLoadRun::run(const QSet<QString> &forcedText,
                                        std::optional<ConversionFailure> &conversionFailure)
{
    const auto columns = readHeaders(m_unit, forcedText);
    if (!columns)
        return columns.error();
    if (const Status prepared = prepareRowMetadata(); !prepared)
        return prepared.error();
    QList<storage::Column> metadataColumns;
    for (const MetadataValue &value : std::as_const(m_metadata))
        metadataColumns.append(value.column);
    const auto plan =
        m_destination.prepareTable(m_unit.table, columns->columns, metadataColumns, m_unit.policy);
    if (!plan)
        return plan.error();
    m_plan = &plan.value();
    UnitLoadResult result;
    result.notes = plan->describeChanges();
    if (plan->created && !result.notes.isEmpty())
        result.infos << result.notes.takeFirst(); // describeChanges() names the creation first
    if (analytics()) {
        for (const QString &header : m_unit.dateHeaders) {
            if (m_dateIndex < 0)
                m_dateIndex = columns->headers.indexOf(header);
        }
        m_dateColumn = m_dateIndex >= 0 ? columns->columns[m_dateIndex].name : QString();
        if (const Status forgotten = forgetEarlierLoad(result); !forgotten)
            return forgotten.error();
    } else if (const Status replaced = replaceByPartition(result); !replaced) {
        return replaced.error();
    }

    auto sink = m_destination.openSink(m_unit.table, plan->loadColumns);
    if (!sink)
        return sink.error();
    if (const Status streamed = streamFiles(*columns, **sink, conversionFailure, result); !streamed)
        return streamed.error();
    const auto written = (*sink)->finish();
    if (!written)
        return written.error();
    result.rowsLoaded = written.value();
    if (analytics()) {
        QHash<QString, qint64> days = m_dayCounter.days();
        if (m_dateIndex < 0)
            days = {{m_unit.instance.processingDate.toString(Qt::ISODate), result.rowsLoaded}};
        if (const Status finished = finishInstance(result.rowsLoaded); !finished)
            return finished.error();
        if (const Status corrected = resolveCorrections(days, result); !corrected)
            return corrected.error();
        result.rowsLoaded -= result.rowsSuperseded;
    }
    storage::LoadRecord record = m_unit.record;
    record.rowCount = result.rowsLoaded;
    if (const Status recorded = m_destination.recordLoad(record); !recorded)
        return recorded.error();
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
