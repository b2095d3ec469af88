#include "world.h"

#include "analyticscatalog.h"
#include "analyticsgenerator.h"
#include "appfactory.h"
#include "datalog.h"
#include "familymodel.h"
#include "financegenerator.h"
#include "instanceplanner.h"
#include "salesgenerator.h"
#include "salesledger.h"
#include "salesrequest.h"
#include "segmentwriter.h"
#include "stablehash.h"
#include "tsvlayout.h"

#include <QCache>
#include <QCryptographicHash>
#include <QDateTime>
#include <QHash>
#include <QMutex>
#include <QMutexLocker>

#include <algorithm>
#include <map>

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

namespace {

// Generated files are kept up to this many bytes; a single larger result is generated again when asked for.
constexpr qsizetype kCacheBytes = 256 * 1024 * 1024;

} // namespace

struct World::Private {
    WorldOptions options;
    QString vendorNumber;
    QList<AppProfile> profiles; // never modified after construction: families keep references into it
    QList<SimApp> apps;
    QHash<QString, int> appIndex;
    std::vector<std::map<QString, std::unique_ptr<FamilyModel>>> families; // per app, by family key
    QDate analyticsFirstDate;
    std::unique_ptr<SalesLedger> ledger;
    std::unique_ptr<SalesGenerator> sales;
    std::unique_ptr<FinanceGenerator> finance;

    InstancePlanner::Outages outages() const
    {
        return {options.skippedInstances, options.duplicateInstances};
    }

    mutable QMutex cacheMutex;
    mutable QCache<QString, QList<SegmentSpec>> segmentCache{kCacheBytes};
    mutable QCache<QString, FileResult> fileCache{kCacheBytes};

    const FamilyModel *family(int app, const QString &key) const
    {
        const auto &byKey = families[size_t(app)];
        const auto it = byKey.find(key);
        return it == byKey.end() ? nullptr : it->second.get();
    }

    // Cached files keep Ok and NoSales answers (both cost a generation); errors are cheap to recompute.
    template <typename Generate> FileResult cachedFile(const QString &key, Generate generate) const
    {
        {
            const QMutexLocker lock(&cacheMutex);
            if (const FileResult *cached = fileCache.object(key))
                return *cached;
        }
        FileResult result = generate();
        if (result.kind == FileResult::Kind::Ok || result.kind == FileResult::Kind::NoSales) {
            const QMutexLocker lock(&cacheMutex);
            fileCache.insert(key, new FileResult(result), result.gzip.size() + 1);
        }
        return result;
    }

    QString instanceId(const QString &appId, const QString &reportName, AccessType access,
                       Granularity granularity, QDate processingDate) const
    {
        return StableHash(options.seed)
            .add(u"analyticsReportInstances")
            .add(appId)
            .add(reportName)
            .add(toApiString(access))
            .add(toApiString(granularity))
            .add(processingDate)
            .uuid();
    }
};

World::World(WorldOptions options)
    : d(std::make_unique<Private>())
{
    if (!options.today.isValid()) {
        options.today = QDateTime::currentDateTimeUtc().date();
        qCWarning(lcSandboxData) << "WorldOptions.today is not set; using the real UTC date" << options.today;
    }
    if (!options.historyStart.isValid())
        options.historyStart = AnalyticsCatalog::historyFloor();
    options.appCount = std::max(1, options.appCount);
    if (!(options.trafficScale > 0.0))
        options.trafficScale = 1.0;
    d->options = options;
    d->vendorNumber =
        options.vendorNumber.isEmpty() ? AppFactory::vendorNumberFor(options.seed) : options.vendorNumber;
    d->profiles = AppFactory::create(options.seed, options.appCount, options.trafficScale);
    d->families.resize(size_t(d->profiles.size()));
    const QStringList familyKeys = AnalyticsCatalog::familyKeys();
    for (qsizetype i = 0; i < d->profiles.size(); ++i) {
        const AppProfile &profile = d->profiles[i];
        d->apps.append(profile.app);
        d->appIndex.insert(profile.app.id, int(i));
        for (const QString &key : familyKeys)
            d->families[size_t(i)].emplace(key, AnalyticsCatalog::createFamily(key, profile));
    }
    d->analyticsFirstDate = std::max(options.historyStart, AnalyticsCatalog::historyFloor());
    d->ledger = std::make_unique<SalesLedger>(d->profiles, options.seed, options.historyStart);
    d->sales = std::make_unique<SalesGenerator>(*d->ledger, options.legacySalesLayoutBefore);
    d->finance = std::make_unique<FinanceGenerator>(*d->ledger, d->vendorNumber, options.today);
}

World::~World() = default;

const WorldOptions &World::options() const
{
    return d->options;
}

QString World::vendorNumber() const
{
    return d->vendorNumber;
}

const QList<SimApp> &World::apps() const
{
    return d->apps;
}

QList<ReportSpec> World::reports() const
{
    QList<ReportSpec> specs;
    for (const ReportDefinition &report : AnalyticsCatalog::reports())
        specs.append({report.name, report.category});
    return specs;
}

