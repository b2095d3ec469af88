#include "dictionaryglossary.h"

#include "columnnames.h"
#include "partitionkey.h"

#include <QHash>

#include <initializer_list>
#include <utility>

using namespace Qt::StringLiterals;

namespace ascsync::reports {

namespace {

using Entries = std::initializer_list<std::pair<QStringView, QStringView>>;

void addAll(QHash<QString, QString> &into, Entries entries)
{
    for (const auto &[header, meaning] : entries) {
        into.insert(columnName(header), meaning.toString());
    }
}

// Columns of the analytics reports (API-NOTES §5.6).
void addAnalytics(QHash<QString, QString> &g)
{
    addAll(
        g,
        {
            {u"Date",
             u"The day the row counts; in weekly and monthly tables the first day (a Monday, or the 1st) "
             u"of the period."},
            {u"App Name", u"The app's name in App Store Connect."},
            {u"App Apple Identifier",
             u"Apple's numeric ID of the app, kept as text (an identifier, not a quantity)."},
            {u"Event", u"What happened; the values depend on the report."},
            {u"Page Type",
             u"The kind of App Store page involved: product page, store sheet, in-app event, developer "
             u"page, version history, privacy details, media view, notification, or none."},
            {u"Page Title", u"The name of the page, e.g. which custom product page (Detailed reports only)."},
            {u"Source Type",
             u"How the person reached the app: App Store search or browse, another app, a web site, "
             u"an App Clip, a notification, or unavailable."},
            {u"Source Info", u"The referrer behind the source type, such as the referring app or web domain "
                             u"(Detailed reports only)."},
            {u"Campaign",
             u"The campaign token of the link that led to the App Store, if any (Detailed reports only; "
             u"filled from 19 November 2024 on)."},
            {u"Engagement Type",
             u"What the person did on the page: get, update, redownload, open, set or remove an "
             u"in-app event reminder, tap a notification, or share."},
            {u"Device", u"The device family (iPhone, iPad, Mac, Apple TV, Apple Vision ...)."},
            {u"Platform Version", u"Operating system and version of the device; iPads report as iOS."},
            {u"Territory", u"The App Store country or region."},
            {u"Counts", u"How many times it happened. Detailed reports add a little privacy noise."},
            {u"Unique Counts", u"How many distinct people did it."},
            {u"Download Type",
             u"First-time download, redownload, manual update, automatic update, or restore."},
            {u"App Version", u"The app version concerned."},
            {u"Pre-Order", u"Whether the download or purchase came from a pre-order."},
            {u"App Download Date",
             u"When the person downloaded the app, filled only when that was in the previous "
             u"30 days."},
            {u"Unique Devices", u"How many distinct devices; not additive across rows."},
            {u"Sessions", u"How many times the app was used (opted-in users only)."},
            {u"Total Session Duration", u"Total time of those sessions, in seconds."},
            {u"Crashes", u"How many times the app crashed (opted-in users only)."},
            {u"Purchase Type", u"Whether the app itself or an in-app purchase was bought."},
            {u"Content Name", u"The name of the app or in-app purchase bought."},
            {u"Content Apple Identifier", u"Apple's ID of the item bought."},
            {u"Payment Method", u"How the buyer paid."},
            {u"Purchases", u"Number of purchases; refunds count negative."},
            {u"Proceeds in USD", u"What the developer earns from these purchases, in US dollars."},
            {u"Sales in USD", u"What customers paid, in US dollars."},
            {u"Paying Users", u"Distinct people who paid; do not add this up across rows."},
            {u"Pre-Order Start Date", u"The first day the app could be pre-ordered."},
            {u"Pre-Order End Date", u"The last day of the pre-order period (the release)."},
            {u"Pre-Orders Placed", u"Pre-orders made."},
            {u"Pre-Orders Canceled", u"Pre-orders withdrawn."},
            {u"Browser", u"The web browser showing the App Store page."},
            {u"Browser Version", u"That browser's version."},
        });
}

// Subscription analytics reports (API-NOTES §5.6) and the CarPlay framework report.
void addSubscriptionAnalytics(QHash<QString, QString> &g)
{
    addAll(
        g,
        {
            {u"State Metric",
             u"Which subscription state is counted (active, in a free trial, in billing retry ...)."},
            {u"State Metric Grouping", u"The group the state metric belongs to."},
            {u"Subscription Name", u"The subscription's reference name."},
            {u"Subscription Identifier", u"Apple's ID of the subscription."},
            {u"Subscription Duration", u"Length of one subscription period."},
            {u"Billing Frequency", u"How often the subscriber is charged."},
            {u"Billing Period", u"Which billing period of the subscription the row concerns."},
            {u"Subscription Group", u"The subscription group's name."},
            {u"Subscription Group Identifier", u"Apple's ID of the subscription group."},
            {u"Offer Type",
             u"Kind of offer in effect (introductory, promotional, offer code, win-back), if any."},
            {u"Offer Name", u"The offer's reference name."},
            {u"Offer ID", u"The offer's identifier."},
            {u"Vanity Code", u"The custom offer code redeemed, if any."},
            {u"Offer Pricing", u"How the offer is priced (free, pay up front, pay as you go)."},
            {u"Offer Duration", u"How long the offer lasts."},
            {u"Family Sharing", u"Whether the subscription is used through Family Sharing."},
            {u"Cancellation Reason", u"Why the subscription ended or will end, when known."},
            {u"App Download Source Type",
             u"How the subscriber originally reached the app (see source_type)."},
            {u"App Download Source Info", u"The referrer of that original download (Detailed reports only)."},
            {u"Original Purchase Device", u"The device family of the first purchase."},
            {u"Event Date", u"The day the subscription event happened (this report's date column)."},
            {u"Event Sub Type",
             u"The precise subscription event (start, renewal, upgrade, cancellation ...)."},
            {u"Event Grouping", u"The broader group of the event."},
            {u"Plan Change Type", u"Upgrade, downgrade or crossgrade, for plan changes."},
            {u"Previous Subscription Name", u"The subscription held before a plan change."},
            {u"Previous Subscription Identifier", u"Apple's ID of that previous subscription."},
            {u"Paid Service Days Recovered", u"Paid days won back by recovering a subscription from billing "
                                             u"problems."},
            {u"Count", u"How many times it happened."},
            {u"Platform", u"The platform the app ran on."},
            {u"Build", u"The app build."},
            {u"Release Type", u"Whether the build is a release or a test build."},
            {u"Dashboard Visible Time", u"Time the app was visible on the CarPlay dashboard."},
            {u"Playback Time", u"Time of media playback through CarPlay."},
            {u"Siri Presentation Count", u"How often Siri presented the app."},
            {u"visibleTime", u"Time the app was visible (late data may arrive up to 8 days after the date)."},
        });
}

// Sales and Trends columns (API-NOTES §6.3).
void addSales(QHash<QString, QString> &g)
{
    addAll(
        g,
        {
            {u"Provider", u"The service provider, normally APPLE."},
            {u"Provider Country", u"The provider's country code."},
            {u"SKU", u"The product's SKU as the developer set it."},
            {u"Developer", u"The developer's or seller's name."},
            {u"Title", u"The product's name."},
            {u"Version", u"The app version."},
            {u"Product Type Identifier",
             u"Apple's code for what was sold: e.g. 1, 1F ... first downloads, 3/3F "
             u"redownloads, 7/7F updates, IA1, IA9, IAY ... in-app purchases."},
            {u"Units", u"Units sold or downloaded; negative for returns."},
            {u"Developer Proceeds", u"What the developer earns per unit, in the proceeds currency."},
            {u"Begin Date", u"First day the row covers (Apple writes MM/DD/YYYY)."},
            {u"End Date", u"Last day the row covers."},
            {u"Start Date", u"First day the row or fiscal period covers."},
            {u"Customer Currency", u"The currency the customer paid in."},
            {u"Country Code", u"The storefront's two-letter country code."},
            {u"Currency of Proceeds", u"The currency of the developer's proceeds."},
            {u"Apple Identifier", u"Apple's ID of the product (app or in-app purchase)."},
            {u"Customer Price", u"The price the customer paid per unit, taxes included where they apply."},
            {u"Promo Code", u"The promotional code or offer used, if any."},
            {u"Parent Identifier", u"For an in-app purchase: the SKU of the app it belongs to."},
            {u"Subscription", u"For subscriptions: new or renewal."},
            {u"Period", u"The subscription period bought."},
            {u"Category", u"The app's category."},
            {u"CMB", u"Whether a campus or business volume purchase was involved."},
            {u"Supported Platforms", u"The platforms the product runs on."},
            {u"Proceeds Reason", u"Why proceeds differ from the usual rate (e.g. after a year of service)."},
            {u"Preserved Pricing", u"Whether a subscriber keeps an older price."},
            {u"Client", u"Which client or store the sale came through."},
            {u"Order Type", u"Pre-order or regular order, or the kind of transaction."},
            {u"Ordered", u"Pre-orders placed in the period."},
            {u"Canceled", u"Pre-orders canceled in the period."},
            {u"Cumulative Ordered", u"Pre-orders placed since the pre-order opened."},
            {u"Cumulative Canceled", u"Pre-orders canceled since the pre-order opened."},
        });
}

// Subscription Sales and Trends reports (API-NOTES §6.3, version 1_3).
void addSubscriptionSales(QHash<QString, QString> &g)
{
    addAll(
        g,
        {
            {u"App Apple ID", u"Apple's numeric ID of the app."},
            {u"Subscription Apple ID", u"Apple's ID of the subscription."},
            {u"Subscription Group ID", u"Apple's ID of the subscription group."},
            {u"Standard Subscription Duration", u"The subscription's regular period."},
            {u"Subscription Offer Name", u"The offer's reference name, if an offer applies."},
            {u"Promotional Offer ID", u"The promotional offer's identifier."},
            {u"Proceeds Currency", u"The currency of the developer's proceeds."},
            {u"State", u"The subscriber's state or province, where Apple reports one."},
            {u"Country", u"The subscriber's country or region."},
            {u"Active Standard Price Subscriptions", u"Subscriptions paying the standard price."},
            {u"Active Free Trial Introductory Offer Subscriptions",
             u"Subscriptions in an introductory free trial."},
            {u"Active Pay Up Front Introductory Offer Subscriptions",
             u"Subscriptions in a pay-up-front introductory offer."},
            {u"Active Pay as You Go Introductory Offer Subscriptions",
             u"Subscriptions in a pay-as-you-go introductory offer."},
            {u"Free Trial Promotional Offer Subscriptions", u"Subscriptions in a free promotional offer."},
            {u"Pay Up Front Promotional Offer Subscriptions",
             u"Subscriptions in a pay-up-front promotional offer."},
            {u"Pay As You Go Promotional Offer Subscriptions",
             u"Subscriptions in a pay-as-you-go promotional offer."},
            {u"Free Trial Offer Code Subscriptions", u"Subscriptions in a free offer-code offer."},
            {u"Pay Up Front Offer Code Subscriptions", u"Subscriptions in a pay-up-front offer-code offer."},
            {u"Pay As You Go Offer Code Subscriptions",
             u"Subscriptions in a pay-as-you-go offer-code offer."},
            {u"Free Trial Win-Back Offers", u"Subscriptions in a free win-back offer."},
            {u"Pay Up Front Win-Back Offers", u"Subscriptions in a pay-up-front win-back offer."},
            {u"Pay As You Go Win-Back Offers", u"Subscriptions in a pay-as-you-go win-back offer."},
            {u"Marketing Opt-Ins", u"Subscribers who agreed to share their contact for marketing."},
            {u"Billing Retry", u"Subscriptions Apple is still trying to charge."},
            {u"Grace Period", u"Subscriptions kept active during a billing grace period."},
            {u"Subscribers", u"Distinct subscribers."},
            {u"Subscription Offer Type", u"Kind of offer at the time of the event."},
            {u"Subscription Offer Duration", u"Length of that offer."},
            {u"Marketing Opt-In", u"Whether the subscriber agreed to marketing contact."},
            {u"Marketing Opt-In Duration", u"The period that opt-in covers."},
            {u"Consecutive Paid Periods", u"Paid periods in a row so far."},
            {u"Original Start Date", u"The day the subscription first started."},
            {u"Previous Subscription Apple ID", u"Apple's ID of the subscription held before a plan change."},
            {u"Days Before Canceling", u"Days between the start and the cancellation."},
            {u"Days Canceled", u"Days since the cancellation."},
            {u"Quantity", u"How many events or units the row counts."},
        });
}

// Finance columns (API-NOTES §7.3).
void addFinance(QHash<QString, QString> &g)
{
    addAll(g, {
                  {u"UPC", u"Universal product code, for media products."},
                  {u"ISRC/ISBN", u"Recording or book code, for media products."},
                  {u"Vendor Identifier", u"The product's SKU as the developer set it."},
                  {u"Partner Share", u"The developer's share per unit, in the partner share currency."},
                  {u"Extended Partner Share",
                   u"The developer's share for all units of the row (quantity times share)."},
                  {u"Partner Share Currency", u"The currency Apple pays the share in."},
                  {u"Sales or Return", u"S for a sale, R for a return."},
                  {u"Sale or Return", u"S for a sale, R for a return."},
                  {u"Artist/Show/Developer/Author", u"The developer or creator's name."},
                  {u"Label/Studio/Network/Developer/Publisher", u"The seller or publisher's name."},
                  {u"Grid", u"Global release identifier, for media products."},
                  {u"ISAN/Other Identifier", u"Audiovisual or other product code, for media products."},
                  {u"Country Of Sale", u"The storefront's country or region."},
                  {u"Pre-order Flag", u"Whether the sale was a pre-order."},
                  {u"Transaction Date", u"The day the customer bought."},
                  {u"Settlement Date", u"The day Apple settled the transaction."},
                  {u"Developer Name", u"The developer's name."},
                  {u"Region", u"The financial region the row is paid in."},
              });
}

const QHash<QString, QString> &glossary()
{
    static const QHash<QString, QString> entries = [] {
        QHash<QString, QString> g;
        addAnalytics(g);
        addSubscriptionAnalytics(g);
        addSales(g);
        addSubscriptionSales(g);
        addFinance(g);
        return g;
    }();
    return entries;
}

} // namespace

QString glossaryMeaning(QStringView column)
{
    return glossary().value(column.toString());
}

QString bookkeepingColumnMeaning(QStringView column)
{
    static const QHash<QString, QString> own = {
        {u"_instance"_s,
         u"The analytics instance the row was loaded from: _ascsync_instances.instance_key (Apple's "
         u"instance id, app, processing date ... are stored there once)."_s},
        {QString(metadata::Frequency), u"The period the file covers: DAILY, WEEKLY, MONTHLY or YEARLY."_s},
        {QString(metadata::ReportDate),
         u"The report date asked from Apple: YYYY-MM-DD for a day (for a week its Sunday), YYYY-MM, YYYY."_s},
        {QString(metadata::VendorNumber), u"The vendor number (the account) the file was requested for."_s},
        {u"_version"_s, u"The report format version requested from Apple (e.g. 1_0, 1_3)."_s},
        {QString(metadata::RegionCode),
         u"The finance region asked for: ZZ all regions in one file, Z1 the detailed report, or one region."_s},
        {QString(metadata::FiscalMonth), u"Apple's fiscal month of the report, YYYY-MM."_s},
        {QString(metadata::LoadedAt), u"When ascsync loaded the file (UTC, ISO 8601)."_s},
    };
    return own.value(column.toString());
}

} // namespace ascsync::reports
