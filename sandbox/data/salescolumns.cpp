#include "salescolumns.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

namespace {

// What a subscription report gains in a version after 1_3 (--report-versions SUBSCRIPTION=1_4): Apple's
// next layout is not documented, so the simulator appends one column, filled from `Country`, to show a
// client a new version's new column. Simulated, not Apple's.
const QString kNewerVersionColumn = QStringLiteral("Storefront Country");

bool isNewerThan13(const QString &version)
{
    static const QRegularExpression pattern(QStringLiteral("^([0-9]{1,3})_([0-9]{1,3})$"));
    const QRegularExpressionMatch match = pattern.match(version);
    if (!match.hasMatch())
        return false;
    const int major = match.captured(1).toInt();
    return major > 1 || (major == 1 && match.captured(2).toInt() > 3);
}

QStringList euInstallColumns(const QString &subType)
{
    QStringList columns = {u"Start Date"_s, u"End Date"_s, u"App Apple ID"_s, u"App Name"_s};
    if (subType == u"DETAILED")
        columns += {u"Channel"_s, u"Install Type"_s, u"Territory"_s, u"Device"_s};
    else if (subType == u"SUMMARY_CHANNEL")
        columns += u"Channel"_s;
    else if (subType == u"SUMMARY_INSTALL_TYPE")
        columns += u"Install Type"_s;
    else if (subType == u"SUMMARY_TERRITORY")
        columns += u"Territory"_s;
    columns += u"Installs"_s;
    return columns;
}

// Version 1_2 of a subscription report: the 1_3 columns without those 1_3 added, with the offer name renamed
// and moved next to the offer id.
QStringList subscriptionVersion12(const QString &reportType, const QStringList &current)
{
    QStringList columns;
    for (const QString &column : current) {
        const bool addedIn13 = column.contains(u"Offer Code"_s) || column.contains(u"Win-Back"_s) ||
                               column == u"Paid Service Days Recovered"_s;
        if (!addedIn13 && column != u"Subscription Offer Name"_s)
            columns.append(column);
    }
    const qsizetype offerId = columns.indexOf(u"Promotional Offer ID"_s);
    const qsizetype at = reportType == u"SUBSCRIPTION_EVENT"
                             ? columns.indexOf(u"Standard Subscription Duration"_s) + 1
                             : offerId;
    columns.insert(at < 0 ? columns.size() : at, u"Promotional Offer Name"_s);
    if (reportType == u"SUBSCRIPTION_EVENT") {
        columns.removeAll(u"Promotional Offer ID"_s);
        columns.insert(columns.indexOf(u"Promotional Offer Name"_s) + 1, u"Promotional Offer ID"_s);
    }
    return columns;
}

QStringList summarySalesColumns(const QString & /*reportSubType*/)
{
    // Summary Sales Report, 28 columns (API-NOTES §6.3).
    return {u"Provider"_s,
            u"Provider Country"_s,
            u"SKU"_s,
            u"Developer"_s,
            u"Title"_s,
            u"Version"_s,
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
            u"Order Type"_s};
}

QStringList preOrderColumns(const QString & /*reportSubType*/)
{
    // Documented up to "Supported Platforms"; "Category" after it is UNVERIFIED.
    return {u"Provider"_s,
            u"Provider Country"_s,
            u"SKU"_s,
            u"Developer"_s,
            u"Title"_s,
            u"Pre-Order Start Date"_s,
            u"Pre-Order End Date"_s,
            u"Ordered"_s,
            u"Canceled"_s,
            u"Cumulative Ordered"_s,
            u"Cumulative Canceled"_s,
            u"Start Date"_s,
            u"End Date"_s,
            u"Country Code"_s,
            u"Apple Identifier"_s,
            u"Device"_s,
            u"Supported Platforms"_s,
            u"Category"_s};
}

QStringList subscriptionColumns(const QString & /*reportSubType*/)
{
    // 1_3 columns as observed (API-NOTES §6.3); the expansion of its "…" groups is UNVERIFIED.
    return {u"App Name"_s,
            u"App Apple ID"_s,
            u"Subscription Name"_s,
            u"Subscription Apple ID"_s,
            u"Subscription Group ID"_s,
            u"Standard Subscription Duration"_s,
            u"Subscription Offer Name"_s,
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
            u"Active Pay As You Go Introductory Offer Subscriptions"_s,
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
            u"Pay As You Go Win-Back Offers"_s};
}

QStringList subscriptionEventColumns(const QString & /*reportSubType*/)
{
    // 1_3 columns as observed (API-NOTES §6.3).
    return {u"Event Date"_s,
            u"Event"_s,
            u"App Name"_s,
            u"App Apple ID"_s,
            u"Subscription Name"_s,
            u"Subscription Apple ID"_s,
            u"Subscription Group ID"_s,
            u"Standard Subscription Duration"_s,
            u"Subscription Offer Type"_s,
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
            u"Paid Service Days Recovered"_s};
}

QStringList subscriberColumns(const QString & /*reportSubType*/)
{
    // UNVERIFIED (API-NOTES §6.3 lists no columns for it).
    return {u"Event Date"_s,
            u"App Name"_s,
            u"App Apple ID"_s,
            u"Subscription Name"_s,
            u"Subscription Apple ID"_s,
            u"Subscription Group ID"_s,
            u"Standard Subscription Duration"_s,
            u"Subscription Offer Type"_s,
            u"Subscription Offer Duration"_s,
            u"Marketing Opt-In Duration"_s,
            u"Customer Price"_s,
            u"Customer Currency"_s,
            u"Developer Proceeds"_s,
            u"Proceeds Currency"_s,
            u"Preserved Pricing"_s,
            u"Proceeds Reason"_s,
            u"Subscription Offer Name"_s,
            u"Promotional Offer ID"_s,
            u"Client"_s,
            u"Device"_s,
            u"Country"_s,
            u"Subscriber ID"_s,
            u"Subscriber ID Reset"_s,
            u"Refund"_s,
            u"Purchase Date"_s,
            u"Units"_s};
}

QStringList offerCodeRedemptionColumns(const QString & /*reportSubType*/)
{
    // UNVERIFIED.
    return {u"Date"_s,
            u"App Name"_s,
            u"App Apple ID"_s,
            u"Subscription Name"_s,
            u"Subscription Apple ID"_s,
            u"Subscription Group ID"_s,
            u"Offer Reference Name"_s,
            u"Offer Code"_s,
            u"Territory"_s,
            u"Device"_s,
            u"Redemptions"_s};
}

QStringList firstAnnualColumns(const QString &reportSubType)
{
    // UNVERIFIED.
    if (reportSubType == u"DETAILED") {
        return {u"Start Date"_s, u"End Date"_s, u"App Apple ID"_s,         u"App Name"_s,
                u"Territory"_s,  u"Device"_s,   u"First Annual Installs"_s};
    }
    return {u"Start Date"_s, u"End Date"_s, u"App Apple ID"_s, u"App Name"_s, u"First Annual Installs"_s};
}

QStringList winBackEligibilityColumns(const QString & /*reportSubType*/)
{
    // UNVERIFIED.
    return {u"Date"_s,
            u"App Name"_s,
            u"App Apple ID"_s,
            u"Subscription Name"_s,
            u"Subscription Apple ID"_s,
            u"Subscription Group ID"_s,
            u"Territory"_s,
            u"Eligible Customers"_s};
}

} // namespace

