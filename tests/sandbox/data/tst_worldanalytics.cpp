// The simulator's analytics reports: apps, catalogue, instances, segment files, revisions, privacy, drift.
// Every file is inflated with zlib here and read by column name, the way a client reads Apple's files.

#include "tsvfile.h"

#include "sandbox/data/world.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;
using namespace ascsync::sandbox;

namespace {

const QDate kToday(2025, 6, 20); // a Friday, so a weekly instance is processed today

WorldOptions smallWorld(quint64 seed = 1)
{
    WorldOptions options;
    options.seed = seed;
    options.appCount = 3; // app 0 is the big one, app 2 the tiny one
    options.today = kToday;
    options.historyStart = kToday.addDays(-60);
    return options;
}

// All segments of an instance read as one file; every segment must carry the same header.
TsvFile joined(const QList<SegmentSpec> &segments)
{
    TsvFile all;
    all.ok = !segments.isEmpty();
    for (const SegmentSpec &segment : segments) {
        const TsvFile part = TsvFile::parse(segment.gzip);
        all.ok = all.ok && part.ok && (all.header.isEmpty() || part.header == all.header);
        all.header = part.header;
        all.rows += part.rows;
    }
    return all;
}

QMap<QString, QList<QStringList>> rowsByDate(const TsvFile &file)
{
    QMap<QString, QList<QStringList>> byDate;
    const int date = file.column(u"Date"_s);
    for (const QStringList &row : file.rows)
        byDate[row.value(date)].append(row);
    return byDate;
}

double total(const QList<QStringList> &rows, int column,
             const std::function<bool(const QStringList &)> &keep = {})
{
    double sum = 0.0;
    for (const QStringList &row : rows) {
        if (!keep || keep(row))
            sum += row.value(column).toDouble();
    }
    return sum;
}

QSet<QString> setOf(const QStringList &values)
{
    return QSet<QString>(values.cbegin(), values.cend());
}

QStringList sortedLines(const QList<QStringList> &rows)
{
    QStringList lines;
    for (const QStringList &row : rows)
        lines.append(row.join(u'\t'));
    lines.sort();
    return lines;
}

QStringList withoutDetailedOnly(QStringList columns)
{
    for (const QString &name : {u"Page Title"_s, u"Source Info"_s, u"Campaign"_s})
        columns.removeAll(name);
    return columns;
}

// Column lists copied from API-NOTES §5.6 (Detailed order); Standard drops the (D) columns.
QMap<QString, QStringList> detailedColumns()
{
    const QStringList prefix = {u"Date"_s, u"App Name"_s, u"App Apple Identifier"_s};
    QMap<QString, QStringList> columns;
    columns.insert(u"App Store Discovery and Engagement"_s,
                   prefix + QStringList{u"Event"_s, u"Page Type"_s, u"Page Title"_s, u"Source Type"_s,
                                        u"Source Info"_s, u"Campaign"_s, u"Engagement Type"_s, u"Device"_s,
                                        u"Platform Version"_s, u"Territory"_s, u"Counts"_s,
                                        u"Unique Counts"_s});
    columns.insert(u"App Downloads"_s,
                   prefix + QStringList{u"Download Type"_s, u"App Version"_s, u"Device"_s,
                                        u"Platform Version"_s, u"Source Type"_s, u"Source Info"_s,
                                        u"Campaign"_s, u"Page Type"_s, u"Page Title"_s, u"Pre-Order"_s,
                                        u"Territory"_s, u"Counts"_s});
    columns.insert(u"App Store Installation and Deletion"_s,
                   prefix + QStringList{u"Event"_s, u"Download Type"_s, u"App Version"_s, u"Device"_s,
                                        u"Platform Version"_s, u"Source Type"_s, u"Source Info"_s,
                                        u"Campaign"_s, u"Page Type"_s, u"Page Title"_s,
                                        u"App Download Date"_s, u"Territory"_s, u"Counts"_s,
                                        u"Unique Devices"_s});
    columns.insert(u"App Sessions"_s,
                   prefix + QStringList{u"App Version"_s, u"Device"_s, u"Platform Version"_s,
                                        u"Source Type"_s, u"Source Info"_s, u"Campaign"_s, u"Page Type"_s,
                                        u"Page Title"_s, u"App Download Date"_s, u"Territory"_s,
                                        u"Sessions"_s, u"Total Session Duration"_s, u"Unique Devices"_s});
    columns.insert(u"App Store Purchases"_s,
                   prefix + QStringList{u"Purchase Type"_s, u"Content Name"_s, u"Content Apple Identifier"_s,
                                        u"Payment Method"_s, u"Device"_s, u"Platform Version"_s,
                                        u"Source Type"_s, u"Source Info"_s, u"Campaign"_s, u"Page Type"_s,
                                        u"Page Title"_s, u"App Download Date"_s, u"Pre-Order"_s,
                                        u"Territory"_s, u"Purchases"_s, u"Proceeds in USD"_s,
                                        u"Sales in USD"_s, u"Paying Users"_s});
    columns.insert(u"App Store Pre-Orders"_s,
                   prefix + QStringList{u"Device"_s, u"Platform Version"_s, u"Source Type"_s,
                                        u"Source Info"_s, u"Campaign"_s, u"Page Type"_s, u"Page Title"_s,
                                        u"Territory"_s, u"Pre-Order Start Date"_s, u"Pre-Order End Date"_s,
                                        u"Pre-Orders Placed"_s, u"Pre-Orders Canceled"_s});
    columns.insert(u"App Store Web Preview Engagement"_s,
                   prefix + QStringList{u"Event"_s, u"Page Type"_s, u"Page Title"_s, u"Source Type"_s,
                                        u"Source Info"_s, u"Engagement Type"_s, u"Browser"_s,
                                        u"Browser Version"_s, u"Device"_s, u"Platform Version"_s,
                                        u"Territory"_s, u"Counts"_s});
    return columns;
}

QStringList expectedColumns(const QString &report)
{
    const QMap<QString, QStringList> detailed = detailedColumns();
    for (auto it = detailed.cbegin(); it != detailed.cend(); ++it) {
        if (report == it.key() + u" Detailed"_s)
            return it.value();
        if (report == it.key() + u" Standard"_s)
            return withoutDetailedOnly(it.value());
    }
    if (report == u"App Crashes") {
        return {u"Date"_s,        u"App Name"_s,      u"App Apple Identifier"_s,
                u"App Version"_s, u"Device"_s,        u"Platform Version"_s,
                u"Crashes"_s,     u"Unique Devices"_s};
    }
    if (report == u"CarPlay App Usage") {
        return {u"Count"_s,          u"Territory"_s,
                u"Date"_s,           u"Platform"_s,
                u"Device"_s,         u"Build"_s,
                u"Unique Devices"_s, u"Release Type"_s,
                u"Category"_s,       u"Dashboard Visible Time"_s,
                u"Playback Time"_s,  u"Siri Presentation Count"_s,
                u"visibleTime"_s};
    }
    return {}; // framework / performance reports: shape not fixed by the notes
}

// Detailed columns that must never show a value under 5 (API-NOTES §5.4 thresholding).
QStringList thresholdedColumns(const QString &report)
{
    if (report.startsWith(u"App Store Discovery"))
        return {u"Counts"_s, u"Unique Counts"_s};
    if (report.startsWith(u"App Downloads") || report.startsWith(u"App Store Web Preview"))
        return {u"Counts"_s};
    if (report.startsWith(u"App Store Installation"))
        return {u"Counts"_s, u"Unique Devices"_s};
    if (report.startsWith(u"App Sessions"))
        return {u"Sessions"_s, u"Unique Devices"_s};
    if (report.startsWith(u"App Store Purchases"))
        return {u"Paying Users"_s};
    if (report.startsWith(u"App Store Pre-Orders"))
        return {u"Pre-Orders Placed"_s};
    return {};
}

} // namespace

