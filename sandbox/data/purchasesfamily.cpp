#include "data/purchasesfamily.h"

#include "data/rng.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

PurchasesFamily::PurchasesFamily(const AppProfile &app)
    : FamilyModel(app)
{
    addDateColumn();
    addAppNameColumn();
    addAppIdColumn();
    addDimension(u"Purchase Type"_s);
    addDimension(u"Content Name"_s);
    addDimension(u"Content Apple Identifier"_s);
    addDimension(u"Payment Method"_s);
    addDimension(u"Device"_s);
    addDimension(u"Platform Version"_s);
    addDimension(u"Source Type"_s);
    addDimension(u"Source Info"_s, true);
    addDimension(u"Campaign"_s, true);
    addDimension(u"Page Type"_s);
    addDimension(u"Page Title"_s, true);
    addDimension(u"App Download Date"_s);
    addDimension(u"Pre-Order"_s);
    addDimension(u"Territory"_s);
    addMetric(u"Purchases"_s, MetricKind::Count);
    addMetric(u"Proceeds in USD"_s, MetricKind::Money);
    addMetric(u"Sales in USD"_s, MetricKind::Money);
    addMetric(u"Paying Users"_s, MetricKind::Count, true);

    m_appPurchase = id(u"App purchase"_s);
    m_inApp = id(u"In-app purchases"_s);
    m_yes = id(u"Yes"_s);
    m_no = id(u"No"_s);
    m_appContent = id(m_app.app.name);
    m_contentAppleId.insert(m_appContent, id(m_app.app.id));
    m_contentPrice.insert(m_appContent, m_app.usdPrice);
    for (const InAppProduct &product : m_app.products) {
        const qint32 name = id(product.name);
        m_inAppContents.push_back({name, product.dailyRate});
        m_contentAppleId.insert(name, id(product.appleId));
        m_contentPrice.insert(name, product.usdPrice);
    }
    m_paymentMethods = weighted({{u"Credit or Debit Card"_s, 0.62},
                                 {u"Apple Account Balance"_s, 0.2},
                                 {u"PayPal"_s, 0.12},
                                 {u"Carrier Billing"_s, 0.06}});
}

double PurchasesFamily::inAppPurchases(QDate date) const
{
    double rate = 0.0;
    for (const InAppProduct &product : m_app.products)
        rate += product.dailyRate * (product.kind == InAppProduct::Kind::AutoRenewable ? 2.0 : 1.0);
    return m_app.activeDevices(date) * rate;
}

double PurchasesFamily::expectedVolume(QDate date) const
{
    const double paid =
        m_app.usdPrice > 0.0 ? m_app.firstTimeDownloads(date) + m_app.preOrderDeliveries(date) : 0.0;
    return paid + inAppPurchases(date);
}

void PurchasesFamily::prepareDay(DayContext &day) const
{
    const double deliveries = m_app.preOrderDeliveries(day.date);
    const double total = deliveries + m_app.firstTimeDownloads(day.date);
    day.scalars[0] = total > 0.0 ? deliveries / total : 0.0;
}

void PurchasesFamily::rootChoices(const DayContext &day, std::vector<Choice> &out) const
{
    if (m_app.usdPrice > 0.0)
        out.push_back(
            {m_appPurchase, m_app.firstTimeDownloads(day.date) + m_app.preOrderDeliveries(day.date)});
    if (!m_inAppContents.empty())
        out.push_back({m_inApp, inAppPurchases(day.date)});
}

const std::vector<Choice> &PurchasesFamily::choices(int level, const AnalyticsRow &row, const DayContext &day,
                                                    std::vector<Choice> &scratch) const
{
    const bool appPurchase = row.dims[PurchaseType] == m_appPurchase;
    switch (level) {
    case ContentName:
        return appPurchase ? single(m_appContent, scratch) : m_inAppContents;
    case ContentId:
        return single(m_contentAppleId.value(row.dims[ContentName]), scratch);
    case PaymentMethod:
        return m_paymentMethods;
    case Device:
        return day.devices;
    case Platform:
        return platforms(row.dims[Device], day);
    case SourceType:
        return sourceTypes();
    case SourceInfo:
        return sourceInfos(row.dims[SourceType]);
    case Campaign:
        return campaignsFor(row.dims[SourceType], day);
    case PageType:
        return pageTypes(PageMix::Attribution);
    case PageTitle:
        return pageTitles(row.dims[PageType]);
    case AppDownloadDate:
        return appPurchase ? day.recentDownloadDates : day.olderDownloadDates;
    case PreOrder:
        if (appPurchase && day.scalars[0] > 0.0) {
            scratch = {{m_yes, day.scalars[0]}, {m_no, 1.0 - day.scalars[0]}};
            return scratch;
        }
        return single(m_no, scratch);
    case Territory:
        return territories();
    default:
        return single(0, scratch);
    }
}

void PurchasesFamily::fillMetrics(AnalyticsRow &row, qint64 volume, const DayContext &, Rng &rng) const
{
    const double price = m_contentPrice.value(row.dims[ContentName]);
    const double sign = rng.chance(0.02) ? -1.0 : 1.0; // a refund
    const double purchases = double(volume);
    row.metrics[Purchases] = sign * purchases;
    row.metrics[Sales] = sign * std::round(purchases * price * 100.0) / 100.0;
    row.metrics[Proceeds] = sign * std::round(purchases * price * (1.0 - m_app.commission) * 100.0) / 100.0;
    row.metrics[PayingUsers] = double(std::max<qint64>(1, std::llround(purchases * rng.uniform(0.85, 1.0))));
}

void PurchasesFamily::addNoise(AnalyticsRow &row, Rng &rng) const
{
    // One draw for the whole row, so amounts stay consistent with the purchase count.
    const double noise = double(std::lround(2.0 * rng.normal()));
    const double magnitude = std::abs(row.metrics[Purchases]);
    const double noisy = std::max(0.0, magnitude + noise);
    const double ratio = magnitude > 0.0 ? noisy / magnitude : 0.0;
    row.metrics[Purchases] = std::copysign(noisy, row.metrics[Purchases]);
    row.metrics[Sales] = std::round(row.metrics[Sales] * ratio * 100.0) / 100.0;
    row.metrics[Proceeds] = std::round(row.metrics[Proceeds] * ratio * 100.0) / 100.0;
    row.metrics[PayingUsers] = std::max(0.0, row.metrics[PayingUsers] + noise);
}

} // namespace ascsync::sandbox
