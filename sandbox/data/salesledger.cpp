#include "salesledger.h"

#include "rng.h"
#include "stablehash.h"
#include "territories.h"

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

namespace {

// Draws `units` over weighted buckets: one draw per unit when few, random rounding of shares otherwise.
void distribute(Rng &rng, qint64 units, const QList<double> &weights, QList<qint64> &counts)
{
    counts.fill(0, weights.size());
    double total = 0.0;
    for (const double w : weights)
        total += w;
    if (units <= 0 || !(total > 0.0))
        return;
    if (units < weights.size()) {
        for (qint64 unit = 0; unit < units; ++unit) {
            double pick = rng.uniform() * total;
            qsizetype k = 0;
            while (k + 1 < weights.size() && pick >= weights[k]) {
                pick -= weights[k];
                ++k;
            }
            ++counts[k];
        }
        return;
    }
    for (qsizetype k = 0; k < weights.size(); ++k)
        counts[k] = rng.roundRandomly(double(units) * weights[k] / total);
}

} // namespace

SalesLedger::SalesLedger(const QList<AppProfile> &apps, quint64 seed, QDate historyStart)
    : m_apps(apps)
    , m_seed(seed)
    , m_historyStart(historyStart)
{}

const QStringList &SalesLedger::deviceNames()
{
    static const QStringList names = {u"iPhone"_s, u"iPad"_s, u"Desktop"_s, u"Apple TV"_s,
                                      u"Apple Vision Pro"_s};
    return names;
}

bool SalesLedger::hasSales(QDate date) const
{
    if (!date.isValid() || date < m_historyStart)
        return false;
    Rng rng(StableHash(m_seed).add(u"noSalesDay").add(date).value());
    return !rng.chance(0.03);
}

void SalesLedger::split(QDate date, int app, int product, Kind kind, bool refund, double expected,
                        std::vector<Cell> &out) const
{
    Rng rng(StableHash(m_seed)
                .add(u"sales")
                .add(quint64(app))
                .add(quint64(product + 1))
                .add(quint64(kind))
                .add(quint64(refund))
                .add(date)
                .value());
    const qint64 units = rng.roundRandomly(expected);
    if (units <= 0)
        return;
    const AppProfile &profile = m_apps[app];
    QList<qint64> byTerritory;
    distribute(rng, units, profile.territoryWeights, byTerritory);
    QList<double> deviceWeights = profile.deviceWeights(); // same order as deviceNames()
    if (date < QDate(2024, 2, 2))
        deviceWeights[4] = 0.0; // Apple Vision Pro went on sale on 2024-02-02
    QList<qint64> byDevice;
    for (qsizetype t = 0; t < byTerritory.size(); ++t) {
        if (byTerritory[t] <= 0)
            continue;
        distribute(rng, byTerritory[t], deviceWeights, byDevice);
        for (qsizetype device = 0; device < byDevice.size(); ++device) {
            if (byDevice[device] > 0)
                out.push_back({app, product, int(t), int(device), kind, refund,
                               refund ? -byDevice[device] : byDevice[device]});
        }
    }
}

void SalesLedger::day(QDate date, std::vector<Cell> &out) const
{
    if (!hasSales(date))
        return;
    for (int app = 0; app < m_apps.size(); ++app) {
        const AppProfile &p = m_apps[app];
        const double placed = p.preOrdersPlaced(date);
        if (placed > 0.0) {
            split(date, app, -1, Kind::PreOrder, false, placed, out);
            split(date, app, -1, Kind::PreOrderCancel, false, placed * 0.08, out);
        }
        if (!p.launched(date))
            continue;
        const double firstTime = p.firstTimeDownloads(date) + p.preOrderDeliveries(date);
        split(date, app, -1, Kind::FirstTime, false, firstTime, out);
        if (p.usdPrice > 0.0)
            split(date, app, -1, Kind::FirstTime, true, firstTime * 0.015, out);
        split(date, app, -1, Kind::Redownload, false, firstTime * 0.35, out);
        split(date, app, -1, Kind::Update, false, p.autoUpdates(date) * 1.12, out);
        const double devices = p.activeDevices(date);
        for (int product = 0; product < p.products.size(); ++product) {
            const InAppProduct &item = p.products[product];
            const double purchases = devices * item.dailyRate;
            if (item.kind == InAppProduct::Kind::AutoRenewable) {
                split(date, app, product, Kind::SubscriptionNew, false, purchases, out);
                const double renewals = purchases * (item.periodDays >= 365 ? 0.8 : 2.5);
                split(date, app, product, Kind::SubscriptionRenewal, false, renewals, out);
                split(date, app, product, Kind::SubscriptionRenewal, true, renewals * 0.01, out);
            } else {
                split(date, app, product, Kind::InAppPurchase, false, purchases, out);
                split(date, app, product, Kind::InAppPurchase, true, purchases * 0.02, out);
            }
        }
    }
}

double SalesLedger::customerPrice(const Cell &cell) const
{
    const AppProfile &p = m_apps[cell.app];
    const Territory &territory = Territories::all()[cell.territory];
    switch (cell.kind) {
    case Kind::FirstTime:
    case Kind::PreOrder:
    case Kind::PreOrderCancel:
        return Territories::localPrice(territory, p.usdPrice);
    case Kind::InAppPurchase:
    case Kind::SubscriptionNew:
    case Kind::SubscriptionRenewal:
        return Territories::localPrice(territory, p.products[cell.product].usdPrice);
    case Kind::Redownload:
    case Kind::Update:
        return 0.0;
    }
    return 0.0;
}

double SalesLedger::proceedsPerUnit(const Cell &cell) const
{
    const Territory &territory = Territories::all()[cell.territory];
    double commission = m_apps[cell.app].commission;
    // Subscriptions renewed after a year earn the reduced rate ("Rate After One Year"); modelled for yearly
    // ones.
    if (cell.kind == Kind::SubscriptionRenewal && m_apps[cell.app].products[cell.product].periodDays >= 365)
        commission = 0.15;
    return Territories::proceeds(territory, customerPrice(cell), commission);
}

bool SalesLedger::isRevenue(const Cell &cell) const
{
    return cell.kind != Kind::PreOrder && cell.kind != Kind::PreOrderCancel && isPaid(cell);
}

QString SalesLedger::productTypeIdentifier(const Cell &cell)
{
    const bool desktop = cell.device == 2;
    switch (cell.kind) {
    case Kind::FirstTime:
    case Kind::PreOrder:
    case Kind::PreOrderCancel:
        return desktop ? u"F1"_s : u"1F"_s;
    case Kind::Redownload:
        return u"3F"_s; // UNVERIFIED for Mac redownloads
    case Kind::Update:
        return desktop ? u"F7"_s : u"7F"_s;
    case Kind::InAppPurchase:
        return desktop ? u"FI1"_s : u"IA1"_s;
    case Kind::SubscriptionNew:
    case Kind::SubscriptionRenewal:
        return u"IAY"_s;
    }
    return {};
}

QString SalesLedger::supportedPlatform(int device)
{
    static const QStringList platforms = {u"iOS"_s, u"iOS"_s, u"macOS"_s, u"tvOS"_s, u"visionOS"_s};
    return platforms.value(device);
}

} // namespace ascsync::sandbox
