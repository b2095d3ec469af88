#include "subscriptionsales.h"

#include "reportformat.h"
#include "rng.h"
#include "salestotals.h"
#include "stablehash.h"
#include "territories.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

namespace {
using Kind = SalesLedger::Kind;
} // namespace

SubscriptionSales::SubscriptionSales(const SalesLedger &ledger)
    : m_ledger(ledger)
{}

QList<QStringList> SubscriptionSales::subscriptionSummary(const SalesQuery &query) const
{
    QList<QStringList> rows;
    const SalesTotals::Map sums =
        SalesTotals::sum(m_ledger, query.begin, query.end, [](const SalesLedger::Cell &cell) {
            return SalesLedger::isSubscription(cell.kind) && !cell.refund;
        });
    // One row per (product, territory, device) with subscription activity; the active base is about a
    // period's worth of that day's purchases.
    std::map<quint64, qint64> activity;
    for (const auto &[key, units] : sums)
        activity[key & ~quint64(0xff)] += units;
    for (const auto &[key, units] : activity) {
        const SalesTotals::Key cellKey = SalesTotals::unpack(key | (quint64(Kind::SubscriptionRenewal) << 1));
        const SalesLedger::Cell cell = SalesTotals::cell(cellKey, units);
        const AppProfile &app = m_ledger.apps()[cell.app];
        const InAppProduct &product = app.products[cell.product];
        const Territory &territory = Territories::all()[cell.territory];
        Rng rng(StableHash(app.seed).add(u"activeSubscriptions").add(key).add(query.begin).value());
        const double active =
            double(units) * (product.periodDays >= 365 ? 110.0 : 12.0) * rng.uniform(0.9, 1.1);
        const auto part = [&](double share) { return QString::number(std::llround(active * share)); };
        rows.append({app.app.name,
                     app.app.id,
                     product.name,
                     product.appleId,
                     product.groupId,
                     product.period,
                     QString(),
                     QString(),
                     ReportFormat::money(m_ledger.customerPrice(cell)),
                     territory.customerCurrency,
                     ReportFormat::money(m_ledger.proceedsPerUnit(cell)),
                     territory.proceedsCurrency,
                     QString(),
                     QString(),
                     QString(),
                     SalesLedger::deviceNames()[cell.device],
                     QString(),
                     territory.code,
                     part(0.86),
                     part(0.1),
                     part(0.0),
                     part(0.0),
                     part(0.02),
                     part(0.0),
                     part(0.0),
                     part(0.02),
                     part(0.0),
                     part(0.0),
                     part(0.3),
                     part(0.02),
                     part(0.01),
                     part(1.0),
                     part(0.0),
                     part(0.0),
                     part(0.0)});
    }
    return rows;
}

QList<QStringList> SubscriptionSales::subscriptionEvents(const SalesQuery &query) const
{
    QList<QStringList> rows;
    const SalesTotals::Map sums =
        SalesTotals::sum(m_ledger, query.begin, query.end, [](const SalesLedger::Cell &cell) {
            return SalesLedger::isSubscription(cell.kind);
        });
    const QString eventDate = query.begin.toString(Qt::ISODate);
    for (const auto &[key, units] : sums) {
        const SalesLedger::Cell cell = SalesTotals::cell(SalesTotals::unpack(key), units);
        const AppProfile &app = m_ledger.apps()[cell.app];
        const InAppProduct &product = app.products[cell.product];
        const Territory &territory = Territories::all()[cell.territory];
        const auto row = [&](const QString &event, qint64 quantity, const QString &paidPeriods,
                             const QString &cancellation) {
            rows.append({eventDate,
                         event,
                         app.app.name,
                         app.app.id,
                         product.name,
                         product.appleId,
                         product.groupId,
                         product.period,
                         QString(),
                         QString(),
                         QString(),
                         QString(),
                         QString(),
                         QString(),
                         QString(),
                         QString(),
                         paidPeriods,
                         QString(),
                         SalesLedger::deviceNames()[cell.device],
                         QString(),
                         QString(),
                         territory.code,
                         QString(),
                         QString(),
                         QString(),
                         cancellation,
                         QString(),
                         QString::number(quantity),
                         QString()});
        };
        if (cell.refund) {
            row(u"Refund"_s, -units, QString(), QString());
        } else if (cell.kind == Kind::SubscriptionNew) {
            row(u"Subscribe"_s, units, u"1"_s, QString());
            Rng rng(StableHash(app.seed).add(u"cancellations").add(key).add(query.begin).value());
            const qint64 cancels = rng.roundRandomly(double(units) * 0.3);
            if (cancels > 0)
                row(u"Cancel"_s, cancels, QString(), u"Customer Canceled"_s);
        } else {
            row(u"Renew"_s, units, u"2"_s, QString());
        }
    }
    return rows;
}

