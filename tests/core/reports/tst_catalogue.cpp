// The stream catalogue: table and column names (including hostile headers), column types, partition keys and
// the Sales and Trends combinations.
#include "core/reports/columncatalogue.h"
#include "core/reports/columnnames.h"
#include "core/reports/identifierrules.h"
#include "core/reports/partitionkey.h"
#include "core/reports/salesstreams.h"
#include "core/reports/tablenames.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ascsync::reports;

namespace {

bool isSafeIdentifier(const QString &name)
{
    static const QRegularExpression safe(u"^[a-z][a-z0-9_]*$"_s);
    return safe.match(name).hasMatch() && name.toUtf8().size() <= MaxIdentifierLength;
}

} // namespace

class TestCatalogue : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void analyticsTableNames_data()
    {
        QTest::addColumn<QString>("report");
        QTest::addColumn<QString>("table");
        const auto row = [](const QString &report, const QString &table) {
            QTest::newRow(qPrintable(report)) << report << table;
        };
        row(u"App Store Discovery and Engagement Standard"_s, u"discovery_and_engagement"_s);
        row(u"App Store Discovery and Engagement Detailed"_s, u"discovery_and_engagement_detailed"_s);
        row(u"App Downloads Standard"_s, u"downloads"_s);
        row(u"App Downloads Detailed"_s, u"downloads_detailed"_s);
        row(u"App Crashes"_s, u"crashes"_s);
        row(u"App Store Pre-Orders Standard"_s, u"pre_orders"_s);
        row(u"App Store Installation and Deletion Standard"_s, u"installation_and_deletion"_s);
        row(u"App Store Installation and Deletion Detailed"_s, u"installation_and_deletion_detailed"_s);
        row(u"CarPlay App Usage"_s, u"carplay_app_usage"_s);
        row(u"App Sessions Standard"_s, u"sessions"_s);
        row(u"App Store Web Preview Engagement Detailed"_s, u"web_preview_engagement_detailed"_s);
        row(u"App Store Purchases Standard"_s, u"purchases"_s);
        row(u"App Crashes Expanded"_s, u"crashes_expanded"_s);
        row(u"App Opt In"_s, u"opt_in"_s);
        // Apple: report values are not case sensitive.
        row(u"app downloads standard"_s, u"downloads"_s);
        row(u"3D Touch Usage"_s, u"report_3d_touch_usage"_s);
    }

    void analyticsTableNames()
    {
        QFETCH(QString, report);
        QFETCH(QString, table);
        QCOMPARE(analyticsTableName(report), table);
        QVERIFY(isSafeIdentifier(table));
    }

    void unknownReportNamesAreSafeAndUnique()
    {
        QStringList names{
            u"Bluetooth LE Peripheral Usage"_s,
            u"Bluetooth LE (Peripheral) Usage"_s,
            u"Bluetooth LE: Peripheral Usage"_s,
            u"ARKit & RealityKit Usage"_s,
            u"ARKit / RealityKit Usage"_s,
            u"ARKit RealityKit Usage"_s,
            u"Home Screen Widget — Installs"_s,
            u"Home Screen Widget Installs"_s,
            u"Café Usage"_s,
            u"Cafe Usage"_s,
            u"Usage  Doubled Space"_s,
            u"Usage Doubled Space"_s,
            u"\"; DROP TABLE x; --"_s,
            u"DROP TABLE x"_s,
            u"📈"_s,
            u"📉"_s,
            QString(),
            u"App Store Standard"_s,
            u"App Store "_s,
            QString(200, u'a') + u" One"_s,
            QString(200, u'a') + u" Two"_s,
            QString(200, u'a') + u" One Detailed"_s,
        };
        for (int i = 0; i < 300; ++i) {
            names.append(u"Framework %1 Usage"_s.arg(i));
            names.append(u"Framework %1 Usage (Beta)"_s.arg(i));
        }
        QSet<QString> tables;
        for (const QString &name : std::as_const(names)) {
            const QString table = analyticsTableName(name);
            QVERIFY2(isSafeIdentifier(table), qPrintable(name + u" -> "_s + table));
            QVERIFY2(!tables.contains(table), qPrintable(u"collision on "_s + table + u" for "_s + name));
            tables.insert(table);
            QCOMPARE(analyticsTableName(name), table); // stable
        }
        QCOMPARE(analyticsTableName(u"Bluetooth LE Peripheral Usage"), u"bluetooth_le_peripheral_usage"_s);
        QVERIFY(analyticsTableName(u"Bluetooth LE (Peripheral) Usage")
                    .startsWith(u"bluetooth_le_peripheral_usage_"_s));
        QCOMPARE(analyticsTableName(QString(QString(200, u'a') + u" One"_s)).size(), MaxIdentifierLength);
    }

    void salesAndFinanceTableNames()
    {
        QCOMPARE(salesTableName(u"SALES", u"SUMMARY"), u"sales_summary"_s);
        QCOMPARE(salesTableName(u"SUBSCRIPTION_EVENT", u"SUMMARY"), u"subscription_event_summary"_s);
        QCOMPARE(salesTableName(u"SUBSCRIBER", u"DETAILED"), u"subscriber_detailed"_s);
        QCOMPARE(salesTableName(u"INSTALLS", u"SUMMARY_CHANNEL"), u"installs_summary_channel"_s);
        QCOMPARE(salesTableName(u"PRE_ORDER", u"SUMMARY"), u"pre_order_summary"_s);
        QCOMPARE(salesTableName(u"SUBSCRIPTION_OFFER_CODE_REDEMPTION", u"SUMMARY"),
                 u"subscription_offer_code_redemption_summary"_s);
        QCOMPARE(financeTableName(u"FINANCIAL"), u"financial"_s);
        QCOMPARE(financeTableName(u"FINANCE_DETAIL"), u"finance_detail"_s);
        // Every §6.1 combination gets its own safe table.
        QSet<QString> tables;
        for (const SalesStream &stream : salesStreams()) {
            const QString table = salesTableName(stream.reportType, stream.reportSubType);
            QVERIFY(isSafeIdentifier(table));
            tables.insert(table);
        }
        QCOMPARE(tables.size(), 15);
        // Not our enum values: still safe, and not confused with the real ones.
        const QString odd = salesTableName(u"SALES; DROP", u"SUMMARY");
        QVERIFY(isSafeIdentifier(odd));
        QVERIFY(odd != u"sales_drop_summary"_s);
    }

    void columnNames_data()
    {
        QTest::addColumn<QString>("header");
        QTest::addColumn<QString>("column");
        const auto row = [](const QString &header, const QString &column) {
            QTest::newRow(qPrintable(header)) << header << column;
        };
        row(u"Unique Counts"_s, u"unique_counts"_s);
        row(u"App Apple Identifier"_s, u"app_apple_identifier"_s);
        row(u"Proceeds in USD"_s, u"proceeds_in_usd"_s);
        row(u"Pre-Order"_s, u"pre_order"_s);
        row(u"ISRC/ISBN"_s, u"isrc_isbn"_s);
        row(u"Artist/Show/Developer/Author"_s, u"artist_show_developer_author"_s);
        row(u"visibleTime"_s, u"visible_time"_s);
        row(u"Date"_s, u"date"_s);
        row(u"App Name"_s, u"app_name"_s);
        row(u"Event"_s, u"event"_s);
        row(u"Download Type"_s, u"download_type"_s);
        row(u"Counts"_s, u"counts"_s);
        row(u"Label/Studio/Network/Developer/Publisher"_s, u"label_studio_network_developer_publisher"_s);
        row(u"Active Pay as You Go Introductory Offer Subscriptions"_s,
            u"active_pay_as_you_go_introductory_offer_subscriptions"_s);
        row(u"Free Trial Win-Back Offers"_s, u"free_trial_win_back_offers"_s);
        row(u"App Apple ID"_s, u"app_apple_id"_s);
        row(u"HTTPServer"_s, u"http_server"_s);
        row(u"iPad Sessions"_s, u"ipad_sessions"_s);
        row(u"Developer's Name"_s, u"developers_name"_s);
        row(u"  Spaced   Out  "_s, u"spaced_out"_s);
        row(u"Territoire Géographique"_s, u"territoire_geographique"_s);
        row(u"\"; DROP TABLE x; --"_s, u"drop_table_x"_s);
        row(u"'quoted' \"name\""_s, u"quoted_name"_s);
        row(u"a;b"_s, u"a_b"_s);
        row(u"_private"_s, u"private"_s);
        row(u"__dunder__"_s, u"dunder"_s);
        row(u"1st Day"_s, u"col_1st_day"_s);
        row(u"30-Day Retention"_s, u"col_30_day_retention"_s);
        row(u"📈 Growth"_s, u"growth"_s);
        // The hash is SHA-256: pinned so a change of hashing can never rename columns unnoticed.
        row(QString(), u"col_e3b0c442"_s);
    }

    void columnNames()
    {
        QFETCH(QString, header);
        QFETCH(QString, column);
        QCOMPARE(columnName(header), column);
        QVERIFY(isSafeIdentifier(column));
    }

    void hostileHeadersGiveSafeUniqueNames()
    {
        const QStringList headers{
            u"Date"_s,
            u"\"; DROP TABLE x; --"_s,
            u"DROP TABLE x"_s,
            u"Robert'); DROP TABLE Students;--"_s,
            u"a\"b"_s,
            u"a;b"_s,
            u"a b"_s,
            u"📈"_s,
            u"📉"_s,
            QString(),
            QString(),
            u"   "_s,
            QString(300, u'x'),
            QString(300, u'x'),
            QString(299, u'x') + u'y',
            u"Counts"_s,
            u"Counts"_s,
            u"counts"_s,
            u"COUNTS"_s,
            u"123"_s,
            u"_private"_s,
            u"private"_s,
            u"_app_id"_s,
            u"date_2"_s,
            u"日期"_s,
            u"SELECT"_s,
            u"\t\n"_s,
        };
        const QStringList names = ascsync::reports::columnNames(headers);
        QCOMPARE(names.size(), headers.size());
        QSet<QString> seen;
        for (qsizetype i = 0; i < names.size(); ++i) {
            const QString &name = names.at(i);
            QVERIFY2(isSafeIdentifier(name), qPrintable(u"%1 -> %2"_s.arg(headers.at(i), name)));
            QVERIFY(!name.startsWith(u'_'));
            QVERIFY2(!seen.contains(name), qPrintable(u"duplicate %1"_s.arg(name)));
            seen.insert(name);
        }
        QCOMPARE(names.at(15), u"counts"_s);
        QCOMPARE(names.at(16), u"counts_2"_s);
        QCOMPARE(names.at(17), u"counts_3"_s);
        QCOMPARE(names.at(18), u"counts_4"_s);
        QCOMPARE(names.at(19), u"col_123"_s);
        QCOMPARE(names.at(20), u"private"_s); // first to claim the name keeps it
        QCOMPARE(names.at(21), u"private_2"_s);
        QCOMPARE(names.at(22), u"app_id"_s); // never one of our `_` metadata columns
        QCOMPARE(names.at(23), u"date_2"_s); // its own name, not taken by a duplicate of Date
        QCOMPARE(names.at(12).size(), MaxIdentifierLength);
        QVERIFY(names.at(14) != names.at(12)); // cut names still differ through their hash
        QVERIFY(names.at(7).startsWith(u"col_"_s));
        QVERIFY(names.at(7) != names.at(8));
        QCOMPARE(ascsync::reports::columnNames(headers), names); // deterministic
    }

    void duplicateSuffixesAvoidOtherHeadersOwnNames()
    {
        const QStringList names = ascsync::reports::columnNames({u"x"_s, u"x"_s, u"x_2"_s, u"X"_s});
        QCOMPARE(names, (QStringList{u"x"_s, u"x_3"_s, u"x_2"_s, u"x_4"_s}));
    }

    void columnTypes_data()
    {
        QTest::addColumn<QString>("header");
        QTest::addColumn<ColumnType>("type");
        const auto add = [](ColumnType type, std::initializer_list<const char16_t *> headers) {
            for (const char16_t *header : headers) {
                QTest::newRow(qPrintable(QString::fromUtf16(header))) << QString::fromUtf16(header) << type;
            }
        };
        add(ColumnType::Date, {u"Date", u"Event Date", u"App Download Date", u"Pre-Order Start Date",
                               u"Pre-Order End Date", u"Begin Date", u"End Date", u"Start Date",
                               u"Transaction Date", u"Settlement Date", u"Original Start Date"});
        add(ColumnType::Decimal, {u"Counts",
                                  u"Unique Counts",
                                  u"Unique Devices",
                                  u"Sessions",
                                  u"Total Session Duration",
                                  u"Crashes",
                                  u"Purchases",
                                  u"Proceeds in USD",
                                  u"Sales in USD",
                                  u"Paying Users",
                                  u"Units",
                                  u"Developer Proceeds",
                                  u"Customer Price",
                                  u"Quantity",
                                  u"Partner Share",
                                  u"Extended Partner Share",
                                  u"Pre-Orders Placed",
                                  u"Ordered",
                                  u"Subscribers",
                                  u"visibleTime"});
        add(ColumnType::Text,
            {u"App Apple Identifier", u"Apple Identifier", u"App Apple ID", u"SKU", u"App Name", u"Territory",
             u"Download Type", u"Pre-Order", u"Product Type Identifier", u"Something Apple adds next year",
             u"Country Code"});
        // Case and spacing drift do not change the type.
        add(ColumnType::Decimal, {u"unique counts", u"UNIQUE_COUNTS", u" Counts "});
        add(ColumnType::Date, {u"event date", u"EVENT-DATE"});
    }

    void columnTypes()
    {
        QFETCH(QString, header);
        QFETCH(ColumnType, type);
        QCOMPARE(columnTypeFor(header), type);
    }

    void analyticsTablePerGranularity()
    {
        // DESIGN "One table per granularity": daily rows keep the plain name, so conversion-rate.sql never
        // sums a week into a day.
        const auto table = [](QStringView report, QStringView granularity) {
            return analyticsTableName(report, granularity);
        };
        QCOMPARE(table(u"App Downloads Standard", u"DAILY"), u"downloads"_s);
        QCOMPARE(table(u"App Downloads Standard", u"WEEKLY"), u"downloads_weekly"_s);
        QCOMPARE(table(u"App Downloads Standard", u"MONTHLY"), u"downloads_monthly"_s);
        QCOMPARE(table(u"App Store Discovery and Engagement Detailed", u"WEEKLY"),
                 u"discovery_and_engagement_detailed_weekly"_s);
        QCOMPARE(table(u"App Downloads Standard", u"daily"), u"downloads"_s); // Apple's values ignore case
        // A granularity Apple may add one day gets a table of its own too, never the daily one.
        QCOMPARE(table(u"App Downloads Standard", u"QUARTERLY"), u"downloads_quarterly"_s);
        QVERIFY(table(u"App Downloads Standard", u"X; DROP TABLE").startsWith(u"downloads_g"_s));
        // Long names stay within PostgreSQL's 63 bytes and apart from each other.
        const QString longName = u"App Store "_s + u"Very Long Report Name "_s.repeated(3) + u"Standard"_s;
        const QString longerName = longName + u" Two"_s;
        for (const QString &granularity : {u"WEEKLY"_s, u"MONTHLY"_s}) {
            const QString a = table(longName, granularity);
            const QString b = table(longerName, granularity);
            QVERIFY2(a.size() <= 63 && b.size() <= 63, qPrintable(a + u' ' + b));
            QVERIFY(a != b);
            QVERIFY(a != table(longName, u"DAILY"));
            QVERIFY(a.endsWith(u'_' + granularity.toLower()));
        }
    }

    void salesAndFinancePartitionKeys()
    {
        const PartitionKey sales = salesPartitionKey(u"SALES", u"SUMMARY");
        QCOMPARE(sales.table, u"sales_summary"_s);
        QCOMPARE(sales.fileColumns, (QStringList{u"_frequency"_s, u"_report_date"_s, u"_vendor_number"_s}));
        const PartitionKey finance = financePartitionKey(u"FINANCE_DETAIL");
        QCOMPARE(finance.table, u"finance_detail"_s);
        QCOMPARE(finance.fileColumns,
                 (QStringList{u"_region_code"_s, u"_fiscal_month"_s, u"_vendor_number"_s}));
        for (const QString &column : sales.fileColumns + finance.fileColumns) {
            QVERIFY(column.startsWith(u'_')); // never clashes with a column named from Apple's header
        }
    }

    void salesStreamCatalogue()
    {
        QCOMPARE(salesStreams().size(), 23);
        const auto daily = findSalesStream(u"SALES", u"SUMMARY", SalesFrequency::Daily);
        QVERIFY(daily.has_value());
        QCOMPARE(daily->versions, (QStringList{u"1_0"_s}));
        const auto subscriber = findSalesStream(u"subscriber", u"detailed", SalesFrequency::Daily);
        QVERIFY(subscriber.has_value());
        QCOMPARE(subscriber->versions.first(), u"1_3"_s);
        const auto installsYearly =
            findSalesStream(u"INSTALLS", u"SUMMARY_TERRITORY", SalesFrequency::Yearly);
        QVERIFY(installsYearly.has_value());
        QCOMPARE(installsYearly->versions, (QStringList{u"1_0"_s, u"1_1"_s}));
        QCOMPARE(findSalesStream(u"INSTALLS", u"DETAILED", SalesFrequency::Monthly)->versions.first(),
                 u"1_2"_s);
        QVERIFY(!findSalesStream(u"SUBSCRIPTION", u"SUMMARY", SalesFrequency::Weekly).has_value());
        QVERIFY(!findSalesStream(u"NEWSSTAND", u"DETAILED", SalesFrequency::Monthly).has_value());
        QVERIFY(!findSalesStream(u"SALES", u"DETAILED", SalesFrequency::Daily).has_value());
        QVERIFY(parseFrequency(u"weekly") == SalesFrequency::Weekly);
        QCOMPARE(frequencyName(SalesFrequency::Yearly), u"YEARLY"_s);
        QVERIFY(!parseFrequency(u"HOURLY").has_value());
    }
};

QTEST_GUILESS_MAIN(TestCatalogue)
#include "tst_catalogue.moc"
