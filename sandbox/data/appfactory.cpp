#include "appfactory.h"

#include "rng.h"
#include "stablehash.h"
#include "territories.h"

#include <QSet>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

namespace {

struct ProductIdea {
    const char16_t *name;
    const char16_t *suffix; // appended to the bundle id
    double usdPrice;
    InAppProduct::Kind kind;
    int periodDays;
    double dailyRate;
};

struct AppIdea {
    const char16_t *name;
    const char16_t *category;
    const char16_t *locale;
    double usdPrice;
    bool weekendHeavy;
    bool mac;
    bool appleTv;
    bool vision;
    bool carPlay;
    bool widgets;
    QList<ProductIdea> products;
};

using Kind = InAppProduct::Kind;

const QList<AppIdea> &appIdeas()
{
    static const QList<AppIdea> ideas = {
        {u"Pocket Ledger",
         u"Finance",
         u"en-US",
         0.0,
         false,
         true,
         false,
         false,
         false,
         true,
         {{u"Pro Monthly", u"pro.monthly", 4.99, Kind::AutoRenewable, 30, 0.0006},
          {u"Pro Yearly", u"pro.yearly", 39.99, Kind::AutoRenewable, 365, 0.0003},
          {u"Export Pack", u"exportpack", 2.99, Kind::NonConsumable, 0, 0.0002}}},
        {u"Drift Radio",
         u"Music",
         u"en-US",
         0.0,
         true,
         false,
         true,
         false,
         true,
         false,
         {{u"Drift Plus Monthly", u"plus.monthly", 5.99, Kind::AutoRenewable, 30, 0.0008}}},
        {u"Mosaic Notes",
         u"Productivity",
         u"de-DE",
         4.99,
         false,
         true,
         false,
         true,
         false,
         true,
         {{u"Handwriting Pack", u"handwriting", 1.99, Kind::NonConsumable, 0, 0.0004}}},
        {u"Trailmark Maps",
         u"Navigation",
         u"en-GB",
         0.0,
         true,
         false,
         false,
         false,
         true,
         false,
         {{u"Offline Region", u"offlineregion", 2.99, Kind::Consumable, 0, 0.0009},
          {u"Trailmark Premium", u"premium.yearly", 24.99, Kind::AutoRenewable, 365, 0.0002}}},
        {u"Kana Drills",
         u"Education",
         u"ja",
         2.99,
         true,
         false,
         false,
         false,
         false,
         false,
         {{u"Kanji Level 2", u"kanji2", 0.99, Kind::NonConsumable, 0, 0.0010}}},
        {u"Tide Timer",
         u"Weather",
         u"en-US",
         0.0,
         true,
         false,
         false,
         false,
         false,
         true,
         {{u"Remove Ads", u"removeads", 1.99, Kind::NonConsumable, 0, 0.0005}}},
        {u"Café Compass",
         u"Food & Drink",
         u"fr-FR",
         0.0,
         true,
         false,
         false,
         false,
         false,
         false,
         {{u"Tip Jar (Small)", u"tip.small", 0.99, Kind::Consumable, 0, 0.0003}}},
        {u"Pulse Habit",
         u"Health & Fitness",
         u"en-US",
         0.0,
         false,
         false,
         false,
         true,
         false,
         true,
         {{u"Pulse Pro Monthly", u"pro.monthly", 6.99, Kind::AutoRenewable, 30, 0.0007},
          {u"Pulse Pro Yearly", u"pro.yearly", 49.99, Kind::AutoRenewable, 365, 0.0004}}},
        {u"Lumen Reader",
         u"Books",
         u"en-US",
         0.0,
         true,
         true,
         false,
         false,
         false,
         false,
         {{u"Lumen Unlimited", u"unlimited.monthly", 9.99, Kind::AutoRenewable, 30, 0.0005},
          {u"Font Bundle", u"fonts", 2.99, Kind::NonConsumable, 0, 0.0003}}},
        {u"Fern & Frame",
         u"Photo & Video",
         u"en-US",
         1.99,
         true,
         true,
         false,
         true,
         false,
         false,
         {{u"Film Filters", u"filters.film", 2.99, Kind::NonConsumable, 0, 0.0006}}},
        {u"Orbit Podcasts",
         u"News",
         u"en-US",
         0.0,
         true,
         false,
         true,
         false,
         true,
         true,
         {{u"Orbit Supporter", u"supporter.yearly", 19.99, Kind::AutoRenewable, 365, 0.0003}}},
        {u"Parcel Pilot",
         u"Utilities",
         u"en-US",
         0.0,
         false,
         true,
         false,
         false,
         false,
         true,
         {{u"Parcel Pilot Pro", u"pro", 3.99, Kind::NonConsumable, 0, 0.0006}}},
        {u"Quiet Hours", u"Lifestyle", u"en-GB", 0.0, true, false, false, false, false, false, {}},
        {u"Skyline Weather",
         u"Weather",
         u"en-US",
         0.0,
         true,
         false,
         true,
         false,
         false,
         true,
         {{u"Skyline Premium", u"premium.monthly", 2.99, Kind::AutoRenewable, 30, 0.0006}}},
    };
    return ideas;
}

struct Studio {
    const char16_t *reverseDns;
    const char16_t *name;
};

const QList<Studio> &studios()
{
    static const QList<Studio> list = {
        {u"northwind", u"Northwind Apps Ltd."},    {u"bluepeak", u"Blue Peak Software GmbH"},
        {u"harborlight", u"Harborlight Labs LLC"}, {u"fablecraft", u"Fablecraft Studio"},
        {u"quietloop", u"Quiet Loop Inc."},        {u"tinyorbit", u"Tiny Orbit Apps"},
    };
    return list;
}

QString asciiSlug(const QString &name)
{
    QString slug;
    const QString decomposed = name.normalized(QString::NormalizationForm_D).toLower();
    for (const QChar c : decomposed) {
        if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9'))
            slug.append(c);
    }
    return slug;
}

QString skuFor(const QString &name, int year)
{
    QString initials;
    for (const QString &word : name.split(u' ', Qt::SkipEmptyParts)) {
        const QString slug = asciiSlug(word).toUpper();
        if (!slug.isEmpty())
            initials.append(slug.left(3));
    }
    return initials + u'_' + QString::number(year);
}

QString uniqueId(Rng &rng, QSet<QString> &used, qint64 low, qint64 high)
{
    for (;;) {
        const QString id = QString::number(rng.range(low, high));
        if (!used.contains(id)) {
            used.insert(id);
            return id;
        }
    }
}

QString versionLabel(int major, int minor, int patch)
{
    QString label = QString::number(major) + u'.' + QString::number(minor);
    if (patch > 0)
        label += u'.' + QString::number(patch);
    return label;
}

QList<AppRelease> releaseHistory(Rng &rng, QDate first, int firstMajor)
{
    QList<AppRelease> releases;
    int major = firstMajor;
    int minor = firstMajor == 1 ? 0 : int(rng.range(0, 6));
    int patch = 0;
    for (QDate date = first; date <= QDate(2027, 12, 31); date = date.addDays(rng.range(18, 50))) {
        releases.append({versionLabel(major, minor, patch), date});
        const double roll = rng.uniform();
        if (roll < 0.6) {
            ++patch;
        } else if (roll < 0.95) {
            ++minor;
            patch = 0;
        } else {
            ++major;
            minor = 0;
            patch = 0;
        }
    }
    return releases;
}

QList<double> territoryWeightsFor(Rng &rng, const QString &locale)
{
    QList<double> weights;
    double total = 0.0;
    for (const Territory &territory : Territories::all()) {
        double w = territory.weight * std::exp(0.3 * rng.normal());
        const QString &code = territory.code;
        if (locale == u"ja" && code == u"JP")
            w *= 6.0;
        else if (locale == u"de-DE" && (code == u"DE" || code == u"AT" || code == u"CH"))
            w *= 4.0;
        else if (locale == u"fr-FR" && (code == u"FR" || code == u"BE" || code == u"CA"))
            w *= 3.0;
        else if (locale == u"en-GB" && code == u"GB")
            w *= 2.5;
        weights.append(w);
        total += w;
    }
    for (double &w : weights)
        w /= total;
    return weights;
}

// Where an app stands in the simulated account: the first is old and big, the second launches with a
// pre-order, the last (of three or more) is tiny.
struct AppRole {
    bool big = false;
    bool preOrder = false;
    bool tiny = false;
};

// The app ideas in the seed's order, each used once before any is used again.
QList<int> shuffledIdeas(Rng &rng)
{
    QList<int> order;
    for (int i = 0; i < appIdeas().size(); ++i)
        order.append(i);
    for (qsizetype i = order.size() - 1; i > 0; --i) // Fisher-Yates with our own generator
        std::swap(order[i], order[rng.range(0, i)]);
    return order;
}

// Names, bundle id and locale; `round` > 0 when there are more apps than ideas: "Pocket Ledger 2".
void nameApp(AppProfile &p, const AppIdea &idea, const Studio &studio, int round)
{
    p.studio = QString::fromUtf16(studio.reverseDns);
    p.developerName = QString::fromUtf16(studio.name);
    p.category = QString::fromUtf16(idea.category);
    p.app.name = QString::fromUtf16(idea.name) + (round > 0 ? u' ' + QString::number(round + 1) : QString());
    p.app.bundleId = u"com."_s + p.studio + u'.' + asciiSlug(p.app.name);
    p.app.primaryLocale = QString::fromUtf16(idea.locale);
}

QString appIdFor(Rng &rng, QSet<QString> &usedIds, const AppRole &role)
{
    if (role.big)
        return uniqueId(rng, usedIds, 300'000'000, 999'999'999); // an old app: 9 digits
    if (role.preOrder)
        return uniqueId(rng, usedIds, 6'400'000'000, 6'799'999'999);
    return uniqueId(rng, usedIds, 1'000'000'000, 1'699'999'999);
}

// How many people see, download and use the app, and how that moves over the year.
void setTraffic(AppProfile &p, Rng &rng, const AppIdea &idea, const AppRole &role, int index,
                double trafficScale)
{
    // Unique impressions per day: one big app, then each about an order of magnitude smaller.
    if (role.big)
        p.scale = 100'000.0 * std::exp(0.15 * rng.normal());
    else if (role.tiny)
        p.scale = 22.0 * std::exp(0.1 * rng.normal());
    else
        p.scale = 60'000.0 * std::pow(0.12, index) * std::exp(0.25 * rng.normal());
    if (!role.tiny)
        p.scale *= trafficScale; // the tiny app stays tiny: it exists to have days under 5 users
    p.conversion = rng.uniform(0.025, 0.065);
    p.pageViewRate = rng.uniform(0.12, 0.3);
    p.usageRatio = rng.uniform(0.6, 2.5);
    p.sessionsPerDevice = rng.uniform(1.4, 4.0);
    p.sessionSeconds = rng.uniform(60.0, 600.0);
    p.crashRate = rng.uniform(0.001, 0.008);
    p.growthPerYear = rng.uniform(-0.1, 0.6);
    p.seasonPeakDay = double(rng.range(1, 365));
    p.weekendHeavy = idea.weekendHeavy;
    if (role.tiny) {
        // Around five users on weekdays and fewer at weekends: Apple then skips the app-usage reports
        // (API-NOTES §5.4), so clients meet Dates that are simply absent.
        p.usageRatio = 5.5 / p.scale; // ~5.9 active devices on weekdays, ~4.1 at weekends
        p.growthPerYear = 0.0;
        p.weekendHeavy = false;
    }
}

void setStoreFacts(AppProfile &p, const AppIdea &idea, const AppRole &role)
{
    p.usdPrice = idea.usdPrice;
    p.commission = role.big ? 0.3 : 0.15;
    p.onMac = idea.mac;
    p.onAppleTv = idea.appleTv;
    p.onVision = idea.vision;
    p.carPlay = idea.carPlay;
    p.widgets = idea.widgets;
}

// Launch, releases and the SKU that names the first year.
void setHistory(AppProfile &p, Rng &rng, const AppRole &role)
{
    int firstYear = 2016 + int(rng.range(0, 6));
    if (role.preOrder) {
        // An absolute calendar date, so the launch does not move as the simulated days pass.
        p.launchDate = QDate(2024, 9, 2).addDays(rng.range(0, 300));
        p.preOrderStart = p.launchDate.addDays(-40);
        p.releases = releaseHistory(rng, p.launchDate, 1);
        firstYear = p.launchDate.year();
    } else {
        p.releases = releaseHistory(rng, QDate(2023, 3, 1).addDays(rng.range(0, 40)), int(rng.range(2, 6)));
    }
    p.app.sku = skuFor(p.app.name, firstYear);
}

void addProducts(AppProfile &p, Rng &rng, QSet<QString> &usedIds, const AppIdea &idea, quint64 seed)
{
    for (const ProductIdea &productIdea : idea.products) {
        InAppProduct product;
        product.name = QString::fromUtf16(productIdea.name);
        product.productId = p.app.bundleId + u'.' + QString::fromUtf16(productIdea.suffix);
        product.appleId = uniqueId(rng, usedIds, 1'400'000'000, 6'799'999'999);
        product.usdPrice = productIdea.usdPrice;
        product.kind = productIdea.kind;
        product.periodDays = productIdea.periodDays;
        product.period = productIdea.periodDays == 365
                             ? u"1 Year"_s
                             : (productIdea.periodDays > 0 ? u"1 Month"_s : QString());
        product.dailyRate = productIdea.dailyRate;
        if (product.kind == Kind::AutoRenewable)
            product.groupId =
                QString::number(20'000'000 + (StableHash(seed).add(p.app.bundleId).value() % 9'000'000));
        p.products.append(product);
    }
}

} // namespace