QList<QStringList> SubscriptionSales::subscribers(const SalesQuery &query) const
{
    QList<QStringList> rows;
    const SalesTotals::Map sums =
        SalesTotals::sum(m_ledger, query.begin, query.end, [](const SalesLedger::Cell &cell) {
            return SalesLedger::isSubscription(cell.kind);
        });
    for (const auto &[key, units] : sums) {
        const SalesLedger::Cell cell = SalesTotals::cell(SalesTotals::unpack(key), units);
        const AppProfile &app = m_ledger.apps()[cell.app];
        const InAppProduct &product = app.products[cell.product];
        const Territory &territory = Territories::all()[cell.territory];
        for (qint64 unit = 0; unit < std::abs(units); ++unit) {
            const quint64 subscriber =
                StableHash(app.seed).add(u"subscriber").add(key).add(query.begin).add(quint64(unit)).value();
            const int periods = cell.kind == Kind::SubscriptionNew ? 0 : 1 + int(subscriber % 6);
            QDate purchased = query.begin.addDays(-qint64(periods) * product.periodDays);
            if (app.launchDate.isValid())
                purchased = std::max(purchased, app.launchDate);
            rows.append(
                {query.begin.toString(Qt::ISODate),
                 app.app.name,
                 app.app.id,
                 product.name,
                 product.appleId,
                 product.groupId,
                 product.period,
                 QString(),
                 QString(),
                 QString(),
                 ReportFormat::money(m_ledger.customerPrice(cell)),
                 territory.customerCurrency,
                 ReportFormat::money(m_ledger.proceedsPerUnit(cell)),
                 territory.proceedsCurrency,
                 QString(),
                 QString(),
                 QString(),
                 QString(),
                 QString(),
                 SalesLedger::deviceNames()[cell.device],
                 territory.code,
                 QString::number(100'000'000'000'000'000ULL + subscriber % 899'999'999'999'999'999ULL),
                 QString(),
                 cell.refund ? u"Yes"_s : QString(),
                 purchased.toString(Qt::ISODate),
                 cell.refund ? u"-1"_s : u"1"_s});
        }
    }
    return rows;
}

QList<QStringList> SubscriptionSales::offerCodeRedemptions(const SalesQuery &query) const
{
    QList<QStringList> rows;
    const SalesTotals::Map sums =
        SalesTotals::sum(m_ledger, query.begin, query.end, [](const SalesLedger::Cell &cell) {
            return cell.kind == Kind::SubscriptionNew && !cell.refund;
        });
    for (const auto &[key, units] : sums) {
        const SalesTotals::Key cell = SalesTotals::unpack(key);
        const AppProfile &app = m_ledger.apps()[cell.app];
        const InAppProduct &product = app.products[cell.product];
        Rng rng(StableHash(app.seed).add(u"offerCodes").add(key).add(query.begin).value());
        const qint64 redemptions = rng.roundRandomly(double(units) * 0.05);
        if (redemptions <= 0)
            continue;
        rows.append({query.begin.toString(Qt::ISODate), app.app.name, app.app.id, product.name,
                     product.appleId, product.groupId, u"Creator Code 2025"_s, u"FRIENDS2025"_s,
                     Territories::all()[cell.territory].code, SalesLedger::deviceNames()[cell.device],
                     QString::number(redemptions)});
    }
    return rows;
}

QList<QStringList> SubscriptionSales::winBackEligibility(const SalesQuery &query) const
{
    QList<QStringList> rows;
    const SalesTotals::Map sums =
        SalesTotals::sum(m_ledger, query.begin, query.end, [](const SalesLedger::Cell &cell) {
            return cell.kind == Kind::SubscriptionRenewal && !cell.refund;
        });
    std::map<quint64, qint64> byTerritory; // device folded away
    for (const auto &[key, units] : sums)
        byTerritory[key & ~(quint64(0xff) << 8)] += units;
    for (const auto &[key, units] : byTerritory) {
        const SalesTotals::Key cell = SalesTotals::unpack(key);
        const AppProfile &app = m_ledger.apps()[cell.app];
        const InAppProduct &product = app.products[cell.product];
        rows.append({query.begin.toString(Qt::ISODate), app.app.name, app.app.id, product.name,
                     product.appleId, product.groupId, Territories::all()[cell.territory].code,
                     QString::number(units * 4)});
    }
    return rows;
}

} // namespace ascsync::sandbox