class TstWorldAnalytics : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void appsAreRealisticAndDeterministic();
    void catalogueListsApplesReports();
    void everyReportHasItsColumns();
    void valuesUseApplesVocabulary();
    void magnitudesAreRealistic();
    void bigAppHasThousandsOfDetailedRowsPerDay();
    void detailedRowsAreThresholded();
    void partialDatesAreRestatedAndNewestIsFinal();
    void snapshotMatchesNewestOngoingInstance();
    void lateCorrectionsRestateCompleteDates();
    void ongoingInstanceWindow();
    void weeklyAndMonthlyInstances();
    void snapshotInstances();
    void appUsageAbsentBelowFiveUsers();
    void preOrdersOnlyDuringThePreOrderPeriod();
    void largeInstancesSplitIntoSegments();
    void driftAddsOrReordersColumns();
    void sameOptionsSameBytes();
    void repeatedCallsReturnSameBytes();
    void trafficScaleShrinksTheFiles();
    void outagesSkipOrRepeatInstancesAndLoseTheDay();

private:
    QList<InstanceSpec> ongoing(int app, const QString &report, QDate readyDate = kToday.addDays(-34)) const;
    InstanceSpec dailyOn(int app, const QString &report, QDate processingDate) const;
    TsvFile fileOf(int app, const QString &report, const InstanceSpec &instance,
                   Drift drift = Drift::None) const;

    std::unique_ptr<World> m_world;
};

QList<InstanceSpec> TstWorldAnalytics::ongoing(int app, const QString &report, QDate readyDate) const
{
    return m_world->instances(m_world->apps()[app].id, report, AccessType::Ongoing, readyDate);
}

InstanceSpec TstWorldAnalytics::dailyOn(int app, const QString &report, QDate processingDate) const
{
    for (const InstanceSpec &instance : ongoing(app, report)) {
        if (instance.granularity == Granularity::Daily && instance.processingDate == processingDate)
            return instance;
    }
    return {};
}

TsvFile TstWorldAnalytics::fileOf(int app, const QString &report, const InstanceSpec &instance,
                                  Drift drift) const
{
    return joined(m_world->segments(m_world->apps()[app].id, report, instance, drift));
}

void TstWorldAnalytics::initTestCase()
{
    m_world = std::make_unique<World>(smallWorld());
    QCOMPARE(m_world->apps().size(), 3);
}

void TstWorldAnalytics::appsAreRealisticAndDeterministic()
{
    static const QRegularExpression numericId(u"^[1-9]\\d{8,9}$"_s);
    static const QRegularExpression bundleId(u"^com\\.[a-z0-9]+\\.[a-z0-9]+$"_s);
    QSet<QString> ids;
    for (const SimApp &app : m_world->apps()) {
        QVERIFY2(numericId.match(app.id).hasMatch(), qPrintable(app.id));
        QVERIFY2(bundleId.match(app.bundleId).hasMatch(), qPrintable(app.bundleId));
        QVERIFY(!app.name.isEmpty());
        QVERIFY(!app.sku.isEmpty());
        QVERIFY(!app.primaryLocale.isEmpty());
        ids.insert(app.id);
    }
    QCOMPARE(ids.size(), m_world->apps().size());
    QVERIFY(QRegularExpression(u"^\\d{8}$"_s).match(m_world->vendorNumber()).hasMatch());

    const World same(smallWorld());
    QCOMPARE(same.vendorNumber(), m_world->vendorNumber());
    for (qsizetype i = 0; i < same.apps().size(); ++i) {
        QCOMPARE(same.apps()[i].id, m_world->apps()[i].id);
        QCOMPARE(same.apps()[i].bundleId, m_world->apps()[i].bundleId);
    }
    const World other(smallWorld(2));
    QVERIFY(other.apps()[0].id != m_world->apps()[0].id);
    QVERIFY(other.vendorNumber() != m_world->vendorNumber());

    WorldOptions withVendor = smallWorld();
    withVendor.vendorNumber = u"85012345"_s;
    QCOMPARE(World(withVendor).vendorNumber(), u"85012345"_s);
}