QString AppFactory::vendorNumberFor(quint64 seed)
{
    Rng rng(StableHash(seed).add(u"vendorNumber").value());
    return QString::number(rng.range(80'000'000, 93'999'999));
}

QList<AppProfile> AppFactory::create(quint64 seed, int count, double trafficScale)
{
    // The generator's calls keep one order (ideas, studio, then per app: id, traffic, history, products,
    // territories): a seed gives the same account in every version of the simulator.
    Rng rng(StableHash(seed).add(u"apps").value());
    const QList<int> order = shuffledIdeas(rng);
    const Studio &studio = studios()[rng.range(0, studios().size() - 1)];
    QSet<QString> usedIds;
    QList<AppProfile> apps;
    for (int i = 0; i < count; ++i) {
        const AppIdea &idea = appIdeas()[order[i % order.size()]];
        const AppRole role{i == 0, i == 1, count >= 3 && i == count - 1};
        AppProfile p;
        p.index = i;
        p.seed = seed;
        nameApp(p, idea, studio, i / int(order.size()));
        p.app.id = appIdFor(rng, usedIds, role);
        setTraffic(p, rng, idea, role, i, trafficScale);
        setStoreFacts(p, idea, role);
        setHistory(p, rng, role);
        addProducts(p, rng, usedIds, idea, seed);
        p.territoryWeights = territoryWeightsFor(rng, p.app.primaryLocale);
        apps.append(std::move(p));
    }
    return apps;
}

} // namespace ascsync::sandbox
