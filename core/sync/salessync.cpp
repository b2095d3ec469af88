#include "salessync.h"

#include "unitprogress.h"

#include "core/reports/fiscalcalendar.h"
#include "core/reports/partitionkey.h"
#include "core/reports/reportfilecheck.h"
#include "core/reports/reportlayout.h"
#include "core/reports/reportversions.h"
#include "core/reports/salescalendar.h"
#include "core/reports/salesstreams.h"
#include "core/reports/tablenames.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QHash>
#include <QScopeGuard>
#include <QSet>

using namespace Qt::StringLiterals;

namespace ascsync::sync {

namespace {

// One report file to fetch: its query, where it goes, how it is described and recorded.
struct FileUnit {
    QString family; // "sales" | "finance"
    QString path;   // API path
    QUrlQuery query;
    QString table;
    QString stream; // load record stream
    QString unitKey;
    QString label; // for messages
    QList<MetadataValue> metadata;
    QStringList scopeColumns;
    reports::ReportLayout layout = reports::ReportLayout::Plain;
    reports::DateRange period;  // the days requested: the file's own dates must cover them
    bool verifyTrailer = false; // FINANCIAL: the Total_ trailer must match the data
    QDateTime availableAt;
    bool recheck = false; // within the backfill window: fetch again even when loaded
    QString versionKey;   // sales: "TYPE/SUBTYPE/FREQUENCY", whose filter[version] may move
    QString version;      // sales: the filter[version] sent
};

// The sales streams whose version moved or could not be followed during this run: later periods of the
// stream use the new version at once, or are not asked for at all.
struct VersionFollower {
    QHash<QString, QString> moved;
    QSet<QString> refused;
};

void setUnitVersion(FileUnit &unit, const QString &version)
{
    unit.version = version;
    unit.query.removeAllQueryItems(u"filter[version]"_s);
    unit.query.addQueryItem(u"filter[version]"_s, version);
    for (MetadataValue &value : unit.metadata) {
        if (value.column.name == u"_version"_s) {
            value.value = version;
        }
    }
}

// Apple's answer to a retired filter[version] (API-NOTES §6.1): a 400 naming that parameter, whose detail
// names the latest version. Null for any other answer.
const api::AppleError *retiredVersionError(const api::HttpOutcome &outcome)
{
    if (outcome.status != 400) {
        return nullptr;
    }
    for (const api::AppleError &error : outcome.errors) {
        if (error.sourceParameter == u"filter[version]"_s ||
            error.detail.contains(u"latest version"_s, Qt::CaseInsensitive)) {
            return &error;
        }
    }
    return nullptr;
}

// Reads the version Apple named, records it in the destination and says so; false (with a failure) when the
// text names no valid version, the same one again, or it cannot be recorded.
bool followRetiredVersion(SyncContext &context, FileUnit &unit, const api::AppleError &error,
                          VersionFollower &follower)
{
    const auto latest = reports::latestVersionNamed(error.detail);
    if (!latest || *latest == unit.version) {
        follower.refused.insert(unit.versionKey);
        context.failed(
            u"%1: Apple refused version %2 of this report but did not name a usable newer "
            u"version (it said: \"%3\"). ascsync did not retry and skips this report's other periods in "
            u"this run. Set the version yourself with "
            u"--report-version %4=VERSION (or sync/reportVersions in the settings) once Apple's "
            u"documentation names it."_s.arg(unit.label, unit.version, error.detail.left(300),
                                             unit.versionKey));
        return false;
    }
    const Status recorded =
        context.destination.setMetaValue(reports::learnedVersionMetaKey(unit.versionKey), *latest);
    if (!recorded) {
        follower.refused.insert(unit.versionKey);
        context.failed(u"%1: %2"_s.arg(unit.label, recorded.errorMessage()));
        return false;
    }
    context.warn(u"Apple moved %1 to version %2 (was %3); using %2 from now on."_s.arg(
        QString(unit.versionKey).replace(u'/', u' '), *latest, unit.version));
    follower.moved.insert(unit.versionKey, *latest);
    setUnitVersion(unit, *latest);
    return true;
}

QString fileChecksum(const QString &path)
{
    QFile file(path);
    QCryptographicHash hash(QCryptographicHash::Md5);
    if (file.open(QIODevice::ReadOnly)) {
        hash.addData(&file);
    }
    return QString::fromLatin1(hash.result().toHex());
}

// Only Apple's "There were no sales for the date specified." is a real zero day. Any other 404 ("not
// available yet", "no data ...") means the file is not published (yet): recording it as empty would turn a
// late file into zero sales for good.
bool isNoSales(const api::HttpOutcome &outcome)
{
    for (const api::AppleError &error : outcome.errors) {
        if (error.detail.contains(u"no sales"_s, Qt::CaseInsensitive)) {
            return true;
        }
    }
    return false;
}

// The downloaded file against its trailer and the requested period (reports::checkReportFile). A file that
// disagrees with its trailer was cut short or edited: false, this unit fails and the others load. A file
// dated for another period is loaded with a warning.
bool checkFile(SyncContext &context, const FileUnit &unit, const QString &file)
{
    const auto checked = reports::checkReportFile(file, {unit.layout, unit.period, unit.verifyTrailer});
    if (!checked) {
        context.failed(u"%1: %2"_s.arg(unit.label, checked.errorMessage()));
        return false;
    }
    for (const QString &warning : checked.value()) {
        context.warn(u"%1: %2"_s.arg(unit.label, warning));
    }
    return true;
}

// Pending: not due yet by Apple's calendar, not asked. NotPublished: due, but Apple answered 404 without
// "no sales" (not published yet).
enum class UnitOutcome { Loaded, UpToDate, Empty, Pending, NotPublished, Failed, StopFamily };

// The file's download, retried once with the version Apple named when it says the asked one is retired.
// nullopt: the unit already failed (reported).
std::optional<api::HttpOutcome> download(SyncContext &context, FileUnit &unit, VersionFollower &follower,
                                         const QString &file, UnitOutcome &failure)
{
    auto outcome = context.api.getToFile(unit.path, unit.query, file);
    if (outcome && !unit.versionKey.isEmpty()) {
        // One retry with the version Apple named, never more: a second refusal is a failure.
        if (const api::AppleError *retired = retiredVersionError(outcome.value())) {
            if (!followRetiredVersion(context, unit, *retired, follower)) {
                failure = UnitOutcome::Failed;
                return std::nullopt;
            }
            outcome = context.api.getToFile(unit.path, unit.query, file);
        }
    }
    if (!outcome) {
        context.failed(u"%1: %2"_s.arg(unit.label, outcome.errorMessage()));
        failure = outcome.error().code == u"api.cancelled"_s ? UnitOutcome::StopFamily : UnitOutcome::Failed;
        return std::nullopt;
    }
    return std::move(outcome).value();
}

// A 404: a wrong vendor number, a file not published yet, or (only when Apple says so) a day without sales,
// which is recorded so it is not asked again.
UnitOutcome settleNotFound(SyncContext &context, const FileUnit &unit, bool loadedBefore,
                           const api::HttpOutcome &outcome, storage::LoadRecord record)
{
    if (api::namesVendorNumber(outcome.errors)) {
        context.failed(u"%1: %2"_s.arg(
            unit.label, api::describeHttpFailure(404, outcome.errors, u"downloading %1"_s.arg(unit.label))));
        return UnitOutcome::StopFamily;
    }
    if (!isNoSales(outcome)) {
        // Asked again next run, nothing written; a file loaded before is kept as it is.
        return loadedBefore ? UnitOutcome::Pending : UnitOutcome::NotPublished;
    }
    if (loadedBefore)
        return UnitOutcome::UpToDate;
    record.checksum = u"none"_s;
    record.details = QJsonObject{{u"empty"_s, true}};
    if (const Status recorded = context.destination.recordLoad(record); !recorded) {
        context.failed(u"%1: %2"_s.arg(unit.label, recorded.errorMessage()));
        return UnitOutcome::Failed;
    }
    return UnitOutcome::Empty;
}

// Any other answer that is not a file: 410 (past Apple's retention) or an error with the fix spelled out.
UnitOutcome settleRefusal(SyncContext &context, const FileUnit &unit, bool loadedBefore,
                          const api::HttpOutcome &outcome)
{
    if (outcome.status == 410) {
        if (!loadedBefore) {
            context.warn(
                u"%1 is no longer available at Apple (past its retention); it cannot be loaded."_s.arg(
                    unit.label));
        }
        return UnitOutcome::UpToDate;
    }
    const auto files = unit.family == u"finance"_s ? api::ReportFiles::Finance : api::ReportFiles::Sales;
    const bool keyProblem = outcome.status == 401 || outcome.status == 403;
    const QString action =
        keyProblem ? u"downloading %1 reports"_s.arg(unit.family) : u"downloading %1"_s.arg(unit.label);
    context.failed(
        u"%1: %2"_s.arg(unit.label, api::describeReportFileFailure(outcome.status, outcome.errors, action,
                                                                   files, context.options.individualKey)));
    // A key or a vendor number problem is the same for every file: one message is enough.
    return keyProblem || api::namesVendorNumber(outcome.errors) ? UnitOutcome::StopFamily
                                                                : UnitOutcome::Failed;
}

UnitOutcome loadFile(SyncContext &context, const FileUnit &unit, const QString &file,
                     const storage::LoadRecord &record)
{
    if (!checkFile(context, unit, file)) {
        QFile::remove(file);
        return UnitOutcome::Failed;
    }
    UnitLoad load;
    load.table = unit.table;
    load.files = {file};
    load.layout = unit.layout;
    load.metadata = unit.metadata;
    load.metadata.append({{QString(reports::metadata::LoadedAt), storage::ColumnType::Text},
                          context.options.clock().toString(Qt::ISODateWithMs)});
    load.replace = UnitLoad::Replace::Partition;
    load.scopeColumns = unit.scopeColumns;
    load.policy = context.options.policy;
    load.record = record;
    const auto result = loadWithProgress(context, load, unitNamed(unit.family, {}, unit.label, {}));
    QFile::remove(file);
    if (!result) {
        context.failed(u"%1: %2"_s.arg(unit.label, result.errorMessage()));
        return UnitOutcome::Failed;
    }
    context.loaded(result.value(), unit.label);
    return UnitOutcome::Loaded;
}

UnitOutcome fetchAndLoad(SyncContext &context, FileUnit &unit, VersionFollower &follower)
{
    const auto known = context.destination.findLoad(unit.stream, unit.unitKey);
    if (!known) {
        context.failed(known.errorMessage());
        return UnitOutcome::StopFamily;
    }
    const bool loadedBefore = known->has_value();
    if (loadedBefore && !unit.recheck)
        return UnitOutcome::UpToDate;
    if (context.options.clock() < unit.availableAt)
        return UnitOutcome::Pending;
    const QString file =
        context.workDirectory.filePath(unit.stream.section(u'/', 1).replace(u'/', u'_') + u"-"_s +
                                       QString(unit.unitKey).replace(u'/', u'_') + u".gz"_s);
    UnitOutcome failure = UnitOutcome::Failed;
    const auto outcome = download(context, unit, follower, file, failure);
    if (!outcome)
        return failure;
    storage::LoadRecord record;
    record.stream = unit.stream;
    record.unitKey = unit.unitKey;
    record.source = unit.label;
    if (outcome->status == 404)
        return settleNotFound(context, unit, loadedBefore, *outcome, record);
    if (!outcome->ok())
        return settleRefusal(context, unit, loadedBefore, *outcome);
    record.checksum = fileChecksum(file);
    if (loadedBefore && (*known)->checksum == record.checksum) {
        QFile::remove(file);
        return UnitOutcome::UpToDate;
    }
    return loadFile(context, unit, file, record);
}

// One note for the files Apple has not published yet: they are not zero sales, and the next sync asks again.
void reportNotPublished(SyncContext &context, const QStringList &labels)
{
    if (labels.isEmpty()) {
        return;
    }
    const QString listed = labels.mid(0, 3).join(u"; "_s) +
                           (labels.size() > 3 ? u" and %1 more"_s.arg(labels.size() - 3) : QString());
    context.warn(
        u"Not published by Apple yet (HTTP 404), so nothing was written for them (not zero sales): "
        u"%1. Apple publishes daily Sales and Trends reports by about 5 am Pacific Time the next day "
        u"(weekly on Mondays, monthly about 5 days after the month); ascsync asks again on the next "
        u"sync."_s.arg(listed));
}

void runUnits(SyncContext &context, const QString &family, const QList<FileUnit> &units)
{
    const int total = static_cast<int>(units.size());
    int done = 0;
    context.expectRequests(total); // at most one request per file
    context.observer.progress(family, done, total);
    VersionFollower follower;
    QStringList notPublished;
    const auto sayNotPublished = qScopeGuard([&] { reportNotPublished(context, notPublished); });
    for (FileUnit unit : units) {
        if (context.cancelled()) {
            return;
        }
        if (follower.refused.contains(unit.versionKey)) {
            context.observer.progress(family, ++done, total); // said once, not asked again this run
            continue;
        }
        if (const auto moved = follower.moved.constFind(unit.versionKey); moved != follower.moved.cend()) {
            setUnitVersion(unit, moved.value());
        }
        switch (fetchAndLoad(context, unit, follower)) {
        case UnitOutcome::Loaded: // counted by SyncContext::loaded
            break;
        case UnitOutcome::UpToDate:
            ++context.summary.unitsUpToDate;
            break;
        case UnitOutcome::Empty:
            ++context.summary.unitsEmpty;
            break;
        case UnitOutcome::Pending:
            ++context.summary.unitsPending;
            break;
        case UnitOutcome::NotPublished:
            ++context.summary.unitsPending;
            notPublished << unit.label;
            break;
        case UnitOutcome::Failed:
            break;
        case UnitOutcome::StopFamily:
            return;
        }
        context.observer.progress(family, ++done, total);
    }
}

bool familyEnabled(const SyncContext &context, reports::StreamSelection::Family family)
{
    return context.options.streams.includes(family);
}

} // namespace

QStringList defaultSalesStreams()
{
    return {u"SALES/SUMMARY/DAILY"_s, u"SUBSCRIPTION/SUMMARY/DAILY"_s, u"SUBSCRIPTION_EVENT/SUMMARY/DAILY"_s,
            u"SUBSCRIBER/DETAILED/DAILY"_s, u"PRE_ORDER/SUMMARY/DAILY"_s};
}

namespace {

// The sales streams the options select: "sales" is the default set, "sales:TYPE/SUBTYPE/FREQUENCY" one more.
QStringList selectedSalesStreams(const SyncOptions &options)
{
    QStringList names;
    if (options.streams.includesWhole(reports::StreamSelection::Family::Sales))
        names << defaultSalesStreams();
    for (const QString &stream : options.streams.detailsOf(reports::StreamSelection::Family::Sales))
        names << stream.toUpper();
    names.removeDuplicates();
    return names;
}

// The unit that fetches one period of one sales stream, asking for `version`.
FileUnit salesUnit(const SyncOptions &options, const reports::SalesStream &stream,
                   reports::SalesFrequency frequency, const reports::SalesReportPeriod &period,
                   const QString &version, const QString &versionKey, QDate recheckFrom)
{
    const QString frequencyName = reports::frequencyName(frequency);
    FileUnit unit;
    unit.family = u"sales"_s;
    unit.path = u"/v1/salesReports"_s;
    unit.query.addQueryItem(u"filter[vendorNumber]"_s, options.vendorNumber);
    unit.query.addQueryItem(u"filter[reportType]"_s, stream.reportType);
    unit.query.addQueryItem(u"filter[reportSubType]"_s, stream.reportSubType);
    unit.query.addQueryItem(u"filter[frequency]"_s, frequencyName);
    unit.query.addQueryItem(u"filter[reportDate]"_s, period.reportDate);
    unit.query.addQueryItem(u"filter[version]"_s, version);
    unit.table = reports::salesTableName(stream.reportType, stream.reportSubType);
    unit.stream = u"sales/%1/%2/%3"_s.arg(stream.reportType, stream.reportSubType, frequencyName);
    unit.unitKey = u"%1/%2"_s.arg(period.reportDate, options.vendorNumber);
    unit.label = u"%1 %2 %3 report for %4"_s.arg(frequencyName.toLower(), stream.reportType,
                                                 stream.reportSubType, period.reportDate);
    unit.metadata = {
        {{QString(reports::metadata::Frequency), storage::ColumnType::Text}, frequencyName},
        {{QString(reports::metadata::ReportDate), storage::ColumnType::Text}, period.reportDate},
        {{QString(reports::metadata::VendorNumber), storage::ColumnType::Text}, options.vendorNumber},
        {{u"_version"_s, storage::ColumnType::Text}, version},
    };
    unit.versionKey = versionKey;
    unit.version = version;
    unit.scopeColumns = {QString(reports::metadata::Frequency), QString(reports::metadata::ReportDate),
                         QString(reports::metadata::VendorNumber)};
    unit.availableAt = period.availableAt;
    unit.period = period.days;
    unit.recheck = period.days.last >= recheckFrom;
    return unit;
}

QList<FileUnit> salesUnits(SyncContext &context)
{
    if (!familyEnabled(context, reports::StreamSelection::Family::Sales)) {
        return {};
    }
    if (context.options.vendorNumber.isEmpty()) {
        context.warn(u"Sales reports skipped: no vendor number is set. Find it in App Store Connect under "
                     u"Payments and "
                     u"Financial Reports and pass --vendor-number (or set it in the settings)."_s);
        return {};
    }
    // Validated with the settings; a list that slipped past (a test's SyncOptions) falls back to defaults.
    const auto parsedOverrides = reports::parseVersionOverrides(context.options.reportVersions);
    const QMap<QString, QString> overrides =
        parsedOverrides ? parsedOverrides.value() : QMap<QString, QString>();
    const QDateTime now = context.options.clock();
    const QDate recheckFrom = now.date().addDays(-context.options.backfillDays);
    QList<FileUnit> units;
    for (const QString &name : selectedSalesStreams(context.options)) {
        const QStringList parts = name.split(u'/');
        const auto frequency = reports::parseFrequency(parts.value(2));
        const auto stream =
            frequency ? reports::findSalesStream(parts.value(0), parts.value(1), *frequency) : std::nullopt;
        if (!stream) {
            context.failed(
                u"\"%1\" is not a Sales and Trends report Apple offers (TYPE/SUBTYPE/FREQUENCY, e.g. "
                u"SALES/SUMMARY/DAILY)."_s.arg(name));
            continue;
        }
        const QString versionKey = reports::versionStreamKey(*stream);
        const auto learned = context.destination.metaValue(reports::learnedVersionMetaKey(versionKey));
        if (!learned) {
            context.failed(learned.errorMessage());
            continue;
        }
        const QString version = reports::versionToSend(*stream, overrides, learned.value());
        for (const reports::SalesReportPeriod &period :
             reports::SalesCalendar::periodsToRequest(*frequency, now, QDate()))
            units.append(
                salesUnit(context.options, *stream, *frequency, period, version, versionKey, recheckFrom));
    }
    return units;
}

QList<FileUnit> financeUnits(SyncContext &context)
{
    if (!familyEnabled(context, reports::StreamSelection::Family::Finance)) {
        return {};
    }
    if (context.options.vendorNumber.isEmpty()) {
        context.warn(u"Finance reports skipped: no vendor number is set (pass --vendor-number)."_s);
        return {};
    }
    const QDateTime now = context.options.clock();
    const QDate today = now.date();
    const QDate recheckFrom = today.addDays(-context.options.backfillDays);
    const QStringList months =
        reports::FiscalCalendar::monthsBetween(today.addMonths(-context.options.financeHistoryMonths), today);
    QList<std::pair<QString, QString>> kinds;
    for (const QString &region : context.options.financeRegions) {
        kinds.append({u"FINANCIAL"_s, region});
    }
    kinds.append({u"FINANCE_DETAIL"_s, u"Z1"_s});
    QList<FileUnit> units;
    for (const auto &[type, region] : kinds) {
        for (const QString &month : months) {
            const auto range = reports::FiscalCalendar::range(month);
            const auto availableAt = reports::FiscalCalendar::availableAt(month);
            if (!range || !availableAt) {
                continue;
            }
            if (range->last >= today) {
                continue; // the fiscal month is not over: no report can exist
            }
            FileUnit unit;
            unit.family = u"finance"_s;
            unit.path = u"/v1/financeReports"_s;
            unit.query.addQueryItem(u"filter[vendorNumber]"_s, context.options.vendorNumber);
            unit.query.addQueryItem(u"filter[reportType]"_s, type);
            unit.query.addQueryItem(u"filter[regionCode]"_s, region);
            unit.query.addQueryItem(u"filter[reportDate]"_s, month);
            unit.table = reports::financeTableName(type);
            unit.stream = u"finance/%1/%2"_s.arg(type, region);
            unit.unitKey = u"%1/%2"_s.arg(month, context.options.vendorNumber);
            unit.label = u"%1 finance report %2 for fiscal %3"_s.arg(type, region, month);
            unit.layout = reports::layoutForReportType(type);
            unit.metadata = {
                {{QString(reports::metadata::RegionCode), storage::ColumnType::Text}, region},
                {{QString(reports::metadata::FiscalMonth), storage::ColumnType::Text}, month},
                {{QString(reports::metadata::VendorNumber), storage::ColumnType::Text},
                 context.options.vendorNumber},
            };
            unit.scopeColumns = {QString(reports::metadata::RegionCode),
                                 QString(reports::metadata::FiscalMonth),
                                 QString(reports::metadata::VendorNumber)};
            unit.availableAt = availableAt.value();
            unit.period = range.value();
            unit.verifyTrailer = type == u"FINANCIAL"_s;
            unit.recheck = range->last >= recheckFrom;
            units.append(unit);
        }
    }
    return units;
}

// How many of `units` a sync would ask Apple for now: not loaded yet or inside the backfill window, and
// published (sales days known to have no sales are loaded, so they are not asked again outside the window).
Result<int> requestsNeeded(SyncContext &context, const QList<FileUnit> &units)
{
    const QDateTime now = context.options.clock();
    int needed = 0;
    for (const FileUnit &unit : units) {
        if (now < unit.availableAt) {
            continue;
        }
        const auto known = context.destination.findLoad(unit.stream, unit.unitKey);
        if (!known) {
            return known.error();
        }
        needed += (!known->has_value() || unit.recheck) ? 1 : 0;
    }
    return needed;
}

} // namespace

void syncSales(SyncContext &context)
{
    const QList<FileUnit> units = salesUnits(context);
    if (units.isEmpty()) {
        return;
    }
    context.info(u"Sales: checking %1 report periods."_s.arg(units.size()));
    runUnits(context, u"sales"_s, units);
}

void syncFinance(SyncContext &context)
{
    const QList<FileUnit> units = financeUnits(context);
    if (units.isEmpty()) {
        return;
    }
    context.info(u"Finance: checking %1 fiscal-month reports."_s.arg(units.size()));
    runUnits(context, u"finance"_s, units);
}

Result<ReportFileOutlook> planReportFiles(SyncContext &context)
{
    ReportFileOutlook outlook;
    const auto sales = requestsNeeded(context, salesUnits(context));
    if (!sales) {
        return sales.error();
    }
    const auto finance = requestsNeeded(context, financeUnits(context));
    if (!finance) {
        return finance.error();
    }
    outlook.salesRequests = sales.value();
    outlook.financeRequests = finance.value();
    return outlook;
}

} // namespace ascsync::sync