void TstWorldAnalytics::catalogueListsApplesReports()
{
    QMap<QString, QString> categories;
    for (const ReportSpec &report : m_world->reports())
        categories.insert(report.name, report.category);
    const QList<std::pair<QString, QString>> required = {
        {u"App Store Discovery and Engagement Standard"_s, u"APP_STORE_ENGAGEMENT"_s},
        {u"App Store Discovery and Engagement Detailed"_s, u"APP_STORE_ENGAGEMENT"_s},
        {u"App Store Web Preview Engagement Standard"_s, u"APP_STORE_ENGAGEMENT"_s},
        {u"App Store Web Preview Engagement Detailed"_s, u"APP_STORE_ENGAGEMENT"_s},
        {u"App Downloads Standard"_s, u"COMMERCE"_s},
        {u"App Downloads Detailed"_s, u"COMMERCE"_s},
        {u"App Store Purchases Standard"_s, u"COMMERCE"_s},
        {u"App Store Purchases Detailed"_s, u"COMMERCE"_s},
        {u"App Store Pre-Orders Standard"_s, u"COMMERCE"_s},
        {u"App Store Pre-Orders Detailed"_s, u"COMMERCE"_s},
        {u"App Sessions Standard"_s, u"APP_USAGE"_s},
        {u"App Sessions Detailed"_s, u"APP_USAGE"_s},
        {u"App Store Installation and Deletion Standard"_s, u"APP_USAGE"_s},
        {u"App Store Installation and Deletion Detailed"_s, u"APP_USAGE"_s},
        {u"App Crashes"_s, u"APP_USAGE"_s},
    };
    for (const auto &[name, category] : required)
        QCOMPARE(categories.value(name), category);
    const QStringList allCategories = categories.values();
    QVERIFY(allCategories.contains(u"FRAMEWORK_USAGE"_s));
    QVERIFY(allCategories.contains(u"PERFORMANCE"_s));
    for (const QString &category : allCategories) {
        QVERIFY(QStringList({u"APP_USAGE"_s, u"APP_STORE_ENGAGEMENT"_s, u"COMMERCE"_s, u"FRAMEWORK_USAGE"_s,
                             u"PERFORMANCE"_s})
                    .contains(category));
    }
}

void TstWorldAnalytics::everyReportHasItsColumns()
{
    static const QRegularExpression isoDate(u"^\\d{4}-\\d{2}-\\d{2}$"_s);
    for (const ReportSpec &report : m_world->reports()) {
        // The newest daily instance of the first app that has data for this report.
        int app = -1;
        InstanceSpec instance;
        for (const int i : {1, 0, 2}) { // the medium app first: it has nearly every report and small files
            if (app >= 0)
                break;
            const QList<InstanceSpec> instances = ongoing(i, report.name);
            for (const InstanceSpec &candidate : instances) {
                if (candidate.granularity == Granularity::Daily) {
                    app = i;
                    instance = candidate;
                }
            }
        }
        if (report.name.startsWith(u"App Store Pre-Orders"))
            continue; // no pre-orders in this history; see preOrdersOnlyDuringThePreOrderPeriod
        QVERIFY2(app >= 0, qPrintable(report.name));
        const TsvFile file = fileOf(app, report.name, instance);
        QVERIFY2(file.ok, qPrintable(report.name));
        const QStringList expected = expectedColumns(report.name);
        if (!expected.isEmpty())
            QCOMPARE(file.header, expected);
        QVERIFY2(file.header.contains(u"Date"_s), qPrintable(report.name));
        QVERIFY2(!file.rows.isEmpty(), qPrintable(report.name));
        const SimApp &simApp = m_world->apps()[app];
        for (const QStringList &row : std::as_const(file.rows)) {
            QCOMPARE(row.size(), file.header.size());
            QVERIFY(isoDate.match(row[file.column(u"Date"_s)]).hasMatch());
            if (file.column(u"App Apple Identifier"_s) >= 0)
                QCOMPARE(row[file.column(u"App Apple Identifier"_s)], simApp.id);
            if (file.column(u"App Name"_s) >= 0)
                QCOMPARE(row[file.column(u"App Name"_s)], simApp.name);
        }
    }
}

void TstWorldAnalytics::valuesUseApplesVocabulary()
{
    static const QRegularExpression platformVersion(u"^(iOS|macOS|tvOS|visionOS) \\d+\\.\\d+$"_s);
    static const QRegularExpression territory(u"^[A-Z]{2}$"_s);
    static const QRegularExpression integer(u"^-?\\d+$"_s);
    static const QRegularExpression money(u"^-?\\d+\\.\\d{2}$"_s);
    const QSet<QString> devices = {u"iPhone"_s, u"iPad"_s, u"Mac"_s, u"Apple TV"_s, u"Apple Vision Pro"_s};
    const QDate processing = kToday.addDays(-3);

    const TsvFile downloads =
        fileOf(0, u"App Downloads Detailed"_s, dailyOn(0, u"App Downloads Detailed"_s, processing));
    const QSet<QString> downloadTypes = {u"First-time download"_s, u"Redownload"_s, u"Manual update"_s,
                                         u"Auto-update"_s, u"Restore"_s};
    QVERIFY(!downloads.rows.isEmpty());
    for (const QString &type : downloads.values(u"Download Type"_s))
        QVERIFY2(downloadTypes.contains(type), qPrintable(type));
    QVERIFY(downloads.values(u"Download Type"_s).contains(u"First-time download"_s));
    QVERIFY(downloads.values(u"Download Type"_s).contains(u"Redownload"_s));

    const TsvFile engagement =
        fileOf(0, u"App Store Discovery and Engagement Standard"_s,
               dailyOn(0, u"App Store Discovery and Engagement Standard"_s, processing));
    QCOMPARE(setOf(engagement.values(u"Event"_s)),
             (QSet<QString>{u"Impression"_s, u"Page view"_s, u"Tap"_s}));

    for (const TsvFile *file : {&downloads, &engagement}) {
        for (const QStringList &row : file->rows) {
            const QString device = row[file->column(u"Device"_s)];
            const QString version = row[file->column(u"Platform Version"_s)];
            QVERIFY2(devices.contains(device), qPrintable(device));
            QVERIFY2(platformVersion.match(version).hasMatch(), qPrintable(version));
            if (device == u"iPad" || device == u"iPhone")
                QVERIFY2(version.startsWith(u"iOS "), qPrintable(version)); // iPad rows say iOS (§5.3)
            QVERIFY(territory.match(row[file->column(u"Territory"_s)]).hasMatch());
            QVERIFY(integer.match(row[file->column(u"Counts"_s)]).hasMatch());
        }
    }

    const TsvFile purchases = fileOf(0, u"App Store Purchases Standard"_s,
                                     dailyOn(0, u"App Store Purchases Standard"_s, processing));
    QVERIFY(!purchases.rows.isEmpty());
    for (const QStringList &row : purchases.rows) {
        QVERIFY(money.match(row[purchases.column(u"Proceeds in USD"_s)]).hasMatch());
        QVERIFY(money.match(row[purchases.column(u"Sales in USD"_s)]).hasMatch());
        QVERIFY(integer.match(row[purchases.column(u"Purchases"_s)]).hasMatch());
    }
}

