#include "columncatalogue.h"

#include "columnnames.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace ascsync::reports {

namespace {

// Keyed by columnName() of the documented header. Only types other than Text need an entry, but the
// identifiers are listed too so that nobody "fixes" them into numbers later.
const QHash<QString, ColumnType> &catalogue()
{
    static const QHash<QString, ColumnType> types = [] {
        QHash<QString, ColumnType> t;
        const auto add = [&t](ColumnType type, std::initializer_list<QStringView> headers) {
            for (const QStringView header : headers) {
                t.insert(columnName(header), type);
            }
        };
        // Analytics (§5.6), sales (§6.3) and finance (§7.3) dates; sales and finance write MM/DD/YYYY.
        add(ColumnType::Date, {u"Date", u"Event Date", u"App Download Date", u"Pre-Order Start Date",
                               u"Pre-Order End Date", u"Begin Date", u"End Date", u"Start Date",
                               u"Transaction Date", u"Settlement Date", u"Original Start Date"});
        // Analytics measures (§5.6), including the CarPlay framework report's.
        add(ColumnType::Decimal,
            {u"Counts", u"Unique Counts", u"Unique Devices", u"Sessions", u"Total Session Duration",
             u"Crashes", u"Purchases", u"Proceeds in USD", u"Sales in USD", u"Paying Users",
             u"Pre-Orders Placed", u"Pre-Orders Canceled", u"Count", u"Dashboard Visible Time",
             u"Playback Time", u"Siri Presentation Count", u"visibleTime"});
        // Sales and Trends measures (§6.3): summary sales, pre-orders, subscriptions, subscription events.
        add(ColumnType::Decimal, {u"Units",
                                  u"Developer Proceeds",
                                  u"Customer Price",
                                  u"Ordered",
                                  u"Canceled",
                                  u"Cumulative Ordered",
                                  u"Cumulative Canceled",
                                  u"Active Standard Price Subscriptions",
                                  u"Active Free Trial Introductory Offer Subscriptions",
                                  u"Active Pay Up Front Introductory Offer Subscriptions",
                                  u"Active Pay as You Go Introductory Offer Subscriptions",
                                  u"Free Trial Promotional Offer Subscriptions",
                                  u"Pay Up Front Promotional Offer Subscriptions",
                                  u"Pay As You Go Promotional Offer Subscriptions",
                                  u"Free Trial Offer Code Subscriptions",
                                  u"Pay Up Front Offer Code Subscriptions",
                                  u"Pay As You Go Offer Code Subscriptions",
                                  u"Free Trial Win-Back Offers",
                                  u"Pay Up Front Win-Back Offers",
                                  u"Pay As You Go Win-Back Offers",
                                  u"Marketing Opt-Ins",
                                  u"Billing Retry",
                                  u"Grace Period",
                                  u"Subscribers",
                                  u"Consecutive Paid Periods",
                                  u"Days Before Canceling",
                                  u"Days Canceled",
                                  u"Quantity",
                                  u"Paid Service Days Recovered"});
        // Finance measures (§7.3).
        add(ColumnType::Decimal, {u"Partner Share", u"Extended Partner Share"});
        // Identifiers and codes: text on purpose.
        add(ColumnType::Text, {u"App Apple Identifier",
                               u"Apple Identifier",
                               u"App Apple ID",
                               u"Content Apple Identifier",
                               u"Subscription Apple ID",
                               u"Subscription Identifier",
                               u"Subscription Group ID",
                               u"Subscription Group Identifier",
                               u"Previous Subscription Apple ID",
                               u"Previous Subscription Identifier",
                               u"Promotional Offer ID",
                               u"Offer ID",
                               u"Parent Identifier",
                               u"Vendor Identifier",
                               u"SKU",
                               u"UPC",
                               u"ISRC/ISBN",
                               u"ISAN/Other Identifier",
                               u"Grid",
                               u"Product Type Identifier",
                               u"Promo Code",
                               u"Version",
                               u"App Version",
                               u"Build"});
        return t;
    }();
    return types;
}

} // namespace

ColumnType columnTypeFor(QStringView header)
{
    return catalogue().value(columnName(header), ColumnType::Text);
}

} // namespace ascsync::reports
