#include "familyspecs.h"

#include "familymodel.h"
#include "osreleases.h"
#include "rng.h"

#include <cmath>
#include <initializer_list>

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

namespace {

// Builders that keep the table below readable.

ColumnSpec column(ColumnKind kind, const QString &name)
{
    ColumnSpec spec;
    spec.kind = kind;
    spec.name = name;
    return spec;
}

QList<ColumnSpec> appColumns()
{
    return {column(ColumnKind::Date, u"Date"_s), column(ColumnKind::AppName, u"App Name"_s),
            column(ColumnKind::AppId, u"App Apple Identifier"_s)};
}

DimensionRule from(ValueSource source)
{
    DimensionRule rule;
    rule.source = source;
    return rule;
}

DimensionRule options(const WeightedTexts &values)
{
    DimensionRule rule = from(ValueSource::Options);
    rule.options = values;
    return rule;
}

DimensionRule pages(PageMix mix)
{
    DimensionRule rule = from(ValueSource::PageTypes);
    rule.mix = mix;
    return rule;
}

DimensionRule appOptions(WeightedTexts (*values)(const AppProfile &))
{
    DimensionRule rule = from(ValueSource::AppOptions);
    rule.appOptions = values;
    return rule;
}

DimensionRule lookup(const QString &input, TextPairs (*pairs)(const AppProfile &))
{
    DimensionRule rule = from(ValueSource::Lookup);
    rule.input = input;
    rule.lookup = pairs;
    return rule;
}

DimensionRule dayValue(int index)
{
    DimensionRule rule = from(ValueSource::DayValue);
    rule.dayValue = index;
    return rule;
}

// A dimension; `cases` pick another rule by the value of `switchOn` (empty: the first dimension).
ColumnSpec dimension(const QString &name, const DimensionRule &rule = {},
                     const QList<DimensionCase> &cases = {}, const QString &switchOn = {})
{
    ColumnSpec spec = column(ColumnKind::Dimension, name);
    spec.rule = rule;
    spec.cases = cases;
    spec.switchOn = switchOn;
    return spec;
}

// A dimension of the Detailed report only (API-NOTES §5.6 "(D)").
ColumnSpec detailed(const QString &name, const DimensionRule &rule)
{
    ColumnSpec spec = dimension(name, rule);
    spec.detailedOnly = true;
    return spec;
}

ColumnSpec metric(const QString &name, MetricKind kind = MetricKind::Count, MetricFill fill = {})
{
    ColumnSpec spec = column(ColumnKind::Metric, name);
    spec.metric = kind;
    spec.fill = fill;
    return spec;
}

ColumnSpec metric(const QString &name, MetricFill fill)
{
    return metric(name, MetricKind::Count, fill);
}

// A metric whose Detailed rows below 5 are dropped (API-NOTES §5.4).
ColumnSpec thresholded(ColumnSpec spec)
{
    spec.thresholded = true;
    return spec;
}

// llround(volume * uniform(low, high)).
MetricFill fraction(double low, double high)
{
    return {MetricFill::Kind::Fraction, low, high, false};
}

MetricFill fractionAtLeastOne(double low, double high)
{
    return {MetricFill::Kind::Fraction, low, high, true};
}

QList<ColumnSpec> deviceColumns()
{
    return {dimension(u"Device"_s, from(ValueSource::Devices)),
            dimension(u"Platform Version"_s, from(ValueSource::Platforms))};
}

// How the user came to the app: the columns every commerce and app-usage report shares.
QList<ColumnSpec> attributionColumns()
{
    return {dimension(u"Source Type"_s, from(ValueSource::SourceTypes)),
            detailed(u"Source Info"_s, from(ValueSource::SourceInfos)),
            detailed(u"Campaign"_s, from(ValueSource::Campaigns)),
            dimension(u"Page Type"_s, pages(PageMix::Attribution)),
            detailed(u"Page Title"_s, from(ValueSource::PageTitles))};
}

ColumnSpec territoryColumn()
{
    return dimension(u"Territory"_s, from(ValueSource::Territories));
}

// One column or a group of them, so that a family's columns read as one list in Apple's order.
struct ColumnPart {
    ColumnPart(const ColumnSpec &single)
        : columns{single}
    {}
    ColumnPart(const QList<ColumnSpec> &group)
        : columns(group)
    {}
    QList<ColumnSpec> columns;
};

QList<ColumnSpec> columns(std::initializer_list<ColumnPart> parts)
{
    QList<ColumnSpec> list;
    for (const ColumnPart &part : parts)
        list.append(part.columns);
    return list;
}

// Volumes.

double activeDevices(const AppProfile &app, QDate date)
{
    return app.activeDevices(date);
}

double crashes(const AppProfile &app, QDate date)
{
    return app.activeDevices(date) * app.sessionsPerDevice * app.crashRate;
}

// App Store Discovery and Engagement (API-NOTES §5.6): impressions >> page views > taps, each split by page,
// source, engagement type, device, OS and territory. Unique impressions are the audience the download
// conversion is measured against.
FamilySpec engagement()
{
    FamilySpec spec;
    spec.key = u"engagement"_s;
    spec.volume = [](const AppProfile &app, QDate date) { return app.audience(date); };
    // Counts exceed unique counts (72-90 % unique), so unique impressions come out near the audience.
    spec.roots = {
        {u"Impression"_s, [](const AppProfile &app, QDate date) { return app.audience(date) * 1.25; }},
        {u"Page view"_s,
         [](const AppProfile &app, QDate date) { return app.audience(date) * app.pageViewRate * 1.15; }},
        {u"Tap"_s, [](const AppProfile &app, QDate date) {
             return app.firstTimeDownloads(date) * 1.6 + app.audience(date) * 0.004;
         }}};
    const DimensionRule tapEngagement = options({{u"Get"_s, 0.45},
                                                 {u"Redownload"_s, 0.12},
                                                 {u"Update"_s, 0.08},
                                                 {u"Open"_s, 0.25},
                                                 {u"IAE reminder"_s, 0.03},
                                                 {u"IAE reminder deactivated"_s, 0.005},
                                                 {u"Notification tap"_s, 0.02},
                                                 {u"Share"_s, 0.045}});
    spec.columns = columns({
        appColumns(),
        dimension(u"Event"_s),
        dimension(
            u"Page Type"_s, pages(PageMix::Tap),
            {{u"Impression"_s, pages(PageMix::Impression)}, {u"Page view"_s, pages(PageMix::PageView)}}),
        detailed(u"Page Title"_s, from(ValueSource::PageTitles)),
        dimension(u"Source Type"_s, from(ValueSource::SourceTypes)),
        detailed(u"Source Info"_s, from(ValueSource::SourceInfos)),
        detailed(u"Campaign"_s, from(ValueSource::Campaigns)),
        dimension(u"Engagement Type"_s, {}, {{u"Tap"_s, tapEngagement}}),
        deviceColumns(),
        territoryColumn(),
        thresholded(metric(u"Counts"_s)),
        thresholded(metric(u"Unique Counts"_s, fractionAtLeastOne(0.72, 0.9))),
    });
    return spec;
}

// App Store Web Preview Engagement (API-NOTES §5.6): visits to the app's apps.apple.com page from browsers.
// Device and browser values beyond Apple's own devices are UNVERIFIED.
const QDate kBrowserEpoch(2024, 1, 1);

// Chrome/Edge and Firefox ship a major version about every four weeks.
int chromiumMajor(QDate date)
{
    return 120 + int(kBrowserEpoch.daysTo(date) / 28);
}
int firefoxMajor(QDate date)
{
    return 122 + int(kBrowserEpoch.daysTo(date) / 28);
}

double webVisits(const AppProfile &app, QDate date)
{
    return app.audience(date) * 0.02;
}

void internBrowserVersions(ValuePool &values, const AppProfile &)
{
    for (const OsReleases::Release &release : OsReleases::releases(u"iOS"_s))
        values.intern(release.label.mid(4)); // Safari's version follows the OS: "iOS 18.1" -> "18.1"
    for (int major = 100; major < 200; ++major)
        values.intern(QString::number(major) + u".0"_s);
}

// The day's browser versions: Safari's spread like iOS (DayOptions), Chromium's and Firefox's (DayValue).
void prepareBrowserVersions(const FamilyModel &model, FamilyDay &day)
{
    day.values[0] = model.values().idOf(QString::number(chromiumMajor(day.date)) + u".0"_s);
    day.values[1] = model.values().idOf(QString::number(firefoxMajor(day.date)) + u".0"_s);
    for (const OsReleases::Share &share : OsReleases::sharesOn(u"iPhone"_s, day.date))
        day.options.push_back({model.values().idOf(share.label.mid(4)), share.weight});
}

FamilySpec webPreview()
{
    FamilySpec spec;
    spec.key = u"webpreview"_s;
    spec.volume = webVisits;
    // "Page View" capitalised as in Apple's web-preview page (API-NOTES §5.6).
    spec.roots = {{u"Page View"_s, webVisits},
                  {u"Tap"_s, [](const AppProfile &app, QDate date) { return webVisits(app, date) * 0.25; }}};
    spec.intern = internBrowserVersions;
    spec.prepareDay = prepareBrowserVersions;
    const DimensionRule tapEngagement = options({{u"Get"_s, 0.6}, {u"Open"_s, 0.3}, {u"Share"_s, 0.1}});
    const DimensionRule browsers =
        options({{u"Safari"_s, 0.55}, {u"Chrome"_s, 0.3}, {u"Edge"_s, 0.1}, {u"Firefox"_s, 0.05}});
    const QList<DimensionCase> browserVersions{
        {u"Safari"_s, from(ValueSource::DayOptions)}, {u"Chrome"_s, dayValue(0)}, {u"Edge"_s, dayValue(0)}};
    const DimensionRule devices = options({{u"iPhone"_s, 0.45},
                                           {u"iPad"_s, 0.08},
                                           {u"Mac"_s, 0.22},
                                           {u"Windows"_s, 0.18},
                                           {u"Android"_s, 0.07}});
    spec.columns = columns({
        appColumns(),
        dimension(u"Event"_s),
        dimension(
            u"Page Type"_s,
            options({{u"Product page"_s, 0.9}, {u"Developer page"_s, 0.05}, {u"In-app event"_s, 0.05}})),
        detailed(u"Page Title"_s, from(ValueSource::PageTitles)),
        dimension(u"Source Type"_s, options({{u"Web referrer"_s, 0.7}, {u"Unavailable"_s, 0.3}})),
        detailed(u"Source Info"_s, from(ValueSource::SourceInfos)),
        dimension(u"Engagement Type"_s, {}, {{u"Tap"_s, tapEngagement}}),
        dimension(u"Browser"_s, browsers),
        dimension(u"Browser Version"_s, dayValue(1), browserVersions, u"Browser"_s),
        dimension(u"Device"_s, devices),
        dimension(u"Platform Version"_s, from(ValueSource::Platforms)),
        territoryColumn(),
        thresholded(metric(u"Counts"_s)),
    });
    return spec;
}

// App Store Downloads (API-NOTES §5.6). First-time downloads follow the app's conversion of unique
// impressions (2-8 %); updates come in waves after each release; the launch day of a pre-ordered app
// delivers its pre-orders ("Pre-Order" = Yes). Lower-case "download" as real files and users' SQL spell it
// (reference/conversion-rate.sql).
FamilySpec downloads()
{
    FamilySpec spec;
    spec.key = u"downloads"_s;
    spec.volume = [](const AppProfile &app, QDate date) {
        return app.firstTimeDownloads(date) * 1.39 + app.preOrderDeliveries(date) +
               app.autoUpdates(date) * 1.12;
    };
    spec.roots = {
        {u"First-time download"_s,
         [](const AppProfile &app, QDate date) {
             return app.firstTimeDownloads(date) + app.preOrderDeliveries(date);
         }},
        {u"Redownload"_s,
         [](const AppProfile &app, QDate date) { return app.firstTimeDownloads(date) * 0.35; }},
        {u"Manual update"_s, [](const AppProfile &app, QDate date) { return app.autoUpdates(date) * 0.12; }},
        {u"Auto-update"_s, [](const AppProfile &app, QDate date) { return app.autoUpdates(date); }},
        {u"Restore"_s,
         [](const AppProfile &app, QDate date) { return app.firstTimeDownloads(date) * 0.04; }}};
    const DimensionRule updateSources = from(ValueSource::UpdateSourceTypes);
    const DimensionRule updatePages = pages(PageMix::Update);
    spec.columns = columns({
        appColumns(),
        dimension(u"Download Type"_s),
        dimension(u"App Version"_s, from(ValueSource::CurrentVersion)),
        deviceColumns(),
        dimension(u"Source Type"_s, from(ValueSource::SourceTypes),
                  {{u"Manual update"_s, updateSources},
                   {u"Auto-update"_s, updateSources},
                   {u"Restore"_s, options({{u"Unavailable"_s, 1.0}})}}),
        detailed(u"Source Info"_s, from(ValueSource::SourceInfos)),
        detailed(u"Campaign"_s, from(ValueSource::Campaigns)),
        dimension(u"Page Type"_s, pages(PageMix::Attribution),
                  {{u"Manual update"_s, updatePages},
                   {u"Auto-update"_s, updatePages},
                   {u"Restore"_s, updatePages}}),
        detailed(u"Page Title"_s, from(ValueSource::PageTitles)),
        dimension(u"Pre-Order"_s, options({{u"No"_s, 1.0}}),
                  {{u"First-time download"_s, from(ValueSource::PreOrderFlag)}}),
        territoryColumn(),
        thresholded(metric(u"Counts"_s)),
    });
    return spec;
}

// App Store Purchases (API-NOTES §5.6): paid downloads and in-app purchases in USD, refunds as negative
// purchases. Detailed rows get one noise draw applied to purchases, paying users and both amounts together
// (API-NOTES §5.4). Payment Method values are UNVERIFIED.
enum PurchasesMetric { Purchases, Proceeds, Sales, PayingUsers };

double paidDownloads(const AppProfile &app, QDate date)
{
    return app.usdPrice > 0.0 ? app.firstTimeDownloads(date) + app.preOrderDeliveries(date) : 0.0;
}

double inAppPurchases(const AppProfile &app, QDate date)
{
    double rate = 0.0;
    for (const InAppProduct &product : app.products)
        rate += product.dailyRate * (product.kind == InAppProduct::Kind::AutoRenewable ? 2.0 : 1.0);
    return app.activeDevices(date) * rate;
}

WeightedTexts purchasedApp(const AppProfile &app)
{
    return {{app.app.name, 1.0}};
}

WeightedTexts inAppProducts(const AppProfile &app)
{
    WeightedTexts products;
    for (const InAppProduct &product : app.products)
        products.append({product.name, product.dailyRate});
    return products;
}

TextPairs contentAppleIds(const AppProfile &app)
{
    TextPairs ids{{app.app.name, app.app.id}};
    for (const InAppProduct &product : app.products)
        ids.append({product.name, product.appleId});
    return ids;
}

WeightedTexts contentPrices(const AppProfile &app)
{
    WeightedTexts prices{{app.app.name, app.usdPrice}};
    for (const InAppProduct &product : app.products)
        prices.append({product.name, product.usdPrice});
    return prices;
}

constexpr int kContentNameLevel = 1; // "Content Name", whose price fillPurchases reads

void fillPurchases(const FamilyModel &model, AnalyticsRow &row, qint64 volume, Rng &rng)
{
    const double price = model.number(row.dims[kContentNameLevel]);
    const double sign = rng.chance(0.02) ? -1.0 : 1.0; // a refund
    const double purchases = double(volume);
    const double commission = model.app().commission;
    row.metrics[Purchases] = sign * purchases;
    row.metrics[Sales] = sign * std::round(purchases * price * 100.0) / 100.0;
    row.metrics[Proceeds] = sign * std::round(purchases * price * (1.0 - commission) * 100.0) / 100.0;
    row.metrics[PayingUsers] = double(std::max<qint64>(1, std::llround(purchases * rng.uniform(0.85, 1.0))));
}

// One draw for the whole row, so amounts stay consistent with the purchase count.
void addPurchasesNoise(AnalyticsRow &row, Rng &rng)
{
    const double noise = double(std::lround(2.0 * rng.normal()));
    const double magnitude = std::abs(row.metrics[Purchases]);
    const double noisy = std::max(0.0, magnitude + noise);
    const double ratio = magnitude > 0.0 ? noisy / magnitude : 0.0;
    row.metrics[Purchases] = std::copysign(noisy, row.metrics[Purchases]);
    row.metrics[Sales] = std::round(row.metrics[Sales] * ratio * 100.0) / 100.0;
    row.metrics[Proceeds] = std::round(row.metrics[Proceeds] * ratio * 100.0) / 100.0;
    row.metrics[PayingUsers] = std::max(0.0, row.metrics[PayingUsers] + noise);
}

FamilySpec purchases()
{
    FamilySpec spec;
    spec.key = u"purchases"_s;
    spec.volume = [](const AppProfile &app, QDate date) {
        return paidDownloads(app, date) + inAppPurchases(app, date);
    };
    spec.roots = {{u"App purchase"_s, paidDownloads}, {u"In-app purchases"_s, inAppPurchases}};
    spec.numbers = contentPrices;
    spec.fillMetrics = fillPurchases;
    spec.addNoise = addPurchasesNoise;
    const QString app = u"App purchase"_s;
    const DimensionRule paymentMethods = options({{u"Credit or Debit Card"_s, 0.62},
                                                  {u"Apple Account Balance"_s, 0.2},
                                                  {u"PayPal"_s, 0.12},
                                                  {u"Carrier Billing"_s, 0.06}});
    spec.columns = columns({
        appColumns(),
        dimension(u"Purchase Type"_s),
        dimension(u"Content Name"_s, appOptions(inAppProducts), {{app, appOptions(purchasedApp)}}),
        dimension(u"Content Apple Identifier"_s, lookup(u"Content Name"_s, contentAppleIds)),
        dimension(u"Payment Method"_s, paymentMethods),
        deviceColumns(),
        attributionColumns(),
        dimension(u"App Download Date"_s, from(ValueSource::OlderDownloadDates),
                  {{app, from(ValueSource::RecentDownloadDates)}}),
        dimension(u"Pre-Order"_s, options({{u"No"_s, 1.0}}), {{app, from(ValueSource::PreOrderFlag)}}),
        territoryColumn(),
        metric(u"Purchases"_s),
        metric(u"Proceeds in USD"_s, MetricKind::Money),
        metric(u"Sales in USD"_s, MetricKind::Money),
        thresholded(metric(u"Paying Users"_s)),
    });
    return spec;
}

// App Store Pre-orders (API-NOTES §5.6): only the app that was offered for pre-order has rows, during its
// pre-order period.
FamilySpec preOrders()
{
    FamilySpec spec;
    spec.key = u"preorders"_s;
    spec.volume = [](const AppProfile &app, QDate date) { return app.preOrdersPlaced(date); };
    spec.spreadVolume = spec.volume; // over the devices
    spec.columns = columns({
        appColumns(),
        deviceColumns(),
        attributionColumns(),
        territoryColumn(),
        dimension(u"Pre-Order Start Date"_s, from(ValueSource::PreOrderStart)),
        dimension(u"Pre-Order End Date"_s, from(ValueSource::PreOrderEnd)),
        thresholded(metric(u"Pre-Orders Placed"_s)),
        metric(u"Pre-Orders Canceled"_s, fraction(0.0, 0.15)),
    });
    return spec;
}

// App Sessions (API-NOTES §5.6), an app-usage report: active devices by the version they run and how the
// app was found, with sessions per device and session length from the app's profile.
enum SessionsMetric { Sessions, Duration, UniqueDevices };

void fillSessions(const FamilyModel &model, AnalyticsRow &row, qint64 volume, Rng &rng)
{
    const AppProfile &app = model.app();
    const double devices = double(volume);
    const double sessions =
        std::max(devices, double(std::llround(devices * app.sessionsPerDevice * rng.uniform(0.8, 1.25))));
    row.metrics[Sessions] = sessions;
    row.metrics[Duration] = double(std::llround(sessions * app.sessionSeconds * rng.uniform(0.7, 1.3)));
    row.metrics[UniqueDevices] = devices;
}

void addSessionsNoise(AnalyticsRow &row, Rng &rng)
{
    const double sessions = row.metrics[Sessions];
    const double average = sessions > 0.0 ? row.metrics[Duration] / sessions : 0.0;
    row.metrics[Sessions] = std::max(0.0, sessions + double(std::lround(2.0 * rng.normal())));
    row.metrics[UniqueDevices] =
        std::max(0.0, row.metrics[UniqueDevices] + double(std::lround(2.0 * rng.normal())));
    // Apple: duration noise with sigma = the row's average session duration / 4 (API-NOTES §5.4).
    row.metrics[Duration] =
        std::max(0.0, double(std::llround(row.metrics[Duration] + rng.normal() * average / 4.0)));
}

FamilySpec sessions()
{
    FamilySpec spec;
    spec.key = u"sessions"_s;
    spec.volume = activeDevices;
    spec.appUsage = true;
    spec.spreadVolume = activeDevices; // over the versions in use
    spec.fillMetrics = fillSessions;
    spec.addNoise = addSessionsNoise;
    spec.columns = columns({
        appColumns(),
        dimension(u"App Version"_s, from(ValueSource::VersionsInUse)),
        deviceColumns(),
        attributionColumns(),
        dimension(u"App Download Date"_s, from(ValueSource::OlderDownloadDates)),
        territoryColumn(),
        thresholded(metric(u"Sessions"_s)),
        metric(u"Total Session Duration"_s, MetricKind::Seconds),
        thresholded(metric(u"Unique Devices"_s)),
    });
    return spec;
}

// App Store Installation and Deletion (API-NOTES §5.6), an app-usage report: installs track downloads,
// deletions the active base; "App Download Date" is set only for downloads within the last 30 days.
double firstTimeInstalls(const AppProfile &app, QDate date)
{
    return app.firstTimeDownloads(date) + app.preOrderDeliveries(date);
}

FamilySpec installs()
{
    FamilySpec spec;
    spec.key = u"installs"_s;
    spec.volume = activeDevices; // the users the 5-user rule counts
    spec.appUsage = true;
    spec.roots = {{u"Install"_s, [](const AppProfile &app,
                                    QDate date) { return firstTimeInstalls(app, date) * 1.39 * 0.97; }},
                  {u"Delete"_s, [](const AppProfile &app, QDate date) {
                       return app.activeDevices(date) * 0.008 + firstTimeInstalls(app, date) * 0.25;
                   }}};
    const QString install = u"Install"_s;
    spec.columns = columns({
        appColumns(),
        dimension(u"Event"_s),
        dimension(u"Download Type"_s,
                  options({{u"First-time download"_s, 0.70}, {u"Redownload"_s, 0.26}, {u"Restore"_s, 0.04}})),
        dimension(u"App Version"_s, from(ValueSource::VersionsInUse),
                  {{install, from(ValueSource::CurrentVersion)}}),
        deviceColumns(),
        attributionColumns(),
        dimension(u"App Download Date"_s, from(ValueSource::OlderDownloadDates),
                  {{install, from(ValueSource::RecentDownloadDates)}}),
        territoryColumn(),
        thresholded(metric(u"Counts"_s)),
        thresholded(metric(u"Unique Devices"_s, fractionAtLeastOne(0.9, 1.0))),
    });
    return spec;
}

// App Crashes (API-NOTES §5.6): a single report (no Standard/Detailed pair) of crashes per version, device
// and OS; an app-usage report, so absent for Dates with fewer than 5 users.
FamilySpec crashesFamily()
{
    FamilySpec spec;
    spec.key = u"crashes"_s;
    spec.volume = activeDevices;
    spec.appUsage = true;
    spec.spreadVolume = crashes; // over the versions in use
    spec.columns = columns({
        appColumns(),
        dimension(u"App Version"_s, from(ValueSource::VersionsInUse)),
        deviceColumns(),
        metric(u"Crashes"_s),
        metric(u"Unique Devices"_s, fractionAtLeastOne(0.6, 0.95)),
    });
    return spec;
}

// "CarPlay App Usage" (API-NOTES §5.6 lists its columns): a report of another shape than the App Store ones
// (metric first, no App Name / App Apple Identifier, a lower-camel-case "visibleTime"), so clients meet a
// report they must not assume the layout of. Only apps with CarPlay support have rows; value vocabularies
// are UNVERIFIED.
enum CarPlayMetric { Count, CarPlayDevices, DashboardTime, PlaybackTime, SiriCount, VisibleTime };

bool playsAudio(const AppProfile &app)
{
    return app.category != u"Navigation";
}

WeightedTexts carPlayCategory(const AppProfile &app)
{
    return {{playsAudio(app) ? u"Audio"_s : u"Navigation"_s, 1.0}};
}

void internOsBuilds(ValuePool &values, const AppProfile &)
{
    for (const OsReleases::Release &release : OsReleases::releases(u"iOS"_s))
        values.intern(OsReleases::buildOf(release.label));
}

// The day's iOS builds, spread like the iPhone's OS versions.
void prepareOsBuilds(const FamilyModel &model, FamilyDay &day)
{
    for (const OsReleases::Share &share : OsReleases::sharesOn(u"iPhone"_s, day.date))
        day.options.push_back({model.values().idOf(OsReleases::buildOf(share.label)), share.weight});
}

void fillCarPlay(const FamilyModel &model, AnalyticsRow &row, qint64 volume, Rng &rng)
{
    const double devices = double(volume);
    const double connections = std::max(devices, double(std::llround(devices * rng.uniform(1.2, 2.5))));
    row.metrics[Count] = connections;
    row.metrics[CarPlayDevices] = devices;
    row.metrics[DashboardTime] = double(std::llround(connections * rng.uniform(300.0, 1500.0)));
    row.metrics[PlaybackTime] =
        playsAudio(model.app()) ? double(std::llround(connections * rng.uniform(600.0, 2400.0))) : 0.0;
    row.metrics[SiriCount] = double(std::llround(connections * rng.uniform(0.0, 0.3)));
    row.metrics[VisibleTime] = double(std::llround(row.metrics[DashboardTime] * rng.uniform(0.5, 0.9)));
}

double carPlayUsers(const AppProfile &app, QDate date)
{
    return app.carPlay ? app.activeDevices(date) * 0.08 : 0.0;
}

FamilySpec carPlay()
{
    FamilySpec spec;
    spec.key = u"carplay"_s;
    spec.volume = carPlayUsers;
    spec.appUsage = true;
    spec.spreadVolume = carPlayUsers; // over the territories
    spec.normaliseSpread = false;
    spec.intern = internOsBuilds;
    spec.prepareDay = prepareOsBuilds;
    spec.fillMetrics = fillCarPlay;
    spec.columns = columns({
        metric(u"Count"_s),
        territoryColumn(),
        column(ColumnKind::Date, u"Date"_s),
        dimension(u"Platform"_s, options({{u"iOS"_s, 1.0}})),
        dimension(u"Device"_s, options({{u"iPhone"_s, 1.0}})),
        dimension(u"Build"_s, from(ValueSource::DayOptions)),
        metric(u"Unique Devices"_s),
        dimension(u"Release Type"_s, options({{u"Release"_s, 0.97}, {u"Beta"_s, 0.03}})),
        dimension(u"Category"_s, appOptions(carPlayCategory)),
        metric(u"Dashboard Visible Time"_s, MetricKind::Seconds),
        metric(u"Playback Time"_s, MetricKind::Seconds),
        metric(u"Siri Presentation Count"_s),
        metric(u"visibleTime"_s, MetricKind::Seconds),
    });
    return spec;
}

// "Home Screen Widget Installs" (FRAMEWORK_USAGE; name and columns UNVERIFIED, API-NOTES §5.5 only says
// ~100 framework reports exist): widgets added and removed by widget family. No App Name column.
double widgetInstalls(const AppProfile &app, QDate date)
{
    return app.widgets ? app.activeDevices(date) * 0.01 : 0.0;
}

// Home Screen widgets exist on iPhone and iPad only.
void prepareWidgetDevices(const FamilyModel &model, FamilyDay &day)
{
    for (const Choice &device : day.devices) {
        const QString name = model.values().text(device.value);
        if (name == u"iPhone" || name == u"iPad")
            day.options.push_back(device);
    }
}

FamilySpec widgets()
{
    FamilySpec spec;
    spec.key = u"widgets"_s;
    spec.volume = widgetInstalls;
    spec.spreadVolume = widgetInstalls; // over the widget families
    spec.normaliseSpread = false;
    spec.prepareDay = prepareWidgetDevices;
    spec.columns = columns({
        column(ColumnKind::Date, u"Date"_s),
        column(ColumnKind::AppId, u"App Apple Identifier"_s),
        dimension(u"Widget Family"_s, options({{u"systemSmall"_s, 0.45},
                                               {u"systemMedium"_s, 0.35},
                                               {u"systemLarge"_s, 0.12},
                                               {u"accessoryRectangular"_s, 0.05},
                                               {u"accessoryCircular"_s, 0.03}})),
        dimension(u"Device"_s, from(ValueSource::DayOptions)),
        dimension(u"Platform Version"_s, from(ValueSource::Platforms)),
        territoryColumn(),
        metric(u"Installs"_s),
        metric(u"Uninstalls"_s, fraction(0.2, 0.6)),
        metric(u"Unique Devices"_s, fractionAtLeastOne(0.9, 1.0)),
    });
    return spec;
}

// "App Crashes Expanded" (PERFORMANCE; API-NOTES §5.5 names it, its columns are UNVERIFIED): crashes by build
// and crash type, so clients meet a report whose shape they do not know.
TextPairs buildsOfVersions(const AppProfile &app)
{
    TextPairs builds;
    for (qsizetype i = 0; i < app.releases.size(); ++i)
        builds.append({app.releases[i].version, QString::number(100 + 7 * i)});
    return builds;
}

FamilySpec crashesExpanded()
{
    FamilySpec spec;
    spec.key = u"crashesexpanded"_s;
    spec.volume = activeDevices;
    spec.appUsage = true;
    spec.spreadVolume = crashes; // over the versions in use
    spec.columns = columns({
        appColumns(),
        dimension(u"App Version"_s, from(ValueSource::VersionsInUse)),
        dimension(u"Build"_s, lookup(u"App Version"_s, buildsOfVersions)),
        deviceColumns(),
        dimension(u"Crash Type"_s, options({{u"EXC_BAD_ACCESS (SIGSEGV)"_s, 0.45},
                                            {u"EXC_CRASH (SIGABRT)"_s, 0.3},
                                            {u"EXC_BREAKPOINT (SIGTRAP)"_s, 0.15},
                                            {u"Watchdog timeout"_s, 0.07},
                                            {u"EXC_RESOURCE"_s, 0.03}})),
        metric(u"Crashes"_s),
        metric(u"Unique Devices"_s, fractionAtLeastOne(0.6, 0.95)),
    });
    return spec;
}

} // namespace

const QList<FamilySpec> &FamilySpecs::all()
{
    static const QList<FamilySpec> specs{engagement(), webPreview(), downloads(),      purchases(),
                                         preOrders(),  sessions(),   installs(),       crashesFamily(),
                                         carPlay(),    widgets(),    crashesExpanded()};
    return specs;
}

const FamilySpec *FamilySpecs::find(const QString &key)
{
    for (const FamilySpec &spec : all()) {
        if (spec.key == key)
            return &spec;
    }
    return nullptr;
}

} // namespace ascsync::sandbox