void TstWorldAnalytics::magnitudesAreRealistic()
{
    // One complete Date: engagement completes after 3 days, downloads after 2.
    const QDate date = kToday.addDays(-10);
    for (int app = 0; app < 2; ++app) {
        const TsvFile engagement =
            fileOf(app, u"App Store Discovery and Engagement Standard"_s,
                   dailyOn(app, u"App Store Discovery and Engagement Standard"_s, date.addDays(3)));
        const TsvFile downloads = fileOf(app, u"App Downloads Standard"_s,
                                         dailyOn(app, u"App Downloads Standard"_s, date.addDays(2)));
        const QList<QStringList> engagementRows = rowsByDate(engagement).value(date.toString(Qt::ISODate));
        const QList<QStringList> downloadRows = rowsByDate(downloads).value(date.toString(Qt::ISODate));
        const int event = engagement.column(u"Event"_s);
        const int type = downloads.column(u"Download Type"_s);
        const double uniqueImpressions =
            total(engagementRows, engagement.column(u"Unique Counts"_s),
                  [&](const QStringList &r) { return r[event] == u"Impression"; });
        const double pageViews = total(engagementRows, engagement.column(u"Counts"_s),
                                       [&](const QStringList &r) { return r[event] == u"Page view"; });
        const double firstTime =
            total(downloadRows, downloads.column(u"Counts"_s),
                  [&](const QStringList &r) { return r[type] == u"First-time download"; });
        const double redownloads = total(downloadRows, downloads.column(u"Counts"_s),
                                         [&](const QStringList &r) { return r[type] == u"Redownload"; });
        QVERIFY2(uniqueImpressions > 3 * pageViews, qPrintable(QString::number(app)));
        QVERIFY(pageViews > firstTime);
        QVERIFY(firstTime > 0);
        // The conversion the users' SQL computes (reference/conversion-rate.sql): 2-8 % first-time, a bit
        // more with redownloads.
        const double conversion = firstTime / uniqueImpressions;
        QVERIFY2(conversion >= 0.015 && conversion <= 0.09, qPrintable(QString::number(conversion)));
        const double withRedownloads = (firstTime + redownloads) / uniqueImpressions;
        QVERIFY(withRedownloads > conversion && withRedownloads < 0.15);
    }
}

void TstWorldAnalytics::bigAppHasThousandsOfDetailedRowsPerDay()
{
    const QString report = u"App Store Discovery and Engagement Detailed"_s;
    const QDate date = kToday.addDays(-5);
    const TsvFile big = fileOf(0, report, dailyOn(0, report, date.addDays(3)));
    const TsvFile small = fileOf(1, report, dailyOn(1, report, date.addDays(3)));
    const qsizetype bigRows = rowsByDate(big).value(date.toString(Qt::ISODate)).size();
    const qsizetype smallRows = rowsByDate(small).value(date.toString(Qt::ISODate)).size();
    QVERIFY2(bigRows >= 1000, qPrintable(QString::number(bigRows)));
    QVERIFY(smallRows < bigRows / 4);
}

void TstWorldAnalytics::detailedRowsAreThresholded()
{
    for (const ReportSpec &report : m_world->reports()) {
        const QStringList thresholded = thresholdedColumns(report.name);
        if (thresholded.isEmpty() || !report.name.endsWith(u"Detailed"))
            continue;
        const QString standardName = report.name.chopped(8) + u"Standard"_s;
        const QList<int> apps = report.name.startsWith(u"App Downloads") ? QList<int>{0, 1} : QList<int>{1};
        for (const int app : apps) {
            const QList<InstanceSpec> instances = ongoing(app, report.name);
            if (instances.isEmpty())
                continue;
            const TsvFile detailed = fileOf(app, report.name, instances.first());
            const TsvFile standard = fileOf(app, standardName, instances.first());
            for (const QString &column : thresholded) {
                const int index = detailed.column(column);
                QVERIFY(index >= 0);
                for (const QStringList &row : detailed.rows)
                    QVERIFY2(std::abs(row[index].toLongLong()) >= 5, qPrintable(report.name + u' ' + column));
            }
            // Standard rows are not thresholded: small values exist there.
            const int firstColumn = standard.column(thresholded.first());
            const bool smallValues =
                std::any_of(standard.rows.cbegin(), standard.rows.cend(), [&](const QStringList &row) {
                    return std::abs(row[firstColumn].toLongLong()) < 5;
                });
            QVERIFY2(smallValues || standard.rows.isEmpty(), qPrintable(standardName));
        }
    }
}

void TstWorldAnalytics::partialDatesAreRestatedAndNewestIsFinal()
{
    // App Downloads completes in 2 days: instance D+1 holds D partially, D+2 completely (API-NOTES §5.3).
    const QDate date = kToday.addDays(-6);
    const QString key = date.toString(Qt::ISODate);
    const QString downloads = u"App Downloads Standard"_s;
    const TsvFile partial = fileOf(0, downloads, dailyOn(0, downloads, date.addDays(1)));
    const TsvFile complete = fileOf(0, downloads, dailyOn(0, downloads, date.addDays(2)));
    const int counts = partial.column(u"Counts"_s);
    const double partialSum = total(rowsByDate(partial).value(key), counts);
    const double completeSum = total(rowsByDate(complete).value(key), counts);
    QVERIFY(partialSum > 0);
    QVERIFY2(partialSum < completeSum, qPrintable(u"%1 vs %2"_s.arg(partialSum).arg(completeSum)));
    QVERIFY2(partialSum >= 0.5 * completeSum, "partial data is 60-90 % of the final value");
    // The later instance holds the other Date of its window too: summing instances double counts.
    QVERIFY(rowsByDate(complete).contains(date.addDays(1).toString(Qt::ISODate)));

    // Engagement completes in 3 days: two partial states, each different, then the final one.
    const QString engagement = u"App Store Discovery and Engagement Standard"_s;
    double previous = 0.0;
    for (int age = 1; age <= 3; ++age) {
        const TsvFile file = fileOf(1, engagement, dailyOn(1, engagement, date.addDays(age)));
        const double sum = total(rowsByDate(file).value(key), file.column(u"Counts"_s));
        QVERIFY2(sum > previous, qPrintable(u"age %1: %2 after %3"_s.arg(age).arg(sum).arg(previous)));
        previous = sum;
    }
}

