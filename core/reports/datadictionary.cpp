#include "datadictionary.h"

#include "columncatalogue.h"
#include "columnnames.h"
#include "dictionaryglossary.h"
#include "partitionkey.h"
#include "salesstreams.h"
#include "tablenames.h"

#include <QHash>
#include <QSet>

#include <utility>

using namespace Qt::StringLiterals;

namespace ascsync::reports {

namespace {

using Texts = QList<std::pair<QString, QString>>; // Apple header -> this report's own meaning

constexpr QLatin1StringView InstancesTable("_ascsync_instances");
constexpr QLatin1StringView InstanceDaysTable("_ascsync_instance_days");
constexpr QLatin1StringView InstanceColumn("_instance");

enum class Variants { Single, StandardAndDetailed };

// An analytics report as API-NOTES §5.5 names it and §5.6 lists its columns (empty: not documented there).
struct AnalyticsReport {
    QString base; // the API name without " Standard" / " Detailed"
    QString category;
    Variants variants;
    QString meaning;
    QStringList headers;
    Texts ownMeanings;
};

// Detailed-only columns (API-NOTES §5.6, marked D): left out of the Standard variant.
bool detailedOnly(const QString &header)
{
    static const QSet<QString> columns = {u"Page Title"_s, u"Source Info"_s, u"Campaign"_s,
                                          u"App Download Source Info"_s};
    return columns.contains(header);
}

QString typeName(ColumnType type)
{
    switch (type) {
    case ColumnType::Text:
        return u"text"_s;
    case ColumnType::Date:
        return u"date"_s;
    case ColumnType::Decimal:
        return u"decimal"_s;
    case ColumnType::Integer:
        return u"integer"_s;
    }
    return u"text"_s;
}

DictionaryColumn appleColumn(const QString &header, const Texts &ownMeanings)
{
    DictionaryColumn column;
    column.name = columnName(header);
    column.type = typeName(columnTypeFor(header));
    column.header = header;
    for (const auto &[own, meaning] : ownMeanings) {
        if (own == header)
            column.meaning = meaning;
    }
    if (column.meaning.isEmpty())
        column.meaning = glossaryMeaning(column.name);
    return column;
}

DictionaryColumn ownColumn(const QString &name, const QString &type, const QString &meaning = {})
{
    DictionaryColumn column;
    column.name = name;
    column.type = type;
    column.meaning = meaning.isEmpty() ? bookkeepingColumnMeaning(name) : meaning;
    return column;
}

DictionaryColumn keyColumn(const QString &name, const QString &type, const QString &meaning)
{
    DictionaryColumn column = ownColumn(name, type, meaning);
    column.primaryKey = true;
    return column;
}

QList<AnalyticsReport> engagementAndCommerceReports()
{
    const QString d = u"Date"_s, n = u"App Name"_s, id = u"App Apple Identifier"_s;
    return {
        {u"App Store Discovery and Engagement"_s,
         u"APP_STORE_ENGAGEMENT"_s,
         Variants::StandardAndDetailed,
         u"How people come across the app on the App Store and what they do with it: impressions, page views "
         u"and taps, by source, page, device and territory."_s,
         {d, n, id, u"Event"_s, u"Page Type"_s, u"Page Title"_s, u"Source Type"_s, u"Source Info"_s,
          u"Campaign"_s, u"Engagement Type"_s, u"Device"_s, u"Platform Version"_s, u"Territory"_s,
          u"Counts"_s, u"Unique Counts"_s},
         {{u"Event"_s, u"Impression (the app was shown), Page view (its page was opened) or Tap."_s}}},
        {u"App Store Web Preview Engagement"_s,
         u"APP_STORE_ENGAGEMENT"_s,
         Variants::StandardAndDetailed,
         u"Visits to the app's App Store page in a web browser, and taps on it."_s,
         {d, n, id, u"Event"_s, u"Page Type"_s, u"Page Title"_s, u"Source Type"_s, u"Source Info"_s,
          u"Engagement Type"_s, u"Browser"_s, u"Browser Version"_s, u"Device"_s, u"Platform Version"_s,
          u"Territory"_s, u"Counts"_s},
         {{u"Event"_s, u"Page View or Tap in the browser."_s}}},
        {u"App Downloads"_s,
         u"COMMERCE"_s,
         Variants::StandardAndDetailed,
         u"Downloads of the app: first-time downloads, redownloads, updates and restores, by source, device "
         u"and territory. Apple documents weekly and monthly instances for the Detailed report only."_s,
         {d, n, id, u"Download Type"_s, u"App Version"_s, u"Device"_s, u"Platform Version"_s,
          u"Source Type"_s, u"Source Info"_s, u"Campaign"_s, u"Page Type"_s, u"Page Title"_s, u"Pre-Order"_s,
          u"Territory"_s, u"Counts"_s},
         {{u"Counts"_s, u"Number of downloads of this kind."_s}}},
        {u"App Store Purchases"_s,
         u"COMMERCE"_s,
         Variants::StandardAndDetailed,
         u"Purchases of the app and of its in-app purchases, refunds included, with sales and proceeds in US "
         u"dollars."_s,
         {d,
          n,
          id,
          u"Purchase Type"_s,
          u"Content Name"_s,
          u"Content Apple Identifier"_s,
          u"Payment Method"_s,
          u"Device"_s,
          u"Platform Version"_s,
          u"Source Type"_s,
          u"Source Info"_s,
          u"Campaign"_s,
          u"Page Type"_s,
          u"Page Title"_s,
          u"App Download Date"_s,
          u"Pre-Order"_s,
          u"Territory"_s,
          u"Purchases"_s,
          u"Proceeds in USD"_s,
          u"Sales in USD"_s,
          u"Paying Users"_s},
         {}},
        {u"App Store Pre-Orders"_s,
         u"COMMERCE"_s,
         Variants::StandardAndDetailed,
         u"Pre-orders placed and withdrawn while the app can be pre-ordered."_s,
         {d, n, id, u"Device"_s, u"Platform Version"_s, u"Source Type"_s, u"Source Info"_s, u"Campaign"_s,
          u"Page Type"_s, u"Page Title"_s, u"Territory"_s, u"Pre-Order Start Date"_s, u"Pre-Order End Date"_s,
          u"Pre-Orders Placed"_s, u"Pre-Orders Canceled"_s},
         {}},
    };
}

QList<AnalyticsReport> subscriptionReports()
{
    const QString n = u"App Name"_s, id = u"App Apple Identifier"_s;
    const QStringList plan = {u"Subscription Name"_s,
                              u"Subscription Identifier"_s,
                              u"Subscription Duration"_s,
                              u"Billing Frequency"_s,
                              u"Billing Period"_s,
                              u"Subscription Group"_s,
                              u"Subscription Group Identifier"_s,
                              u"Offer Type"_s,
                              u"Offer Name"_s,
                              u"Offer ID"_s,
                              u"Vanity Code"_s,
                              u"Offer Pricing"_s,
                              u"Offer Duration"_s};
    const QStringList origin = {u"App Download Source Type"_s,
                                u"App Download Source Info"_s,
                                u"Campaign"_s,
                                u"Page Type"_s,
                                u"Page Title"_s,
                                u"Pre-Order"_s,
                                u"Original Purchase Device"_s,
                                u"Territory"_s,
                                u"Counts"_s};
    return {
        {u"App Store Subscription State"_s,
         u"COMMERCE"_s,
         Variants::StandardAndDetailed,
         u"Auto-renewable subscriptions per state (active, in a trial, in billing retry ...) each day. The "
         u"API "
         u"name of this report is not verified yet; Apple offers it daily only."_s,
         QStringList{u"Date"_s, n, id, u"State Metric"_s, u"State Metric Grouping"_s} + plan +
             QStringList{u"Family Sharing"_s, u"Cancellation Reason"_s} + origin,
         {{u"Counts"_s, u"Subscriptions in that state on that day."_s}}},
        {u"App Store Subscription Event"_s,
         u"COMMERCE"_s,
         Variants::StandardAndDetailed,
         u"Subscription events (starts, renewals, plan changes, cancellations ...) per day. Its date column "
         u"is event_date. The API name of this report is not verified yet."_s,
         QStringList{u"Event Date"_s, n, id, u"Event Sub Type"_s, u"Event Grouping"_s} + plan +
             QStringList{u"Plan Change Type"_s, u"Previous Subscription Name"_s,
                         u"Previous Subscription Identifier"_s, u"Family Sharing"_s, u"Cancellation Reason"_s,
                         u"Paid Service Days Recovered"_s} +
             origin,
         {{u"Counts"_s, u"Events of that kind."_s}}},
    };
}

QList<AnalyticsReport> usageReports()
{
    const QString d = u"Date"_s, n = u"App Name"_s, id = u"App Apple Identifier"_s;
    return {
        {u"App Sessions"_s,
         u"APP_USAGE"_s,
         Variants::StandardAndDetailed,
         u"How often and how long people use the app (only users who share analytics with developers)."_s,
         {d, n, id, u"App Version"_s, u"Device"_s, u"Platform Version"_s, u"Source Type"_s, u"Source Info"_s,
          u"Campaign"_s, u"Page Type"_s, u"Page Title"_s, u"App Download Date"_s, u"Territory"_s,
          u"Sessions"_s, u"Total Session Duration"_s, u"Unique Devices"_s},
         {}},
        {u"App Store Installation and Deletion"_s,
         u"APP_USAGE"_s,
         Variants::StandardAndDetailed,
         u"Installs and deletions of the app on the devices of users who share analytics with developers."_s,
         {d, n, id, u"Event"_s, u"Download Type"_s, u"App Version"_s, u"Device"_s, u"Platform Version"_s,
          u"Source Type"_s, u"Source Info"_s, u"Campaign"_s, u"Page Type"_s, u"Page Title"_s,
          u"App Download Date"_s, u"Territory"_s, u"Counts"_s, u"Unique Devices"_s},
         {{u"Event"_s, u"Install or Delete."_s}, {u"Counts"_s, u"Installs or deletions."_s}}},
        {u"App Crashes"_s,
         u"APP_USAGE"_s,
         Variants::Single,
         u"Crashes of the app by version and device (users who share analytics with developers)."_s,
         {d, n, id, u"App Version"_s, u"Device"_s, u"Platform Version"_s, u"Crashes"_s, u"Unique Devices"_s},
         {}},
        {u"CarPlay App Usage"_s,
         u"APP_USAGE"_s,
         Variants::Single,
         u"Use of the app through CarPlay. A framework report with its own shape: no app name or id columns."_s,
         {u"Count"_s, u"Territory"_s, d, u"Platform"_s, u"Device"_s, u"Build"_s, u"Unique Devices"_s,
          u"Release Type"_s, u"Category"_s, u"Dashboard Visible Time"_s, u"Playback Time"_s,
          u"Siri Presentation Count"_s, u"visibleTime"_s},
         {}},
    };
}

// Reports Apple names (API-NOTES §5.5) whose columns the reference does not list.
QList<AnalyticsReport> undocumentedReports()
{
    const auto report = [](const QString &base, const QString &category, Variants variants,
                           const QString &meaning) {
        return AnalyticsReport{base, category, variants, meaning, {}, {}};
    };
    return {
        report(u"App Clip Usage"_s, u"APP_USAGE"_s, Variants::StandardAndDetailed,
               u"Use of the app's App Clip."_s),
        report(u"App Opt In"_s, u"APP_USAGE"_s, Variants::Single,
               u"How many users share analytics with developers."_s),
        report(u"App Install Performance"_s, u"APP_USAGE"_s, Variants::Single,
               u"How installs of the app perform."_s),
        report(u"Home Screen Widget Installs"_s, u"FRAMEWORK_USAGE"_s, Variants::Single,
               u"Installs of the app's Home Screen widgets."_s),
        report(u"App Crashes Expanded"_s, u"PERFORMANCE"_s, Variants::Single,
               u"Crashes of the app with more detail than App Crashes."_s),
        report(u"AirPlay Performance"_s, u"PERFORMANCE"_s, Variants::Single,
               u"How AirPlay playback from the app performs."_s),
        report(u"Streaming Playback Performance"_s, u"PERFORMANCE"_s, Variants::Single,
               u"How media streaming in the app performs."_s),
    };
}

QList<AnalyticsReport> analyticsReports()
{
    return engagementAndCommerceReports() + subscriptionReports() + usageReports() + undocumentedReports();
}

DictionaryTable analyticsTable(const AnalyticsReport &report, const QString &reportName, bool detailed)
{
    DictionaryTable table;
    table.name = analyticsTableName(reportName);
    table.kind = TableKind::Analytics;
    table.source = reportName;
    table.category = report.category;
    table.siblings = {table.name + u"_weekly"_s, table.name + u"_monthly"_s};
    table.appleColumnsDocumented = !report.headers.isEmpty();
    QString variant;
    if (report.variants == Variants::StandardAndDetailed) {
        variant = detailed ? u" Detailed report: every field, with privacy thresholds and noise."_s
                           : u" Standard report: sensitive fields left out."_s;
    }
    table.meaning = report.meaning + variant +
                    u" Daily rows; weekly and monthly rows are in %1 and %2."_s.arg(table.siblings.at(0),
                                                                                    table.siblings.at(1));
    for (const QString &header : report.headers) {
        if (detailed || report.variants == Variants::Single || !detailedOnly(header))
            table.columns.append(appleColumn(header, report.ownMeanings));
    }
    DictionaryColumn instance = ownColumn(QString(InstanceColumn), u"integer"_s);
    instance.references = QString(InstancesTable) + u".instance_key"_s;
    table.columns.append(instance);
    return table;
}

void addAnalyticsTables(QList<DictionaryTable> &tables)
{
    for (const AnalyticsReport &report : analyticsReports()) {
        if (report.variants == Variants::Single) {
            tables.append(analyticsTable(report, report.base, false));
            continue;
        }
        tables.append(analyticsTable(report, report.base + u" Standard"_s, false));
        tables.append(analyticsTable(report, report.base + u" Detailed"_s, true));
    }
}

struct FileReport {
    QString type;
    QString subType; // empty for finance
    QString meaning;
    QStringList headers;
    Texts ownMeanings;
};

QList<FileReport> salesReports()
{
    const QStringList provider = {u"Provider"_s, u"Provider Country"_s, u"SKU"_s, u"Developer"_s, u"Title"_s};
    const QStringList subscription = {u"App Name"_s,
                                      u"App Apple ID"_s,
                                      u"Subscription Name"_s,
                                      u"Subscription Apple ID"_s,
                                      u"Subscription Group ID"_s,
                                      u"Standard Subscription Duration"_s};
    return {
        {u"SALES"_s,
         u"SUMMARY"_s,
         u"Units and proceeds per product, storefront and period: downloads, redownloads, updates and in-app "
         u"purchases."_s,
         provider + QStringList{u"Version"_s,
                                u"Product Type Identifier"_s,
                                u"Units"_s,
                                u"Developer Proceeds"_s,
                                u"Begin Date"_s,
                                u"End Date"_s,
                                u"Customer Currency"_s,
                                u"Country Code"_s,
                                u"Currency of Proceeds"_s,
                                u"Apple Identifier"_s,
                                u"Customer Price"_s,
                                u"Promo Code"_s,
                                u"Parent Identifier"_s,
                                u"Subscription"_s,
                                u"Period"_s,
                                u"Category"_s,
                                u"CMB"_s,
                                u"Device"_s,
                                u"Supported Platforms"_s,
                                u"Proceeds Reason"_s,
                                u"Preserved Pricing"_s,
                                u"Client"_s,
                                u"Order Type"_s},
         {}},
        {u"PRE_ORDER"_s,
         u"SUMMARY"_s,
         u"Pre-orders placed and canceled per product and storefront; Apple's file may bring more columns "
         u"than "
         u"listed here."_s,
         provider + QStringList{u"Pre-Order Start Date"_s, u"Pre-Order End Date"_s, u"Ordered"_s,
                                u"Canceled"_s, u"Cumulative Ordered"_s, u"Cumulative Canceled"_s,
                                u"Start Date"_s, u"End Date"_s, u"Country Code"_s, u"Apple Identifier"_s,
                                u"Device"_s, u"Supported Platforms"_s},
         {}},
        {u"SUBSCRIPTION"_s,
         u"SUMMARY"_s,
         u"Active auto-renewable subscriptions per subscription, offer and country, each day."_s,
         subscription + QStringList{u"Subscription Offer Name"_s,
                                    u"Promotional Offer ID"_s,
                                    u"Customer Price"_s,
                                    u"Customer Currency"_s,
                                    u"Developer Proceeds"_s,
                                    u"Proceeds Currency"_s,
                                    u"Preserved Pricing"_s,
                                    u"Proceeds Reason"_s,
                                    u"Client"_s,
                                    u"Device"_s,
                                    u"State"_s,
                                    u"Country"_s,
                                    u"Active Standard Price Subscriptions"_s,
                                    u"Active Free Trial Introductory Offer Subscriptions"_s,
                                    u"Active Pay Up Front Introductory Offer Subscriptions"_s,
                                    u"Active Pay as You Go Introductory Offer Subscriptions"_s,
                                    u"Free Trial Promotional Offer Subscriptions"_s,
                                    u"Pay Up Front Promotional Offer Subscriptions"_s,
                                    u"Pay As You Go Promotional Offer Subscriptions"_s,
                                    u"Free Trial Offer Code Subscriptions"_s,
                                    u"Pay Up Front Offer Code Subscriptions"_s,
                                    u"Pay As You Go Offer Code Subscriptions"_s,
                                    u"Marketing Opt-Ins"_s,
                                    u"Billing Retry"_s,
                                    u"Grace Period"_s,
                                    u"Subscribers"_s,
                                    u"Free Trial Win-Back Offers"_s,
                                    u"Pay Up Front Win-Back Offers"_s,
                                    u"Pay As You Go Win-Back Offers"_s},
         {{u"Developer Proceeds"_s,
           u"What the developer earns per subscription, in the proceeds currency."_s}}},
        {u"SUBSCRIPTION_EVENT"_s,
         u"SUMMARY"_s,
         u"Subscription events (starts, renewals, upgrades, cancellations ...) per day."_s,
         QStringList{u"Event Date"_s, u"Event"_s} + subscription +
             QStringList{u"Subscription Offer Type"_s,
                         u"Subscription Offer Duration"_s,
                         u"Marketing Opt-In"_s,
                         u"Marketing Opt-In Duration"_s,
                         u"Preserved Pricing"_s,
                         u"Proceeds Reason"_s,
                         u"Subscription Offer Name"_s,
                         u"Promotional Offer ID"_s,
                         u"Consecutive Paid Periods"_s,
                         u"Original Start Date"_s,
                         u"Device"_s,
                         u"Client"_s,
                         u"State"_s,
                         u"Country"_s,
                         u"Previous Subscription Name"_s,
                         u"Previous Subscription Apple ID"_s,
                         u"Days Before Canceling"_s,
                         u"Cancellation Reason"_s,
                         u"Days Canceled"_s,
                         u"Quantity"_s,
                         u"Paid Service Days Recovered"_s},
         {{u"Event"_s, u"The subscription event, e.g. a start, renewal, upgrade or cancellation."_s}}},
    };
}

// What the Sales and Trends types mean when their columns are not in the reference.
QString salesMeaning(const QString &type, const QString &subType)
{
    static const QHash<QString, QString> meanings = {
        {u"NEWSSTAND"_s, u"Newsstand issue and subscription sales."_s},
        {u"SUBSCRIBER"_s, u"Subscription transactions per anonymised subscriber, each day."_s},
        {u"SUBSCRIPTION_OFFER_CODE_REDEMPTION"_s, u"Redemptions of subscription offer codes, each day."_s},
        {u"INSTALLS"_s, u"App installs by month or year; the subtype chooses the breakdown."_s},
        {u"FIRST_ANNUAL"_s, u"Apple's FIRST_ANNUAL Sales and Trends report."_s},
        {u"WIN_BACK_ELIGIBILITY"_s, u"Subscribers eligible for win-back offers, each day."_s},
    };
    return meanings.value(type, u"Apple's %1 %2 Sales and Trends report."_s.arg(type, subType));
}

DictionaryTable fileTable(const FileReport &report, TableKind kind, const QStringList &ownColumns)
{
    DictionaryTable table;
    table.kind = kind;
    if (kind == TableKind::Sales) {
        table.name = salesTableName(report.type, report.subType);
        table.source = report.type + u'/' + report.subType;
    } else {
        table.name = financeTableName(report.type);
        table.source = report.type;
    }
    table.meaning = report.meaning;
    table.appleColumnsDocumented = !report.headers.isEmpty();
    for (const QString &header : report.headers)
        table.columns.append(appleColumn(header, report.ownMeanings));
    for (const QString &own : ownColumns)
        table.columns.append(ownColumn(own, u"text"_s));
    return table;
}

void addSalesTables(QList<DictionaryTable> &tables)
{
    const QStringList own = {QString(metadata::Frequency), QString(metadata::ReportDate),
                             QString(metadata::VendorNumber), u"_version"_s, QString(metadata::LoadedAt)};
    QHash<QString, FileReport> documented;
    for (const FileReport &report : salesReports())
        documented.insert(report.type + u'/' + report.subType, report);
    QSet<QString> seen;
    for (const SalesStream &stream : salesStreams()) {
        const QString key = stream.reportType + u'/' + stream.reportSubType;
        if (seen.contains(key))
            continue;
        seen.insert(key);
        FileReport report = documented.value(key);
        if (report.type.isEmpty()) {
            report = {stream.reportType,
                      stream.reportSubType,
                      salesMeaning(stream.reportType, stream.reportSubType),
                      {},
                      {}};
        }
        tables.append(fileTable(report, TableKind::Sales, own));
    }
}

void addFinanceTables(QList<DictionaryTable> &tables)
{
    const QStringList own = {QString(metadata::RegionCode), QString(metadata::FiscalMonth),
                             QString(metadata::VendorNumber), QString(metadata::LoadedAt)};
    const Texts period = {{u"Start Date"_s, u"First day of the fiscal period (Apple writes MM/DD/YYYY)."_s},
                          {u"End Date"_s, u"Last day of the fiscal period."_s},
                          {u"Quantity"_s, u"Units sold; negative for returns."_s},
                          {u"Customer Price"_s, u"The price the customer paid per unit."_s}};
    tables.append(fileTable(
        {u"FINANCIAL"_s,
         {},
         u"What Apple pays for one fiscal month: units and the developer's share per product and country, "
         u"per region (or all regions in one file with region ZZ)."_s,
         {u"Start Date"_s,
          u"End Date"_s,
          u"UPC"_s,
          u"ISRC/ISBN"_s,
          u"Vendor Identifier"_s,
          u"Quantity"_s,
          u"Partner Share"_s,
          u"Extended Partner Share"_s,
          u"Partner Share Currency"_s,
          u"Sales or Return"_s,
          u"Apple Identifier"_s,
          u"Artist/Show/Developer/Author"_s,
          u"Title"_s,
          u"Label/Studio/Network/Developer/Publisher"_s,
          u"Grid"_s,
          u"Product Type Identifier"_s,
          u"ISAN/Other Identifier"_s,
          u"Country Of Sale"_s,
          u"Pre-order Flag"_s,
          u"Promo Code"_s,
          u"Customer Price"_s,
          u"Customer Currency"_s},
         period},
        TableKind::Finance, own));
    tables.append(fileTable(
        {u"FINANCE_DETAIL"_s,
         {},
         u"Every transaction of one fiscal month for all regions (region Z1), with transaction and "
         u"settlement "
         u"dates; the column list is observed, not documented by Apple."_s,
         {u"Transaction Date"_s, u"Settlement Date"_s, u"Apple Identifier"_s, u"SKU"_s, u"Title"_s,
          u"Developer Name"_s, u"Product Type Identifier"_s, u"Country of Sale"_s, u"Quantity"_s,
          u"Partner Share"_s, u"Extended Partner Share"_s, u"Partner Share Currency"_s, u"Customer Price"_s,
          u"Customer Currency"_s, u"Sale or Return"_s, u"Promo Code"_s, u"Order Type"_s, u"Region"_s},
         period},
        TableKind::Finance, own));
}

DictionaryTable bookkeepingTable(const QString &name, const QString &meaning,
                                 const QList<DictionaryColumn> &columns)
{
    DictionaryTable table;
    table.name = name;
    table.kind = TableKind::Bookkeeping;
    table.meaning = meaning;
    table.columns = columns;
    return table;
}

DictionaryTable instancesTable()
{
    DictionaryColumn instanceId =
        ownColumn(u"instance_id"_s, u"text"_s, u"Apple's id of the analytics report instance."_s);
    instanceId.unique = true;
    return bookkeepingTable(
        QString(InstancesTable),
        u"One row per analytics report instance ascsync loaded: what every analytics row's _instance points "
        u"to, so the instance's details are stored once instead of on each row."_s,
        {keyColumn(u"instance_key"_s, u"integer"_s,
                   u"ascsync's number for the instance; rows refer to it."_s),
         instanceId,
         ownColumn(u"app_id"_s, u"text"_s,
                   u"Apple's id of the app (the app_apple_identifier of its rows)."_s),
         ownColumn(u"report_id"_s, u"text"_s, u"Apple's id of the analytics report."_s),
         ownColumn(u"report_name"_s, u"text"_s, u"The report's name, e.g. App Downloads Standard."_s),
         ownColumn(u"table_name"_s, u"text"_s, u"The table holding the instance's rows."_s),
         ownColumn(u"granularity"_s, u"text"_s, u"DAILY, WEEKLY or MONTHLY."_s),
         ownColumn(u"processing_date"_s, u"date"_s,
                   u"The day Apple produced the instance; for a day, the newest processing date wins."_s),
         ownColumn(u"access_type"_s, u"text"_s,
                   u"ONGOING or ONE_TIME_SNAPSHOT: the report request the instance came from."_s),
         ownColumn(u"row_count"_s, u"integer"_s, u"Rows loaded from the instance."_s),
         ownColumn(u"checksums"_s, u"text"_s,
                   u"Apple's checksums of the instance's segments, comma-separated."_s),
         ownColumn(u"loaded_at"_s, u"timestamp"_s, u"When ascsync loaded the instance (UTC)."_s)});
}

DictionaryTable instanceDaysTable()
{
    DictionaryColumn instance =
        keyColumn(u"instance_key"_s, u"integer"_s, u"The instance that holds the day's rows."_s);
    instance.references = QString(InstancesTable) + u".instance_key"_s;
    return bookkeepingTable(
        QString(InstanceDaysTable),
        u"Which loaded instance holds each day of an analytics table: one instance per app, table and day, "
        u"the "
        u"one with the newest processing date (older instances' rows for that day are replaced, never "
        u"added)."_s,
        {instance, keyColumn(u"day"_s, u"date"_s, u"The day (the date or event_date of the rows)."_s),
         ownColumn(u"row_count"_s, u"integer"_s, u"Rows of that day in the table."_s)});
}

void addBookkeepingTables(QList<DictionaryTable> &tables)
{
    tables.append(bookkeepingTable(
        u"_ascsync_meta"_s, u"ascsync's settings for this destination, such as schema_version."_s,
        {keyColumn(u"key"_s, u"text"_s, u"The setting's name, e.g. schema_version."_s),
         ownColumn(u"value"_s, u"text"_s, u"Its value."_s)}));
    tables.append(instancesTable());
    tables.append(instanceDaysTable());
    tables.append(bookkeepingTable(
        u"_ascsync_loads"_s,
        u"One row per loaded unit (an analytics instance, a sales or finance file), written in the same "
        u"transaction as its rows: what a resumed sync skips."_s,
        {keyColumn(u"stream"_s, u"text"_s,
                   u"The stream, e.g. analytics/downloads or sales/SALES/SUMMARY/DAILY."_s),
         keyColumn(u"unit_key"_s, u"text"_s,
                   u"The unit within the stream (instance id, report date/vendor ...)."_s),
         ownColumn(u"checksum"_s, u"text"_s, u"Checksum of what was loaded, to notice changed files."_s),
         ownColumn(u"row_count"_s, u"integer"_s, u"Rows loaded."_s),
         ownColumn(u"source"_s, u"text"_s, u"A readable description of the unit."_s),
         ownColumn(u"loaded_at"_s, u"timestamp"_s, u"When it was loaded (UTC)."_s),
         ownColumn(u"details"_s, u"json"_s, u"More about the unit as JSON (segments, dates ...)."_s)}));
    tables.append(bookkeepingTable(
        u"_ascsync_runs"_s, u"One row per sync run, for ascsync status."_s,
        {keyColumn(u"run_id"_s, u"text"_s, u"The run's id."_s),
         ownColumn(u"started_at"_s, u"timestamp"_s, u"When it started (UTC)."_s),
         ownColumn(u"finished_at"_s, u"timestamp"_s, u"When it ended; empty while running or if killed."_s),
         ownColumn(u"outcome"_s, u"text"_s, u"How it ended."_s),
         ownColumn(u"summary"_s, u"json"_s, u"Counts of what it did, as JSON."_s)}));
    tables.append(bookkeepingTable(
        u"_ascsync_lock"_s,
        u"PostgreSQL only: who holds the sync lock, so a second sync can name it (the lock itself is an "
        u"advisory lock)."_s,
        {keyColumn(u"id"_s, u"integer"_s, u"Always 1: there is one lock."_s),
         ownColumn(u"host"_s, u"text"_s, u"The host of the syncing process."_s),
         ownColumn(u"pid"_s, u"integer"_s, u"Its process id."_s),
         ownColumn(u"since"_s, u"timestamp"_s, u"When it took the lock."_s)}));
}

QList<DictionaryTable> catalogueTables()
{
    QList<DictionaryTable> tables;
    addBookkeepingTables(tables);
    addAnalyticsTables(tables);
    addSalesTables(tables);
    addFinanceTables(tables);
    return tables;
}

const QHash<QString, DictionaryTable> &tablesByName()
{
    static const QHash<QString, DictionaryTable> byName = [] {
        QHash<QString, DictionaryTable> map;
        for (const DictionaryTable &table : catalogueTables())
            map.insert(table.name, table);
        return map;
    }();
    return byName;
}

} // namespace

QString tableKindName(TableKind kind)
{
    switch (kind) {
    case TableKind::Analytics:
        return u"analytics"_s;
    case TableKind::Sales:
        return u"sales"_s;
    case TableKind::Finance:
        return u"finance"_s;
    case TableKind::Bookkeeping:
        return u"bookkeeping"_s;
    case TableKind::Other:
        return u"other"_s;
    }
    return u"other"_s;
}

const DictionaryColumn *DictionaryTable::column(QStringView columnName) const
{
    for (const DictionaryColumn &c : columns) {
        if (c.name == columnName)
            return &c;
    }
    return nullptr;
}

const DictionaryTable *DataDictionary::table(QStringView tableName) const
{
    for (const DictionaryTable &t : tables) {
        if (t.name == tableName)
            return &t;
    }
    return nullptr;
}

DataDictionary catalogueDictionary(const QString &schema)
{
    DataDictionary dictionary;
    dictionary.schema = schema;
    dictionary.tables = catalogueTables();
    dictionary.relations = relationsFor(dictionary.tables);
    return dictionary;
}

std::optional<DictionaryTable> catalogueTable(QStringView table)
{
    const QString name = table.toString();
    if (const auto found = tablesByName().constFind(name); found != tablesByName().constEnd())
        return *found;
    for (const QString &granularity : {u"weekly"_s, u"monthly"_s}) {
        const QString suffix = u'_' + granularity;
        if (!name.endsWith(suffix))
            continue;
        const auto daily = tablesByName().constFind(name.chopped(suffix.size()));
        if (daily == tablesByName().constEnd() || daily->kind != TableKind::Analytics)
            continue;
        DictionaryTable sibling = *daily;
        sibling.name = name;
        sibling.siblings = {daily->name};
        const QString period = granularity == u"weekly"_s
                                   ? u"Weekly rows (Monday to Sunday; date is the Monday)"_s
                                   : u"Monthly rows (date is the 1st of the month)"_s;
        sibling.meaning =
            u"%1 of the report %2. Daily rows are in %3."_s.arg(period, daily->source, daily->name);
        return sibling;
    }
    return std::nullopt;
}

QString tableMeaning(QStringView table)
{
    const std::optional<DictionaryTable> found = catalogueTable(table);
    return found ? found->meaning : QString();
}

QString columnMeaning(QStringView table, QStringView column)
{
    if (const std::optional<DictionaryTable> found = catalogueTable(table)) {
        if (const DictionaryColumn *known = found->column(column); known && !known->meaning.isEmpty())
            return known->meaning;
    }
    const QString own = bookkeepingColumnMeaning(column);
    return own.isEmpty() ? glossaryMeaning(column) : own;
}

QList<DictionaryRelation> relationsFor(const QList<DictionaryTable> &tables)
{
    QList<DictionaryRelation> relations;
    bool hasInstances = false;
    for (const DictionaryTable &table : tables) {
        hasInstances = hasInstances || table.name == InstancesTable;
        if (table.name == InstanceDaysTable) {
            relations.append({table.name, u"instance_key"_s, QString(InstancesTable), u"instance_key"_s,
                              u"each day of a table belongs to the one instance that holds it"_s});
        } else if (table.column(u"_instance")) {
            relations.append({table.name, QString(InstanceColumn), QString(InstancesTable), u"instance_key"_s,
                              u"each row was loaded from one instance"_s});
        }
    }
    if (hasInstances) {
        relations.append(
            {QString(InstancesTable), u"app_id"_s, u"app"_s, u"id"_s,
             u"each instance belongs to one App Store Connect app (not a table; see ascsync apps)"_s, true});
    }
    return relations;
}

} // namespace ascsync::reports