QStringList SalesColumns::layout(const QString &reportType, const QString &reportSubType,
                                 const QString &version, bool legacySales)
{
    const QStringList current = of(reportType, reportSubType);
    if (reportType == u"SALES" && legacySales)
        return current.mid(0, current.indexOf(u"CMB"_s) + 1);
    const bool subscription =
        reportType == u"SUBSCRIPTION" || reportType == u"SUBSCRIPTION_EVENT" || reportType == u"SUBSCRIBER";
    if (subscription && version == u"1_2")
        return subscriptionVersion12(reportType, current);
    if (subscription && isNewerThan13(version))
        return current + QStringList{kNewerVersionColumn};
    return current;
}

QString SalesColumns::currentName(const QString &column)
{
    if (column == kNewerVersionColumn)
        return u"Country"_s;
    return column == u"Promotional Offer Name" ? u"Subscription Offer Name"_s : column;
}

QStringList SalesColumns::of(const QString &reportType, const QString &reportSubType)
{
    using ColumnsOf = QStringList (*)(const QString &reportSubType);
    static const QHash<QString, ColumnsOf> byType{
        {u"SALES"_s, summarySalesColumns},
        {u"PRE_ORDER"_s, preOrderColumns},
        {u"SUBSCRIPTION"_s, subscriptionColumns},
        {u"SUBSCRIPTION_EVENT"_s, subscriptionEventColumns},
        {u"SUBSCRIBER"_s, subscriberColumns},
        {u"SUBSCRIPTION_OFFER_CODE_REDEMPTION"_s, offerCodeRedemptionColumns},
        {u"INSTALLS"_s, euInstallColumns}, // UNVERIFIED
        {u"FIRST_ANNUAL"_s, firstAnnualColumns},
        {u"WIN_BACK_ELIGIBILITY"_s, winBackEligibilityColumns},
    };
    if (const auto found = byType.constFind(reportType); found != byType.constEnd())
        return (*found)(reportSubType);
    // NEWSSTAND: the simulated developer publishes no magazines, so this header is never written.
    return {u"Provider"_s, u"Title"_s, u"Units"_s};
}

} // namespace ascsync::sandbox