void TstWorldAnalytics::snapshotMatchesNewestOngoingInstance()
{
    // A one-time snapshot processed on R shows every Date as the newest ongoing instance up to R does, so a
    // client that keeps the newest processingDate per Date gets the same truth from either.
    const QDate ready = kToday.addDays(-2);
    const QList<std::pair<int, QString>> cases = {{1, u"App Downloads Detailed"_s},
                                                  {1, u"App Crashes"_s},
                                                  {1, u"App Store Discovery and Engagement Detailed"_s},
                                                  {0, u"App Store Purchases Detailed"_s}};
    for (const auto &[app, report] : cases) {
        const QList<InstanceSpec> snapshots =
            m_world->instances(m_world->apps()[app].id, report, AccessType::OneTimeSnapshot, ready);
        const auto daily = std::find_if(snapshots.cbegin(), snapshots.cend(), [](const InstanceSpec &i) {
            return i.granularity == Granularity::Daily;
        });
        QVERIFY(daily != snapshots.cend());
        QCOMPARE(daily->processingDate, ready);
        const QMap<QString, QList<QStringList>> snapshot = rowsByDate(fileOf(app, report, *daily));

        QMap<QString, std::pair<QDate, QList<QStringList>>> newest; // Date -> (processingDate, rows)
        for (const InstanceSpec &instance : ongoing(app, report)) {
            if (instance.granularity != Granularity::Daily || instance.processingDate > ready)
                continue;
            const QMap<QString, QList<QStringList>> byDate = rowsByDate(fileOf(app, report, instance));
            for (auto it = byDate.cbegin(); it != byDate.cend(); ++it) {
                if (!newest.contains(it.key()) || newest[it.key()].first < instance.processingDate)
                    newest[it.key()] = {instance.processingDate, it.value()};
            }
        }
        int compared = 0;
        for (QDate date = kToday.addDays(-30); date < ready; date = date.addDays(1)) {
            const QString key = date.toString(Qt::ISODate);
            QCOMPARE(sortedLines(snapshot.value(key)), sortedLines(newest.value(key).second));
            compared += snapshot.contains(key) ? 1 : 0;
        }
        QVERIFY2(compared > 20, qPrintable(report));
        // The snapshot also holds the history before the 35 days the ongoing instances are kept.
        QVERIFY(snapshot.contains(kToday.addDays(-55).toString(Qt::ISODate)));
    }
}

void TstWorldAnalytics::lateCorrectionsRestateCompleteDates()
{
    // Rare corrections arrive after a Date's completeness window (API-NOTES §5.3): a Date shows up in a
    // daily instance processed more than `completeness` days later, with different values.
    const QList<std::tuple<int, QString, int>> cases = {{1, u"App Downloads Standard"_s, 2},
                                                        {1, u"App Store Purchases Standard"_s, 2},
                                                        {0, u"App Store Purchases Standard"_s, 2},
                                                        {1, u"App Crashes"_s, 5}};
    int corrections = 0;
    for (const auto &[app, report, window] : cases) {
        {
            for (const InstanceSpec &instance : ongoing(app, report)) {
                if (instance.granularity != Granularity::Daily)
                    continue;
                const TsvFile file = fileOf(app, report, instance);
                const QMap<QString, QList<QStringList>> byDate = rowsByDate(file);
                for (auto date = byDate.cbegin(); date != byDate.cend(); ++date) {
                    const QDate day = QDate::fromString(date.key(), Qt::ISODate);
                    if (day.daysTo(instance.processingDate) <= window)
                        continue;
                    const InstanceSpec complete = dailyOn(app, report, day.addDays(window));
                    if (!complete.processingDate.isValid())
                        continue; // no longer kept
                    const QList<QStringList> before =
                        rowsByDate(fileOf(app, report, complete)).value(date.key());
                    QVERIFY2(sortedLines(before) != sortedLines(date.value()),
                             qPrintable(report + date.key()));
                    ++corrections;
                }
            }
        }
    }
    QVERIFY2(corrections > 0, "some Date gets a late correction");
}

void TstWorldAnalytics::ongoingInstanceWindow()
{
    const QString report = u"App Store Discovery and Engagement Standard"_s;
    const QString id = m_world->apps()[0].id;
    const auto dailyDates = [](const QList<InstanceSpec> &instances) {
        QList<QDate> dates;
        for (const InstanceSpec &instance : instances) {
            if (instance.granularity == Granularity::Daily)
                dates.append(instance.processingDate);
        }
        return dates;
    };
    // Kept 35 days.
    const QList<QDate> all =
        dailyDates(m_world->instances(id, report, AccessType::Ongoing, kToday.addDays(-200)));
    QCOMPARE(all.size(), 35);
    QCOMPARE(all.first(), kToday.addDays(-34));
    QCOMPARE(all.last(), kToday);
    // Nothing processed before the reports became available.
    const QList<QDate> recent =
        dailyDates(m_world->instances(id, report, AccessType::Ongoing, kToday.addDays(-5)));
    QCOMPARE(recent.size(), 6);
    QCOMPARE(recent.first(), kToday.addDays(-5));
    // Nothing processed after the request stopped for inactivity.
    const QList<QDate> stopped = dailyDates(
        m_world->instances(id, report, AccessType::Ongoing, kToday.addDays(-10), kToday.addDays(-4)));
    QCOMPARE(stopped.last(), kToday.addDays(-4));
    QVERIFY(m_world->instances(id, report, AccessType::Ongoing, kToday.addDays(1)).isEmpty());
    // Unknown app or report: nothing.
    QVERIFY(m_world->instances(u"123"_s, report, AccessType::Ongoing, kToday.addDays(-5)).isEmpty());
    QVERIFY(m_world->instances(id, u"No Such Report"_s, AccessType::Ongoing, kToday.addDays(-5)).isEmpty());

    // Ids are unique and stable.
    const QList<InstanceSpec> a = m_world->instances(id, report, AccessType::Ongoing, kToday.addDays(-200));
    const QList<InstanceSpec> b =
        World(smallWorld()).instances(id, report, AccessType::Ongoing, kToday.addDays(-200));
    QSet<QString> ids;
    for (qsizetype i = 0; i < a.size(); ++i) {
        QCOMPARE(a[i].id, b[i].id);
        ids.insert(a[i].id);
    }
    QCOMPARE(ids.size(), a.size());
}