QList<InstanceSpec> World::instances(const QString &appId, const QString &reportName, AccessType access,
                                     QDate readyDate, QDate stoppedOn) const
{
    QList<InstanceSpec> result;
    const auto app = d->appIndex.constFind(appId);
    const ReportDefinition *report = AnalyticsCatalog::find(reportName);
    if (app == d->appIndex.cend() || !report)
        return result;
    const FamilyModel *family = d->family(*app, report->family);
    const InstancePlanner planner(*report, *family, d->analyticsFirstDate, d->options.today, d->outages());
    const QList<InstancePlanner::Planned> planned = planner.instances(access, readyDate, stoppedOn);
    for (const InstancePlanner::Planned &instance : planned) {
        result.append(
            {d->instanceId(appId, reportName, access, instance.granularity, instance.processingDate),
             instance.granularity, instance.processingDate});
    }
    return result;
}

QList<SegmentSpec> World::segments(const QString &appId, const QString &reportName,
                                   const InstanceSpec &instance, Drift drift) const
{
    const auto app = d->appIndex.constFind(appId);
    const ReportDefinition *report = AnalyticsCatalog::find(reportName);
    if (app == d->appIndex.cend() || !report || !instance.processingDate.isValid())
        return {};
    const QString cacheKey = instance.id + u'/' + QString::number(int(drift)) + u'/' + appId + u'/' +
                             reportName + u'/' + instance.processingDate.toString(Qt::ISODate) + u'/' +
                             toApiString(instance.granularity);
    {
        const QMutexLocker lock(&d->cacheMutex);
        if (const QList<SegmentSpec> *cached = d->segmentCache.object(cacheKey))
            return *cached;
    }

    // The id tells which kind of request the instance belongs to; an unknown id is read as ONGOING.
    const AccessType access = instance.id == d->instanceId(appId, reportName, AccessType::OneTimeSnapshot,
                                                           instance.granularity, instance.processingDate)
                                  ? AccessType::OneTimeSnapshot
                                  : AccessType::Ongoing;
    const FamilyModel *family = d->family(*app, report->family);
    const InstancePlanner planner(*report, *family, d->analyticsFirstDate, d->options.today, d->outages());
    const AnalyticsGenerator generator(*family, *report);
    const TsvLayout layout(generator.columnNames(), drift,
                           StableHash(d->options.seed).add(instance.id).value());
    SegmentWriter writer(layout.headerLine());
    const AnalyticsGenerator::RowSink sink = [&](const QList<QByteArray> &fields) {
        writer.addRow(layout.line(fields));
    };
    if (instance.granularity == Granularity::Daily) {
        for (const InstancePlanner::DayEntry &day : planner.dailyContent(access, instance.processingDate))
            generator.writeDay(day.date, day.revision, sink);
    } else {
        const auto periods = planner.periodContent(access, instance.granularity, instance.processingDate);
        for (const InstancePlanner::Period &period : periods)
            generator.writePeriod(period.start, period.end, sink);
    }
    const qint64 rows = writer.rowCount();
    const QList<QByteArray> files = writer.finish();

    auto segments = std::make_unique<QList<SegmentSpec>>();
    qsizetype bytes = 0;
    for (qsizetype i = 0; i < files.size(); ++i) {
        SegmentSpec segment;
        segment.id = StableHash(d->options.seed)
                         .add(u"analyticsReportSegments")
                         .add(instance.id)
                         .add(quint64(i))
                         .add(quint64(drift))
                         .uuid();
        segment.gzip = files[i];
        segment.checksum =
            QString::fromLatin1(QCryptographicHash::hash(files[i], QCryptographicHash::Md5).toHex());
        bytes += files[i].size();
        segments->append(std::move(segment));
    }
    qCDebug(lcSandboxData) << reportName << "for app" << appId << toApiString(access)
                           << toApiString(instance.granularity) << instance.processingDate << ":" << rows
                           << "rows in" << segments->size() << "segments," << bytes << "bytes";
    QList<SegmentSpec> result = *segments;
    const QMutexLocker lock(&d->cacheMutex);
    d->segmentCache.insert(cacheKey, segments.release(), bytes + 1);
    return result;
}

QString FileTamper::cacheSuffix() const
{
    return (wrongPeriod ? u"/wrong-period"_s : QString()) + (droppedRow ? u"/dropped-row"_s : QString());
}

FileResult World::salesReport(const QMap<QString, QString> &filters, FileTamper tamper) const
{
    const std::variant<SalesQuery, FileResult> parsed =
        SalesRequest::parse(filters, d->vendorNumber, d->options.today, d->options.currentSalesVersions);
    if (const FileResult *error = std::get_if<FileResult>(&parsed))
        return *error;
    const SalesQuery &query = std::get<SalesQuery>(parsed);
    return d->cachedFile(query.cacheKey() + tamper.cacheSuffix(),
                         [&] { return d->sales->generate(query, tamper); });
}

FileResult World::financeReport(const QMap<QString, QString> &filters, FileTamper tamper) const
{
    return d->cachedFile(FinanceGenerator::cacheKey(filters) + tamper.cacheSuffix(),
                         [&] { return d->finance->report(filters, tamper); });
}

QString toApiString(AccessType access)
{
    return access == AccessType::Ongoing ? u"ONGOING"_s : u"ONE_TIME_SNAPSHOT"_s;
}

QString toApiString(Granularity granularity)
{
    switch (granularity) {
    case Granularity::Daily:
        return u"DAILY"_s;
    case Granularity::Weekly:
        return u"WEEKLY"_s;
    case Granularity::Monthly:
        return u"MONTHLY"_s;
    }
    return {};
}

} // namespace ascsync::sandbox