void TstWorldAnalytics::weeklyAndMonthlyInstances()
{
    const QString detailed = u"App Downloads Detailed"_s;
    int weekly = 0;
    int monthly = 0;
    for (const InstanceSpec &instance : ongoing(1, detailed)) {
        if (instance.granularity == Granularity::Daily)
            continue;
        const TsvFile file = fileOf(1, detailed, instance);
        const QSet<QString> dates = setOf(file.values(u"Date"_s));
        if (instance.granularity == Granularity::Weekly) {
            ++weekly;
            QCOMPARE(instance.processingDate.dayOfWeek(), int(Qt::Friday));
            // The previous Monday-Sunday, dated by its Monday.
            QCOMPARE(dates, QSet<QString>{instance.processingDate.addDays(-11).toString(Qt::ISODate)});
        } else {
            ++monthly;
            QCOMPARE(instance.processingDate.day(), 5);
            const QDate first =
                QDate(instance.processingDate.year(), instance.processingDate.month(), 1).addMonths(-1);
            QCOMPARE(dates, QSet<QString>{first.toString(Qt::ISODate)});
        }
    }
    QCOMPARE(weekly, 5);  // Fridays among the last 35 days
    QCOMPARE(monthly, 1); // the 5th of June
    // App Downloads Standard has daily instances only (weekly/monthly are Detailed only, API-NOTES §5.6).
    for (const InstanceSpec &instance : ongoing(0, u"App Downloads Standard"_s))
        QCOMPARE(instance.granularity, Granularity::Daily);
    // A weekly file sums its days.
    const QString crashes = u"App Crashes"_s;
    const InstanceSpec week = [&] {
        for (const InstanceSpec &instance : ongoing(1, crashes)) {
            if (instance.granularity == Granularity::Weekly)
                return instance;
        }
        return InstanceSpec{};
    }();
    QVERIFY(week.processingDate.isValid());
    const TsvFile weekFile = fileOf(1, crashes, week);
    const double weekCrashes = total(weekFile.rows, weekFile.column(u"Crashes"_s));
    double dayCrashes = 0.0;
    for (int offset = 0; offset < 7; ++offset) {
        const QDate day = week.processingDate.addDays(-11 + offset);
        const TsvFile file = fileOf(1, crashes, dailyOn(1, crashes, day.addDays(5)));
        dayCrashes += total(rowsByDate(file).value(day.toString(Qt::ISODate)), file.column(u"Crashes"_s));
    }
    QVERIFY(dayCrashes > 100);
    QVERIFY2(std::abs(weekCrashes - dayCrashes) <= 0.1 * dayCrashes,
             qPrintable(u"%1 vs %2"_s.arg(weekCrashes).arg(dayCrashes)));
}

void TstWorldAnalytics::snapshotInstances()
{
    const QString report = u"App Store Installation and Deletion Detailed"_s;
    const QString id = m_world->apps()[1].id;
    const QDate ready = kToday.addDays(-3); // late enough for May's monthly instance (out on June 5)
    const QList<InstanceSpec> snapshot = m_world->instances(id, report, AccessType::OneTimeSnapshot, ready);
    QCOMPARE(snapshot.size(), 3); // one per granularity
    QSet<Granularity> granularities;
    for (const InstanceSpec &instance : snapshot) {
        QCOMPARE(instance.processingDate, ready);
        granularities.insert(instance.granularity);
    }
    QCOMPARE(granularities.size(), 3);
    // The daily one holds every Date from the history start to the day before.
    const TsvFile file = fileOf(1, report, snapshot.first());
    const QStringList dates = rowsByDate(file).keys();
    QCOMPARE(dates.first(), smallWorld().historyStart.toString(Qt::ISODate));
    QCOMPARE(dates.last(), ready.addDays(-1).toString(Qt::ISODate));
    // Snapshot and ongoing instances of the same day are different instances.
    QVERIFY(snapshot.first().id != dailyOn(1, report, ready).id);
    // Instances are kept 35 days, snapshots too.
    QVERIFY(m_world->instances(id, report, AccessType::OneTimeSnapshot, kToday.addDays(-35)).isEmpty());
    QVERIFY(m_world->instances(id, report, AccessType::OneTimeSnapshot, kToday.addDays(1)).isEmpty());
}

void TstWorldAnalytics::appUsageAbsentBelowFiveUsers()
{
    // The tiny app has about five users: Apple generates no app-usage data for Dates with fewer than 5
    // (API-NOTES §5.4). Its engagement report (not app usage) has every Date.
    const int tiny = 2;
    const QDate ready = kToday.addDays(-1);
    const auto datesOf = [&](const QString &report) {
        const QList<InstanceSpec> instances =
            m_world->instances(m_world->apps()[tiny].id, report, AccessType::OneTimeSnapshot, ready);
        for (const InstanceSpec &instance : instances) {
            if (instance.granularity == Granularity::Daily)
                return setOf(rowsByDate(fileOf(tiny, report, instance)).keys());
        }
        return QSet<QString>();
    };
    const QSet<QString> engagement = datesOf(u"App Store Discovery and Engagement Standard"_s);
    const QSet<QString> sessions = datesOf(u"App Sessions Standard"_s);
    const QSet<QString> crashes = datesOf(u"App Crashes"_s);
    QVERIFY(engagement.size() > 50);
    QVERIFY(!sessions.isEmpty());
    QVERIFY2(sessions.size() < engagement.size() - 5, "some Dates have fewer than 5 users");
    QVERIFY(engagement.contains(sessions));
    QVERIFY(sessions.contains(crashes)); // crash rows only where there are users at all
}

void TstWorldAnalytics::preOrdersOnlyDuringThePreOrderPeriod()
{
    // App 1 launched during the history after a pre-order period; a long history covers it.
    WorldOptions options = smallWorld();
    options.historyStart = QDate(2024, 6, 1);
    const World world(options);
    const SimApp &app = world.apps()[1];
    const QString standard = u"App Store Pre-Orders Standard"_s;
    const QList<InstanceSpec> instances =
        world.instances(app.id, standard, AccessType::OneTimeSnapshot, kToday);
    QVERIFY(!instances.isEmpty());
    const TsvFile file = joined(world.segments(app.id, standard, instances.first()));
    QCOMPARE(file.header, expectedColumns(standard));
    QVERIFY(file.rows.size() > 10);
    const QStringList starts = file.values(u"Pre-Order Start Date"_s);
    const QStringList ends = file.values(u"Pre-Order End Date"_s);
    const QDate start = QDate::fromString(starts.first(), Qt::ISODate);
    const QDate end = QDate::fromString(ends.first(), Qt::ISODate);
    QVERIFY(start.isValid() && end.isValid() && start < end);
    for (const QStringList &row : file.rows) {
        const QDate date = QDate::fromString(row[file.column(u"Date"_s)], Qt::ISODate);
        QVERIFY(date >= start && date <= end);
    }
    // Downloads start when the pre-orders end; the launch day delivers them ("Pre-Order" = Yes).
    const TsvFile downloads = joined(world.segments(
        app.id, u"App Downloads Standard"_s,
        world.instances(app.id, u"App Downloads Standard"_s, AccessType::OneTimeSnapshot, kToday).first()));
    const QMap<QString, QList<QStringList>> byDate = rowsByDate(downloads);
    QCOMPARE(byDate.firstKey(), end.addDays(1).toString(Qt::ISODate));
    QVERIFY(byDate.first().size() > 0);
    QVERIFY(downloads.values(u"Pre-Order"_s).contains(u"Yes"_s));
    // The big app was never offered for pre-order.
    QVERIFY(world.instances(world.apps()[0].id, standard, AccessType::OneTimeSnapshot, kToday).isEmpty());
}

void TstWorldAnalytics::largeInstancesSplitIntoSegments()
{
    // The big app's engagement history in one snapshot file is far above 2 MB: several segments (§5.2).
    WorldOptions options = smallWorld();
    options.historyStart = kToday.addDays(-16);
    const World world(options);
    const SimApp &app = world.apps()[0];
    const QString report = u"App Store Discovery and Engagement Standard"_s;
    const InstanceSpec snapshot =
        world.instances(app.id, report, AccessType::OneTimeSnapshot, kToday).first();
    const QList<SegmentSpec> segments = world.segments(app.id, report, snapshot);
    QVERIFY2(segments.size() >= 3, qPrintable(QString::number(segments.size())));
    QSet<QString> ids;
    QStringList header;
    qsizetype rows = 0;
    for (const SegmentSpec &segment : segments) {
        QCOMPARE(
            segment.checksum,
            QString::fromLatin1(QCryptographicHash::hash(segment.gzip, QCryptographicHash::Md5).toHex()));
        QVERIFY(segment.gzip.startsWith("\x1f\x8b\x08"));
        QCOMPARE(segment.gzip.mid(4, 4), QByteArray(4, '\0')); // mtime 0: same bytes on every run
        const TsvFile file = TsvFile::parse(segment.gzip);
        QVERIFY(file.ok);
        if (header.isEmpty())
            header = file.header;
        QCOMPARE(file.header, header); // every segment starts with the header line
        QVERIFY(file.rows.size() <= 50'000);
        QVERIFY(file.text.size() <= 2 * 1024 * 1024);
        QVERIFY(!file.rows.isEmpty());
        rows += file.rows.size();
        ids.insert(segment.id);
    }
    QCOMPARE(ids.size(), segments.size());
    QCOMPARE(header, expectedColumns(report));
    QVERIFY(rows > 100'000);
    // A small instance stays in one segment.
    QCOMPARE(m_world->segments(m_world->apps()[2].id, report, ongoing(2, report).last()).size(), 1);
}

void TstWorldAnalytics::driftAddsOrReordersColumns()
{
    const QString report = u"App Downloads Detailed"_s;
    const InstanceSpec instance = dailyOn(1, report, kToday.addDays(-2));
    const QList<SegmentSpec> baseSegments = m_world->segments(m_world->apps()[1].id, report, instance);
    const TsvFile base = joined(baseSegments);
    QVERIFY(base.rows.size() > 10);

    const TsvFile added = fileOf(1, report, instance, Drift::NewColumn);
    const int inserted = added.column(u"Campaign Group"_s);
    QCOMPARE(inserted, int(base.header.size() / 2)); // in the middle, not appended
    QStringList headerWithout = added.header;
    headerWithout.removeAt(inserted);
    QCOMPARE(headerWithout, base.header);
    QCOMPARE(added.rows.size(), base.rows.size());
    QSet<QString> groups;
    for (qsizetype i = 0; i < added.rows.size(); ++i) {
        QStringList row = added.rows[i];
        groups.insert(row.takeAt(inserted));
        QCOMPARE(row, base.rows[i]);
    }
    QVERIFY(groups.size() > 1); // real values, not one constant

    const TsvFile reordered = fileOf(1, report, instance, Drift::ReorderedColumns);
    QVERIFY(reordered.header != base.header);
    QStringList sortedBase = base.header;
    QStringList sortedReordered = reordered.header;
    sortedBase.sort();
    sortedReordered.sort();
    QCOMPARE(sortedReordered, sortedBase);
    QCOMPARE(reordered.rows.size(), base.rows.size());
    for (qsizetype i = 0; i < reordered.rows.size(); ++i) {
        for (qsizetype c = 0; c < base.header.size(); ++c)
            QCOMPARE(reordered.rows[i][reordered.column(base.header[c])], base.rows[i][c]);
    }

    // Drifted files are other files: other ids and checksums.
    const QList<SegmentSpec> addedSegments =
        m_world->segments(m_world->apps()[1].id, report, instance, Drift::NewColumn);
    QVERIFY(addedSegments.first().id != baseSegments.first().id);
    QVERIFY(addedSegments.first().checksum != baseSegments.first().checksum);
}

void TstWorldAnalytics::sameOptionsSameBytes()
{
    const World again(smallWorld());
    const World otherSeed(smallWorld(99));
    for (const QString &report : {u"App Store Discovery and Engagement Detailed"_s,
                                  u"App Sessions Standard"_s, u"App Store Purchases Detailed"_s}) {
        const InstanceSpec instance = dailyOn(1, report, kToday.addDays(-1));
        const QList<SegmentSpec> first = m_world->segments(m_world->apps()[1].id, report, instance);
        const QList<SegmentSpec> second = again.segments(again.apps()[1].id, report, instance);
        QCOMPARE(first.size(), second.size());
        for (qsizetype i = 0; i < first.size(); ++i) {
            QCOMPARE(first[i].id, second[i].id);
            QCOMPARE(first[i].checksum, second[i].checksum);
            QCOMPARE(first[i].gzip, second[i].gzip);
        }
        const SimApp &otherApp = otherSeed.apps()[1];
        const QList<InstanceSpec> otherInstances =
            otherSeed.instances(otherApp.id, report, AccessType::Ongoing, kToday.addDays(-1));
        QVERIFY(!otherInstances.isEmpty());
        QVERIFY(otherInstances.first().id != instance.id);
        QVERIFY(otherSeed.segments(otherApp.id, report, otherInstances.first()).first().gzip !=
                first.first().gzip);
    }
}

void TstWorldAnalytics::repeatedCallsReturnSameBytes()
{
    const QString report = u"App Store Installation and Deletion Standard"_s;
    const InstanceSpec instance = dailyOn(0, report, kToday);
    const QList<SegmentSpec> first = m_world->segments(m_world->apps()[0].id, report, instance);
    const QList<SegmentSpec> second = m_world->segments(m_world->apps()[0].id, report, instance);
    QCOMPARE(first.size(), second.size());
    for (qsizetype i = 0; i < first.size(); ++i) {
        QCOMPARE(first[i].id, second[i].id);
        QCOMPARE(first[i].gzip, second[i].gzip);
    }
    // An instance the world never listed (wrong processing date for its id) yields no surprise data.
    QVERIFY(m_world->segments(u"999"_s, report, instance).isEmpty());
}

void TstWorldAnalytics::trafficScaleShrinksTheFiles()
{
    WorldOptions options = smallWorld();
    options.trafficScale = 0.1;
    const World quiet(options);
    QCOMPARE(quiet.apps()[0].id, m_world->apps()[0].id); // the same apps, less traffic
    const QString report = u"App Store Discovery and Engagement Standard"_s;
    const InstanceSpec instance = dailyOn(0, report, kToday);
    const TsvFile full = fileOf(0, report, instance);
    const TsvFile reduced = joined(quiet.segments(quiet.apps()[0].id, report, instance));
    QCOMPARE(reduced.header, full.header);
    QVERIFY(!reduced.rows.isEmpty());
    QVERIFY2(reduced.rows.size() * 3 < full.rows.size(),
             qPrintable(u"%1 vs %2"_s.arg(reduced.rows.size()).arg(full.rows.size())));
}

// Issue 18: Apple skips a day's ONGOING instance, or repeats the previous one byte for byte; the Date before
// it is then in no ONGOING instance, while a snapshot still has it.
void TstWorldAnalytics::outagesSkipOrRepeatInstancesAndLoseTheDay()
{
    const QString report = u"App Downloads Standard"_s;
    const QDate skipped = kToday.addDays(-10);
    const QDate repeated = kToday.addDays(-6);
    WorldOptions options = smallWorld();
    options.skippedInstances = {skipped};
    options.duplicateInstances = {repeated};
    const World world(options);
    const QString id = world.apps()[0].id;
    QHash<QDate, InstanceSpec> daily;
    for (const InstanceSpec &instance :
         world.instances(id, report, AccessType::Ongoing, kToday.addDays(-200))) {
        if (instance.granularity == Granularity::Daily)
            daily.insert(instance.processingDate, instance);
    }
    QVERIFY(!daily.contains(skipped));
    QVERIFY(daily.contains(skipped.addDays(1)) && daily.contains(repeated) &&
            daily.contains(repeated.addDays(-1)));
    const auto checksums = [&](const InstanceSpec &instance) {
        QStringList sums;
        for (const SegmentSpec &segment : world.segments(id, report, instance))
            sums << segment.checksum;
        return sums;
    };
    QCOMPARE(checksums(daily.value(repeated)), checksums(daily.value(repeated.addDays(-1))));
    QVERIFY(checksums(daily.value(repeated.addDays(1))) != checksums(daily.value(repeated)));
    const QSet<QString> lost{skipped.addDays(-1).toString(Qt::ISODate),
                             repeated.addDays(-1).toString(Qt::ISODate)};
    for (const InstanceSpec &instance : std::as_const(daily)) {
        const QStringList dates = rowsByDate(joined(world.segments(id, report, instance))).keys();
        for (const QString &date : dates)
            QVERIFY2(!lost.contains(date), qPrintable(date + u" in "_s + instance.processingDate.toString()));
    }
    // Without the outage the same Dates are there, and a snapshot still has them.
    const World clean(smallWorld());
    const InstanceSpec next = daily.value(skipped.addDays(1));
    QVERIFY(rowsByDate(joined(clean.segments(id, report, next)))
                .contains(skipped.addDays(-1).toString(Qt::ISODate)));
    const QList<InstanceSpec> snapshots =
        world.instances(id, report, AccessType::OneTimeSnapshot, kToday.addDays(-1));
    QVERIFY(!snapshots.isEmpty());
    const QStringList snapshotDates =
        rowsByDate(joined(world.segments(id, report, snapshots.first()))).keys();
    for (const QString &date : lost)
        QVERIFY2(snapshotDates.contains(date), qPrintable(date));
}

QTEST_GUILESS_MAIN(TstWorldAnalytics)
#include "tst_worldanalytics.moc"
