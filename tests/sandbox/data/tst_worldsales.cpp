// The simulator's Sales and Trends reports (GET /v1/salesReports): API-NOTES §6 tuples, dates, availability,
// Apple's error kinds, and the files themselves.

#include "tsvfile.h"

#include "sandbox/data/world.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace ascsync::sandbox;

namespace {

const QDate kToday(2025, 6, 20); // a Friday

WorldOptions salesWorld(QDate today = kToday)
{
    WorldOptions options;
    options.seed = 1;
    options.appCount = 3;
    options.today = today;
    options.historyStart = QDate(2024, 1, 1);
    return options;
}

struct Tuple {
    const char16_t *type;
    const char16_t *subType;
    const char16_t *frequency;
    QStringList versions;
};

// API-NOTES §6.1, copied independently of the simulator's table.
const QList<Tuple> &validTuples()
{
    static const QList<Tuple> tuples = {
        {u"SALES", u"SUMMARY", u"DAILY", {u"1_0"_s}},
        {u"SALES", u"SUMMARY", u"WEEKLY", {u"1_0"_s}},
        {u"SALES", u"SUMMARY", u"MONTHLY", {u"1_0"_s}},
        {u"SALES", u"SUMMARY", u"YEARLY", {u"1_0"_s}},
        {u"PRE_ORDER", u"SUMMARY", u"DAILY", {u"1_0"_s}},
        {u"PRE_ORDER", u"SUMMARY", u"WEEKLY", {u"1_0"_s}},
        {u"PRE_ORDER", u"SUMMARY", u"MONTHLY", {u"1_0"_s}},
        {u"PRE_ORDER", u"SUMMARY", u"YEARLY", {u"1_0"_s}},
        {u"NEWSSTAND", u"DETAILED", u"DAILY", {u"1_0"_s}},
        {u"NEWSSTAND", u"DETAILED", u"WEEKLY", {u"1_0"_s}},
        {u"SUBSCRIPTION", u"SUMMARY", u"DAILY", {u"1_3"_s}},
        {u"SUBSCRIPTION_EVENT", u"SUMMARY", u"DAILY", {u"1_3"_s}},
        {u"SUBSCRIBER", u"DETAILED", u"DAILY", {u"1_3"_s}},
        {u"SUBSCRIPTION_OFFER_CODE_REDEMPTION", u"SUMMARY", u"DAILY", {u"1_0"_s}},
        {u"INSTALLS", u"SUMMARY", u"MONTHLY", {u"1_2"_s}},
        {u"INSTALLS", u"DETAILED", u"MONTHLY", {u"1_2"_s}},
        {u"INSTALLS", u"SUMMARY_CHANNEL", u"YEARLY", {u"1_0"_s, u"1_1"_s}},
        {u"INSTALLS", u"SUMMARY_INSTALL_TYPE", u"YEARLY", {u"1_0"_s, u"1_1"_s}},
        {u"INSTALLS", u"SUMMARY_TERRITORY", u"YEARLY", {u"1_0"_s, u"1_1"_s}},
        {u"INSTALLS", u"DETAILED", u"YEARLY", {u"1_0"_s, u"1_1"_s}},
        {u"FIRST_ANNUAL", u"DETAILED", u"DAILY", {u"1_0"_s}},
        {u"FIRST_ANNUAL", u"SUMMARY", u"YEARLY", {u"1_0"_s}},
        {u"WIN_BACK_ELIGIBILITY", u"SUMMARY", u"DAILY", {u"1_0"_s}},
    };
    return tuples;
}

// A reportDate that is out and within retention for each frequency (§6.2 formats).
QString availableDate(const QString &frequency)
{
    if (frequency == u"DAILY")
        return kToday.addDays(-2).toString(Qt::ISODate);
    if (frequency == u"WEEKLY")
        return u"2025-06-15"_s; // the Sunday ending last week
    if (frequency == u"MONTHLY")
        return u"2025-05"_s;
    return u"2024"_s;
}

QMap<QString, QString> filters(const QString &type, const QString &subType, const QString &frequency,
                               const QString &date, const QString &vendor)
{
    QMap<QString, QString> map;
    map.insert(u"reportType"_s, type);
    map.insert(u"reportSubType"_s, subType);
    map.insert(u"frequency"_s, frequency);
    if (!date.isEmpty())
        map.insert(u"reportDate"_s, date);
    map.insert(u"vendorNumber"_s, vendor);
    return map;
}

QString kindName(FileResult::Kind kind)
{
    switch (kind) {
    case FileResult::Kind::Ok:
        return u"Ok"_s;
    case FileResult::Kind::BadRequest:
        return u"BadRequest"_s;
    case FileResult::Kind::NoSales:
        return u"NoSales"_s;
    case FileResult::Kind::NotYetAvailable:
        return u"NotYetAvailable"_s;
    case FileResult::Kind::Gone:
        return u"Gone"_s;
    }
    return {};
}

const QString kNotYet =
    u"Report is not available yet. Daily reports for the Americas are available by 5 am Pacific "
    u"Time; Japan, Australia, and New Zealand by 5 am Japan Standard Time; and 5 am Central "
    u"European Time for all other territories."_s;
const QString kNoSales = u"There were no sales for the date specified."_s;

} // namespace

class TstWorldSales : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyValidTupleIsAccepted_data();
    void everyValidTupleIsAccepted();
    void invalidCombinationsAreRejected_data();
    void invalidCombinationsAreRejected();
    void missingFiltersAreNamed();
    void foreignVendorNumberIsRejected();
    void reportDateFormats_data();
    void reportDateFormats();
    void availabilityAndRetention_data();
    void availabilityAndRetention();
    void monthlyReportsFiveDaysAfterMonthEnd();
    void noSalesDays();
    void omittedDateMeansLatestAvailable();
    void preOrderReportsDuringThePreOrderPeriod();
    void salesSummaryColumnsAndValues();
    void salesAgreeWithAnalyticsDownloads();
    void weeklyIsTheSumOfItsDays();
    void sameOptionsSameBytes();
    void emptyFieldsAreASingleSpace_data();
    void emptyFieldsAreASingleSpace();
    void adjustmentRowsHaveNoUnits();
    void oldSalesPeriodsHaveTheOlderLayout();
    void subscriptionVersionsHaveTheirOwnLayouts();
    void movedVersionRetiresTheOthers();
    void wrongPeriodFaultDatesTheFileWithThePreviousPeriod();

private:
    FileResult sales(const QString &type, const QString &subType, const QString &frequency,
                     const QString &date = {}) const;
    std::unique_ptr<World> m_world;
};

FileResult TstWorldSales::sales(const QString &type, const QString &subType, const QString &frequency,
                                const QString &date) const
{
    return m_world->salesReport(filters(type, subType, frequency, date, m_world->vendorNumber()));
}

void TstWorldSales::initTestCase()
{
    m_world = std::make_unique<World>(salesWorld());
}

void TstWorldSales::everyValidTupleIsAccepted_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("subType");
    QTest::addColumn<QString>("frequency");
    QTest::addColumn<QString>("version");
    for (const Tuple &tuple : validTuples()) {
        const QString name = QString::fromUtf16(tuple.type) + u'/' + QString::fromUtf16(tuple.subType) +
                             u'/' + QString::fromUtf16(tuple.frequency);
        QTest::addRow("%s default", qPrintable(name))
            << QString::fromUtf16(tuple.type) << QString::fromUtf16(tuple.subType)
            << QString::fromUtf16(tuple.frequency) << QString();
        for (const QString &version : tuple.versions) {
            QTest::addRow("%s %s", qPrintable(name), qPrintable(version))
                << QString::fromUtf16(tuple.type) << QString::fromUtf16(tuple.subType)
                << QString::fromUtf16(tuple.frequency) << version;
        }
    }
}

void TstWorldSales::everyValidTupleIsAccepted()
{
    QFETCH(QString, type);
    QFETCH(QString, subType);
    QFETCH(QString, frequency);
    QFETCH(QString, version);
    QMap<QString, QString> map =
        filters(type, subType, frequency, availableDate(frequency), m_world->vendorNumber());
    if (!version.isEmpty())
        map.insert(u"version"_s, version);
    const FileResult result = m_world->salesReport(map);
    if (type == u"PRE_ORDER" && frequency != u"YEARLY") {
        // The only pre-order period was in 2024; see preOrderReportsDuringThePreOrderPeriod.
        QCOMPARE(kindName(result.kind), u"NoSales"_s);
        return;
    }
    if (type == u"NEWSSTAND") {
        // The simulated developer sells no magazines: a valid request without sales.
        QCOMPARE(kindName(result.kind), u"NoSales"_s);
        QCOMPARE(result.detail, kNoSales);
        return;
    }
    QCOMPARE(kindName(result.kind), u"Ok"_s);
    const TsvFile file = TsvFile::parse(result.gzip);
    QVERIFY(file.ok);
    QVERIFY(file.header.size() >= 5);
    QVERIFY(!file.rows.isEmpty());
    for (const QStringList &row : file.rows)
        QCOMPARE(row.size(), file.header.size());
}

void TstWorldSales::invalidCombinationsAreRejected_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("subType");
    QTest::addColumn<QString>("frequency");
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("parameter");
    QTest::newRow("SALES DETAILED") << u"SALES"_s << u"DETAILED"_s << u"DAILY"_s << QString()
                                    << u"filter[reportSubType]"_s;
    QTest::newRow("SALES 1_1") << u"SALES"_s << u"SUMMARY"_s << u"DAILY"_s << u"1_1"_s
                               << u"filter[version]"_s;
    QTest::newRow("SALES 1_3") << u"SALES"_s << u"SUMMARY"_s << u"DAILY"_s << u"1_3"_s
                               << u"filter[version]"_s;
    QTest::newRow("SUBSCRIPTION WEEKLY")
        << u"SUBSCRIPTION"_s << u"SUMMARY"_s << u"WEEKLY"_s << QString() << u"filter[frequency]"_s;
    QTest::newRow("SUBSCRIPTION 1_2")
        << u"SUBSCRIPTION"_s << u"SUMMARY"_s << u"DAILY"_s << u"1_2"_s << u"filter[version]"_s;
    QTest::newRow("SUBSCRIBER SUMMARY")
        << u"SUBSCRIBER"_s << u"SUMMARY"_s << u"DAILY"_s << QString() << u"filter[reportSubType]"_s;
    QTest::newRow("NEWSSTAND MONTHLY")
        << u"NEWSSTAND"_s << u"DETAILED"_s << u"MONTHLY"_s << QString() << u"filter[frequency]"_s;
    QTest::newRow("NEWSSTAND SUMMARY")
        << u"NEWSSTAND"_s << u"SUMMARY"_s << u"DAILY"_s << QString() << u"filter[reportSubType]"_s;
    QTest::newRow("INSTALLS SUMMARY YEARLY")
        << u"INSTALLS"_s << u"SUMMARY"_s << u"YEARLY"_s << QString() << u"filter[frequency]"_s;
    QTest::newRow("INSTALLS CHANNEL MONTHLY")
        << u"INSTALLS"_s << u"SUMMARY_CHANNEL"_s << u"MONTHLY"_s << QString() << u"filter[frequency]"_s;
    QTest::newRow("INSTALLS MONTHLY 1_0")
        << u"INSTALLS"_s << u"DETAILED"_s << u"MONTHLY"_s << u"1_0"_s << u"filter[version]"_s;
    QTest::newRow("INSTALLS YEARLY 1_2")
        << u"INSTALLS"_s << u"DETAILED"_s << u"YEARLY"_s << u"1_2"_s << u"filter[version]"_s;
    QTest::newRow("FIRST_ANNUAL SUMMARY DAILY")
        << u"FIRST_ANNUAL"_s << u"SUMMARY"_s << u"DAILY"_s << QString() << u"filter[frequency]"_s;
    QTest::newRow("FIRST_ANNUAL DETAILED YEARLY")
        << u"FIRST_ANNUAL"_s << u"DETAILED"_s << u"YEARLY"_s << QString() << u"filter[frequency]"_s;
    QTest::newRow("WIN_BACK DETAILED") << u"WIN_BACK_ELIGIBILITY"_s << u"DETAILED"_s << u"DAILY"_s
                                       << QString() << u"filter[reportSubType]"_s;
    QTest::newRow("PRE_ORDER DETAILED")
        << u"PRE_ORDER"_s << u"DETAILED"_s << u"DAILY"_s << QString() << u"filter[reportSubType]"_s;
    QTest::newRow("unknown type") << u"DOWNLOADS"_s << u"SUMMARY"_s << u"DAILY"_s << QString()
                                  << u"filter[reportType]"_s;
    QTest::newRow("unknown sub-type")
        << u"SALES"_s << u"OVERVIEW"_s << u"DAILY"_s << QString() << u"filter[reportSubType]"_s;
    QTest::newRow("lower-case frequency")
        << u"SALES"_s << u"SUMMARY"_s << u"daily"_s << QString() << u"filter[frequency]"_s;
    QTest::newRow("unknown version") << u"SALES"_s << u"SUMMARY"_s << u"DAILY"_s << u"latest"_s
                                     << u"filter[version]"_s;
}

void TstWorldSales::invalidCombinationsAreRejected()
{
    QFETCH(QString, type);
    QFETCH(QString, subType);
    QFETCH(QString, frequency);
    QFETCH(QString, version);
    QFETCH(QString, parameter);
    QMap<QString, QString> map = filters(type, subType, frequency, QString(), m_world->vendorNumber());
    if (!version.isEmpty())
        map.insert(u"version"_s, version);
    const FileResult result = m_world->salesReport(map);
    QCOMPARE(kindName(result.kind), u"BadRequest"_s);
    QCOMPARE(result.parameter, parameter);
    QVERIFY(!result.detail.isEmpty());
    QVERIFY(result.gzip.isEmpty());
}

void TstWorldSales::missingFiltersAreNamed()
{
    for (const QString &key : {u"vendorNumber"_s, u"reportType"_s, u"reportSubType"_s, u"frequency"_s}) {
        QMap<QString, QString> map =
            filters(u"SALES"_s, u"SUMMARY"_s, u"DAILY"_s, QString(), m_world->vendorNumber());
        map.remove(key);
        const FileResult result = m_world->salesReport(map);
        QCOMPARE(kindName(result.kind), u"BadRequest"_s);
        QCOMPARE(result.parameter, u"filter["_s + key + u']');
        QVERIFY(result.detail.contains(key));
    }
}

void TstWorldSales::foreignVendorNumberIsRejected()
{
    const FileResult result = m_world->salesReport(
        filters(u"SALES"_s, u"SUMMARY"_s, u"DAILY"_s, availableDate(u"DAILY"_s), u"12345678"_s));
    QCOMPARE(kindName(result.kind), u"BadRequest"_s);
    QCOMPARE(result.parameter, u"filter[vendorNumber]"_s);
}

void TstWorldSales::reportDateFormats_data()
{
    QTest::addColumn<QString>("frequency");
    QTest::addColumn<QString>("date");
    QTest::addColumn<bool>("valid");
    QTest::newRow("daily ISO") << u"DAILY"_s << u"2025-06-18"_s << true;
    QTest::newRow("daily slashes") << u"DAILY"_s << u"2025/06/18"_s << false;
    QTest::newRow("daily compact") << u"DAILY"_s << u"20250618"_s << false;
    QTest::newRow("daily month only") << u"DAILY"_s << u"2025-06"_s << false;
    QTest::newRow("daily impossible") << u"DAILY"_s << u"2025-02-30"_s << false;
    QTest::newRow("weekly Sunday") << u"WEEKLY"_s << u"2025-06-15"_s << true;
    QTest::newRow("weekly Monday") << u"WEEKLY"_s << u"2025-06-09"_s << false;
    QTest::newRow("monthly") << u"MONTHLY"_s << u"2025-05"_s << true;
    QTest::newRow("monthly full date") << u"MONTHLY"_s << u"2025-05-01"_s << false;
    QTest::newRow("monthly 13") << u"MONTHLY"_s << u"2025-13"_s << false;
    QTest::newRow("yearly") << u"YEARLY"_s << u"2024"_s << true;
    QTest::newRow("yearly two digits") << u"YEARLY"_s << u"24"_s << false;
    QTest::newRow("yearly with month") << u"YEARLY"_s << u"2024-01"_s << false;
}

void TstWorldSales::reportDateFormats()
{
    QFETCH(QString, frequency);
    QFETCH(QString, date);
    QFETCH(bool, valid);
    const FileResult result = sales(u"SALES"_s, u"SUMMARY"_s, frequency, date);
    if (valid) {
        QVERIFY2(result.kind == FileResult::Kind::Ok || result.kind == FileResult::Kind::NoSales,
                 qPrintable(kindName(result.kind) + u' ' + result.detail));
    } else {
        QCOMPARE(kindName(result.kind), u"BadRequest"_s);
        QCOMPARE(result.parameter, u"filter[reportDate]"_s);
    }
}

void TstWorldSales::availabilityAndRetention_data()
{
    QTest::addColumn<QString>("frequency");
    QTest::addColumn<QString>("date");
    QTest::addColumn<QString>("kind");
    // today is Friday 2025-06-20
    QTest::newRow("daily today") << u"DAILY"_s << u"2025-06-20"_s << u"NotYetAvailable"_s;
    QTest::newRow("daily future") << u"DAILY"_s << u"2025-07-01"_s << u"NotYetAvailable"_s;
    QTest::newRow("daily one year") << u"DAILY"_s << u"2024-06-21"_s << u"Ok"_s;
    QTest::newRow("daily past retention") << u"DAILY"_s << u"2024-06-10"_s << u"Gone"_s;
    QTest::newRow("weekly ending Sunday 06-15") << u"WEEKLY"_s << u"2025-06-15"_s << u"Ok"_s;
    QTest::newRow("weekly ending Sunday 06-22") << u"WEEKLY"_s << u"2025-06-22"_s << u"NotYetAvailable"_s;
    QTest::newRow("weekly past retention") << u"WEEKLY"_s << u"2024-05-26"_s << u"Gone"_s;
    QTest::newRow("monthly May") << u"MONTHLY"_s << u"2025-05"_s << u"Ok"_s;
    QTest::newRow("monthly June") << u"MONTHLY"_s << u"2025-06"_s << u"NotYetAvailable"_s;
    QTest::newRow("monthly past retention") << u"MONTHLY"_s << u"2024-04"_s << u"Gone"_s;
    QTest::newRow("yearly 2024") << u"YEARLY"_s << u"2024"_s << u"Ok"_s;
    QTest::newRow("yearly 2025") << u"YEARLY"_s << u"2025"_s << u"NotYetAvailable"_s;
    QTest::newRow("yearly kept ten years, no sales then") << u"YEARLY"_s << u"2016"_s << u"NoSales"_s;
    QTest::newRow("yearly past ten years") << u"YEARLY"_s << u"2014"_s << u"Gone"_s;
}

void TstWorldSales::availabilityAndRetention()
{
    QFETCH(QString, frequency);
    QFETCH(QString, date);
    QFETCH(QString, kind);
    const FileResult result = sales(u"SALES"_s, u"SUMMARY"_s, frequency, date);
    QCOMPARE(kindName(result.kind), kind);
    if (kind == u"NotYetAvailable")
        QCOMPARE(result.detail, kNotYet);
    if (kind == u"NoSales")
        QCOMPARE(result.detail, kNoSales);
    if (kind == u"Gone")
        QVERIFY(result.detail.contains(u"no longer available"_s));
    QCOMPARE(result.gzip.isEmpty(), kind != u"Ok");
}

void TstWorldSales::monthlyReportsFiveDaysAfterMonthEnd()
{
    const QMap<QString, QString> may =
        filters(u"SALES"_s, u"SUMMARY"_s, u"MONTHLY"_s, u"2025-05"_s, QString());
    const World june4(salesWorld(QDate(2025, 6, 4)));
    const World june5(salesWorld(QDate(2025, 6, 5)));
    QMap<QString, QString> withVendor = may;
    withVendor.insert(u"vendorNumber"_s, june4.vendorNumber());
    QCOMPARE(kindName(june4.salesReport(withVendor).kind), u"NotYetAvailable"_s);
    QCOMPARE(kindName(june5.salesReport(withVendor).kind), u"Ok"_s);
    // Yearly: six days after the year ends.
    const World january5(salesWorld(QDate(2025, 1, 5)));
    const World january6(salesWorld(QDate(2025, 1, 6)));
    const QMap<QString, QString> year =
        filters(u"SALES"_s, u"SUMMARY"_s, u"YEARLY"_s, u"2024"_s, january5.vendorNumber());
    QCOMPARE(kindName(january5.salesReport(year).kind), u"NotYetAvailable"_s);
    QCOMPARE(kindName(january6.salesReport(year).kind), u"Ok"_s);
}

void TstWorldSales::noSalesDays()
{
    // Before the account's history: a valid date without sales.
    WorldOptions options = salesWorld();
    options.historyStart = QDate(2025, 1, 1);
    const World young(options);
    const FileResult before = young.salesReport(
        filters(u"SALES"_s, u"SUMMARY"_s, u"DAILY"_s, u"2024-12-30"_s, young.vendorNumber()));
    QCOMPARE(kindName(before.kind), u"NoSales"_s);
    QCOMPARE(before.detail, kNoSales);

    // About 3 % of days sell nothing at all; those answer NoSales for every report type.
    int silentDays = 0;
    int checked = 0;
    for (QDate date = kToday.addDays(-120); date < kToday.addDays(-1); date = date.addDays(1)) {
        const FileResult result = sales(u"SALES"_s, u"SUMMARY"_s, u"DAILY"_s, date.toString(Qt::ISODate));
        QVERIFY(result.kind == FileResult::Kind::Ok || result.kind == FileResult::Kind::NoSales);
        ++checked;
        if (result.kind == FileResult::Kind::NoSales) {
            ++silentDays;
            QCOMPARE(result.detail, kNoSales);
            QCOMPARE(
                kindName(sales(u"SUBSCRIPTION"_s, u"SUMMARY"_s, u"DAILY"_s, date.toString(Qt::ISODate)).kind),
                u"NoSales"_s);
        }
    }
    QVERIFY2(silentDays >= 1 && silentDays <= checked / 10, qPrintable(QString::number(silentDays)));
    // Nobody pre-ordered anything in May 2025.
    const FileResult preOrders = sales(u"PRE_ORDER"_s, u"SUMMARY"_s, u"MONTHLY"_s, u"2025-05"_s);
    QCOMPARE(kindName(preOrders.kind), u"NoSales"_s);
}

void TstWorldSales::omittedDateMeansLatestAvailable()
{
    const auto beginOf = [](const FileResult &result) {
        const TsvFile file = TsvFile::parse(result.gzip);
        return file.rows.isEmpty() ? QString() : file.rows.first()[file.column(u"Begin Date"_s)];
    };
    const FileResult daily = sales(u"SALES"_s, u"SUMMARY"_s, u"DAILY"_s);
    if (daily.kind == FileResult::Kind::Ok)
        QCOMPARE(beginOf(daily), u"06/19/2025"_s);
    else
        QCOMPARE(kindName(daily.kind), u"NoSales"_s);
    QCOMPARE(beginOf(sales(u"SALES"_s, u"SUMMARY"_s, u"WEEKLY"_s)), u"06/09/2025"_s);
    QCOMPARE(beginOf(sales(u"SALES"_s, u"SUMMARY"_s, u"MONTHLY"_s)), u"05/01/2025"_s);
    QCOMPARE(beginOf(sales(u"SALES"_s, u"SUMMARY"_s, u"YEARLY"_s)), u"01/01/2024"_s);
}

void TstWorldSales::preOrderReportsDuringThePreOrderPeriod()
{
    // App 1 was offered for pre-order during 2024; the analytics Pre-Orders report tells when.
    const SimApp &app = m_world->apps()[1];
    const QString report = u"App Store Pre-Orders Standard"_s;
    WorldOptions options = salesWorld();
    const World history(options);
    const QList<InstanceSpec> snapshot =
        history.instances(app.id, report, AccessType::OneTimeSnapshot, kToday);
    QVERIFY(!snapshot.isEmpty());
    const TsvFile analytics = TsvFile::parse(history.segments(app.id, report, snapshot.first()).first().gzip);
    const QDate start = QDate::fromString(analytics.values(u"Pre-Order Start Date"_s).value(0), Qt::ISODate);
    const QDate end = QDate::fromString(analytics.values(u"Pre-Order End Date"_s).value(0), Qt::ISODate);
    QVERIFY(start.isValid() && end > start.addDays(14));

    // A simulated day a few days after the pre-order period ended.
    options.today = end.addDays(10);
    const World during(options);
    const QDate day = start.addDays(7);
    QDate sunday = day;
    while (sunday.dayOfWeek() != Qt::Sunday)
        sunday = sunday.addDays(1);
    const QList<std::pair<QString, QString>> requests = {{u"DAILY"_s, day.toString(Qt::ISODate)},
                                                         {u"WEEKLY"_s, sunday.toString(Qt::ISODate)}};
    for (const auto &[frequency, date] : requests) {
        const FileResult result =
            during.salesReport(filters(u"PRE_ORDER"_s, u"SUMMARY"_s, frequency, date, during.vendorNumber()));
        QCOMPARE(kindName(result.kind), u"Ok"_s);
        const TsvFile file = TsvFile::parse(result.gzip);
        QCOMPARE(
            file.header.mid(0, 13),
            (QStringList{u"Provider"_s, u"Provider Country"_s, u"SKU"_s, u"Developer"_s, u"Title"_s,
                         u"Pre-Order Start Date"_s, u"Pre-Order End Date"_s, u"Ordered"_s, u"Canceled"_s,
                         u"Cumulative Ordered"_s, u"Cumulative Canceled"_s, u"Start Date"_s, u"End Date"_s}));
        for (const QStringList &row : file.rows) {
            QCOMPARE(row[file.column(u"Title"_s)], app.name);
            QCOMPARE(row[file.column(u"Pre-Order Start Date"_s)], start.toString(u"MM/dd/yyyy"_s));
            QVERIFY(row[file.column(u"Cumulative Ordered"_s)].toLongLong() >=
                    row[file.column(u"Ordered"_s)].toLongLong());
        }
    }
}

void TstWorldSales::salesSummaryColumnsAndValues()
{
    const QStringList expected = {u"Provider"_s,
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
    const FileResult result = sales(u"SALES"_s, u"SUMMARY"_s, u"WEEKLY"_s, u"2025-06-15"_s);
    QCOMPARE(kindName(result.kind), u"Ok"_s);
    const TsvFile file = TsvFile::parse(result.gzip);
    QVERIFY(file.ok);
    QCOMPARE(file.header, expected);
    QCOMPARE(file.header.size(), 28);

    QMap<QString, QString> appNames; // Apple ID -> name
    for (const SimApp &app : m_world->apps())
        appNames.insert(app.id, app.name);
    const QSet<QString> productTypes = {u"1F"_s, u"3F"_s,  u"7F"_s,  u"F1"_s,
                                        u"F7"_s, u"IA1"_s, u"FI1"_s, u"IAY"_s};
    static const QRegularExpression decimal(u"^\\d+\\.\\d{2}$"_s);
    QSet<QString> seenTypes;
    for (const QStringList &row : file.rows) {
        QCOMPARE(row[file.column(u"Begin Date"_s)], u"06/09/2025"_s);
        QCOMPARE(row[file.column(u"End Date"_s)], u"06/15/2025"_s);
        const QString type = row[file.column(u"Product Type Identifier"_s)];
        QVERIFY2(productTypes.contains(type), qPrintable(type));
        seenTypes.insert(type);
        const bool adjustment = row[file.column(u"Units"_s)] == u"0";
        QVERIFY(decimal.match(row[file.column(u"Developer Proceeds"_s)]).hasMatch());
        QVERIFY(decimal.match(row[file.column(u"Customer Price"_s)].mid(adjustment ? 1 : 0)).hasMatch());
        QCOMPARE(row[file.column(u"Country Code"_s)].size(), 2);
        QCOMPARE(row[file.column(u"Customer Currency"_s)].size(), 3);
        const QString appleId = row[file.column(u"Apple Identifier"_s)];
        if (appNames.contains(appleId)) {
            QCOMPARE(row[file.column(u"Title"_s)], appNames.value(appleId)); // the app row: Title = app name
            QCOMPARE(row[file.column(u"Parent Identifier"_s)], u" "_s);      // Apple's placeholder
        } else {
            QVERIFY(type.startsWith(u"IA") || type == u"FI1"); // an in-app product of one of the apps
            QVERIFY(!row[file.column(u"Parent Identifier"_s)].trimmed().isEmpty());
        }
        if (type == u"IAY")
            QVERIFY(QStringList({u"New"_s, u"Renewal"_s}).contains(row[file.column(u"Subscription"_s)]));
    }
    QVERIFY(seenTypes.contains(u"1F"_s));
    QVERIFY(seenTypes.contains(u"3F"_s));
    QVERIFY(seenTypes.contains(u"7F"_s));
    // Refunds are negative units.
    bool refund = false;
    for (const QStringList &row : file.rows)
        refund = refund || row[file.column(u"Units"_s)].toLongLong() < 0;
    QVERIFY(refund);
}

void TstWorldSales::salesAgreeWithAnalyticsDownloads()
{
    // Sales first-time downloads (1F/F1) and the analytics report's "First-time download" counts come from
    // the same day model; the split into rows is drawn separately, so they agree closely but not exactly.
    QDate date = kToday.addDays(-10);
    FileResult result;
    while ((result = sales(u"SALES"_s, u"SUMMARY"_s, u"DAILY"_s, date.toString(Qt::ISODate))).kind !=
           FileResult::Kind::Ok)
        date = date.addDays(-1);
    const TsvFile file = TsvFile::parse(result.gzip);
    double salesUnits = 0.0;
    for (const QStringList &row : file.rows) {
        const QString type = row[file.column(u"Product Type Identifier"_s)];
        if (type == u"1F" || type == u"F1")
            salesUnits += row[file.column(u"Units"_s)].toDouble();
    }
    double analyticsCounts = 0.0;
    for (const SimApp &app : m_world->apps()) {
        const QString report = u"App Downloads Standard"_s;
        for (const InstanceSpec &instance : m_world->instances(app.id, report, AccessType::Ongoing, date)) {
            if (instance.processingDate != date.addDays(2))
                continue;
            const QList<SegmentSpec> segments = m_world->segments(app.id, report, instance);
            const TsvFile downloads = TsvFile::parse(segments.first().gzip);
            for (const QStringList &row : downloads.rows) {
                if (row[downloads.column(u"Date"_s)] == date.toString(Qt::ISODate) &&
                    row[downloads.column(u"Download Type"_s)] == u"First-time download")
                    analyticsCounts += row[downloads.column(u"Counts"_s)].toDouble();
            }
        }
    }
    QVERIFY(analyticsCounts > 100);
    QVERIFY2(std::abs(salesUnits - analyticsCounts) < 0.15 * analyticsCounts,
             qPrintable(u"sales %1, analytics %2"_s.arg(salesUnits).arg(analyticsCounts)));
}

void TstWorldSales::weeklyIsTheSumOfItsDays()
{
    const auto unitsByKey = [](const TsvFile &file) {
        QMap<QString, qint64> units;
        for (const QStringList &row : file.rows) {
            const QString key = row[file.column(u"SKU"_s)] + u'|' + row[file.column(u"Country Code"_s)] +
                                u'|' + row[file.column(u"Device"_s)] + u'|' +
                                row[file.column(u"Product Type Identifier"_s)] + u'|' +
                                row[file.column(u"Subscription"_s)] + u'|' +
                                (row[file.column(u"Units"_s)].startsWith(u'-') ? u"R"_s : u"S"_s);
            units[key] += row[file.column(u"Units"_s)].toLongLong();
        }
        return units;
    };
    const QMap<QString, qint64> week =
        unitsByKey(TsvFile::parse(sales(u"SALES"_s, u"SUMMARY"_s, u"WEEKLY"_s, u"2025-06-15"_s).gzip));
    QMap<QString, qint64> days;
    for (QDate date(2025, 6, 9); date <= QDate(2025, 6, 15); date = date.addDays(1)) {
        const FileResult day = sales(u"SALES"_s, u"SUMMARY"_s, u"DAILY"_s, date.toString(Qt::ISODate));
        const QMap<QString, qint64> units = unitsByKey(TsvFile::parse(day.gzip));
        for (auto it = units.cbegin(); it != units.cend(); ++it)
            days[it.key()] += it.value();
    }
    QCOMPARE(week, days);
}

void TstWorldSales::sameOptionsSameBytes()
{
    const World again(salesWorld());
    const QMap<QString, QString> map =
        filters(u"SALES"_s, u"SUMMARY"_s, u"MONTHLY"_s, u"2025-05"_s, m_world->vendorNumber());
    const FileResult first = m_world->salesReport(map);
    const FileResult second = again.salesReport(map);
    QCOMPARE(first.gzip, second.gzip);
    QCOMPARE(first.gzip.mid(4, 4), QByteArray(4, '\0')); // gzip mtime 0
    WorldOptions other = salesWorld();
    other.seed = 2;
    const World otherWorld(other);
    QMap<QString, QString> otherMap = map;
    otherMap.insert(u"vendorNumber"_s, otherWorld.vendorNumber());
    QVERIFY(otherWorld.salesReport(otherMap).gzip != first.gzip);
}

void TstWorldSales::emptyFieldsAreASingleSpace_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("subType");
    QTest::newRow("SALES") << u"SALES"_s << u"SUMMARY"_s;
    QTest::newRow("SUBSCRIPTION") << u"SUBSCRIPTION"_s << u"SUMMARY"_s;
    QTest::newRow("SUBSCRIPTION_EVENT") << u"SUBSCRIPTION_EVENT"_s << u"SUMMARY"_s;
}

void TstWorldSales::emptyFieldsAreASingleSpace()
{
    // Apple writes a single space for a missing value, in text and number columns, also as a line's last
    // field (the line then ends in TAB + space).
    QFETCH(QString, type);
    QFETCH(QString, subType);
    const FileResult result = sales(type, subType, u"DAILY"_s, kToday.addDays(-2).toString(Qt::ISODate));
    QCOMPARE(kindName(result.kind), u"Ok"_s);
    const TsvFile file = TsvFile::parse(result.gzip);
    QVERIFY(file.ok);
    QVERIFY(!file.text.contains("\t\t"));
    QVERIFY(!file.text.contains("\t\n"));
    int placeholders = 0;
    for (const QStringList &row : file.rows) {
        for (const QString &field : row) {
            QVERIFY(!field.isEmpty());
            placeholders += field == u" " ? 1 : 0;
        }
    }
    QVERIFY(placeholders > file.rows.size());
    if (type == u"SALES")
        QVERIFY(file.text.contains("\t \n")); // Order Type, the last column, is empty on every row
}

void TstWorldSales::adjustmentRowsHaveNoUnits()
{
    int adjustments = 0;
    for (int day = 2; day < 8; ++day) {
        const TsvFile file = TsvFile::parse(
            sales(u"SALES"_s, u"SUMMARY"_s, u"DAILY"_s, kToday.addDays(-day).toString(Qt::ISODate)).gzip);
        for (const QStringList &row : file.rows) {
            if (row[file.column(u"Units"_s)] != u"0")
                continue;
            ++adjustments;
            QVERIFY(row[file.column(u"Developer Proceeds"_s)].toDouble() != 0.0);
            QVERIFY(row[file.column(u"Customer Price"_s)].toDouble() < 0.0);
        }
    }
    QVERIFY2(adjustments >= 2, "every third period of an app has an adjustment row");
}

void TstWorldSales::oldSalesPeriodsHaveTheOlderLayout()
{
    WorldOptions options = salesWorld();
    options.legacySalesLayoutBefore = kToday.addDays(-5);
    const World world(options);
    // The first day with sales in [from, to] days ago (a few days sell nothing at all).
    const auto file = [&](int from, int to) {
        for (int daysAgo = from; daysAgo <= to; ++daysAgo) {
            const FileResult result = world.salesReport(
                filters(u"SALES"_s, u"SUMMARY"_s, u"DAILY"_s, kToday.addDays(-daysAgo).toString(Qt::ISODate),
                        world.vendorNumber()));
            if (result.kind == FileResult::Kind::Ok)
                return TsvFile::parse(result.gzip);
        }
        return TsvFile();
    };
    const TsvFile older = file(6, 12);
    const TsvFile newer = file(2, 5);
    QCOMPARE(newer.header.size(), 28);
    QCOMPARE(older.header, newer.header.mid(0, 22)); // up to CMB
    QCOMPARE(older.header.last(), u"CMB"_s);
    QVERIFY(!older.rows.isEmpty());
    for (const QStringList &row : older.rows)
        QCOMPARE(row.size(), 22);
    // The default switch lies years before any period the simulator serves.
    QCOMPARE(WorldOptions().legacySalesLayoutBefore, QDate(2016, 1, 1));
}

void TstWorldSales::subscriptionVersionsHaveTheirOwnLayouts()
{
    WorldOptions options = salesWorld(QDate(2023, 2, 20));
    options.historyStart = QDate(2022, 6, 1);
    const World world(options);
    const auto fetch = [&](const World &from, const QString &type, const QString &subType,
                           const QString &version) {
        QMap<QString, QString> map = filters(type, subType, u"DAILY"_s, u"2023-02-15"_s, from.vendorNumber());
        map.insert(u"version"_s, version);
        return from.salesReport(map);
    };
    for (const auto &[type, subType] :
         {std::pair{u"SUBSCRIPTION"_s, u"SUMMARY"_s}, std::pair{u"SUBSCRIPTION_EVENT"_s, u"SUMMARY"_s},
          std::pair{u"SUBSCRIBER"_s, u"DETAILED"_s}}) {
        const FileResult oldResult = fetch(world, type, subType, u"1_2"_s);
        const FileResult newResult = fetch(world, type, subType, u"1_3"_s);
        QCOMPARE(kindName(oldResult.kind), u"Ok"_s);
        QCOMPARE(kindName(newResult.kind), u"Ok"_s);
        const TsvFile old12 = TsvFile::parse(oldResult.gzip);
        const TsvFile new13 = TsvFile::parse(newResult.gzip);
        // Fewer columns (SUBSCRIBER 1_3 added none of the columns it lacks).
        QVERIFY2(old12.header.size() < new13.header.size() ||
                     (type == u"SUBSCRIBER" && old12.header.size() == new13.header.size()),
                 qPrintable(type));
        QVERIFY(old12.header.contains(u"Promotional Offer Name"_s));
        QVERIFY(!old12.header.contains(u"Subscription Offer Name"_s));
        QVERIFY(new13.header.contains(u"Subscription Offer Name"_s));
        QCOMPARE(old12.rows.size(), new13.rows.size());
        // The same values under either layout, found by name.
        for (const QString &column : {u"Subscription Apple ID"_s, u"Country"_s}) {
            if (new13.column(column) >= 0)
                QCOMPARE(old12.values(column), new13.values(column));
        }
        for (const QStringList &row : old12.rows)
            QCOMPARE(row.size(), old12.header.size());
    }
    // The offer name sits early in a 1_2 event row, after Proceeds Reason in 1_3.
    const TsvFile events = TsvFile::parse(fetch(world, u"SUBSCRIPTION_EVENT"_s, u"SUMMARY"_s, u"1_2"_s).gzip);
    QVERIFY(events.column(u"Promotional Offer Name"_s) < events.column(u"Proceeds Reason"_s));

    // Apple retired 1_2 on 2023-03-01.
    const World later(salesWorld(QDate(2023, 3, 2)));
    const FileResult retired = fetch(later, u"SUBSCRIPTION"_s, u"SUMMARY"_s, u"1_2"_s);
    QCOMPARE(kindName(retired.kind), u"BadRequest"_s);
    QCOMPARE(retired.parameter, u"filter[version]"_s);
    QVERIFY2(retired.detail.contains(u"latest version for this report is 1_3"_s), qPrintable(retired.detail));
}

// --report-versions SUBSCRIPTION=1_4 (issue 18): only 1_4 is served, every other version gets Apple's 400
// naming 1_4, and the 1_4 file adds a column to the 1_3 layout without losing one.
void TstWorldSales::movedVersionRetiresTheOthers()
{
    WorldOptions options = salesWorld();
    options.currentSalesVersions.insert(u"SUBSCRIPTION"_s, u"1_4"_s);
    const World moved(options);
    const auto fetch = [](const World &from, const QString &type, const QString &version) {
        QMap<QString, QString> map = filters(type, type == u"SUBSCRIBER" ? u"DETAILED"_s : u"SUMMARY"_s,
                                             u"DAILY"_s, u"2025-06-15"_s, from.vendorNumber());
        if (!version.isEmpty())
            map.insert(u"version"_s, version);
        return from.salesReport(map);
    };
    for (const QString &old : {u"1_3"_s, u"1_2"_s, u"1_5"_s}) {
        const FileResult retired = fetch(moved, u"SUBSCRIPTION"_s, old);
        QCOMPARE(kindName(retired.kind), u"BadRequest"_s);
        QCOMPARE(retired.parameter, u"filter[version]"_s);
        QCOMPARE(retired.detail,
                 u"The version parameter you have specified is invalid. The latest version for "
                 u"this report is 1_4."_s);
    }
    const TsvFile current = TsvFile::parse(fetch(moved, u"SUBSCRIPTION"_s, u"1_4"_s).gzip);
    const TsvFile omitted = TsvFile::parse(fetch(moved, u"SUBSCRIPTION"_s, QString()).gzip);
    const TsvFile before = TsvFile::parse(fetch(*m_world, u"SUBSCRIPTION"_s, u"1_3"_s).gzip);
    QCOMPARE(omitted.header, current.header);
    QCOMPARE(current.header, before.header + QStringList{u"Storefront Country"_s});
    QCOMPARE(current.values(u"Storefront Country"_s), current.values(u"Country"_s));
    QCOMPARE(current.values(u"Subscribers"_s), before.values(u"Subscribers"_s));
    // Other report types keep their versions.
    QCOMPARE(kindName(fetch(moved, u"SUBSCRIPTION_EVENT"_s, u"1_3"_s).kind), u"Ok"_s);
}

void TstWorldSales::wrongPeriodFaultDatesTheFileWithThePreviousPeriod()
{
    const QMap<QString, QString> map =
        filters(u"SALES"_s, u"SUMMARY"_s, u"WEEKLY"_s, u"2025-06-15"_s, m_world->vendorNumber());
    FileTamper tamper;
    tamper.wrongPeriod = true;
    const TsvFile clean = TsvFile::parse(m_world->salesReport(map).gzip);
    const TsvFile wrong = TsvFile::parse(m_world->salesReport(map, tamper).gzip);
    QCOMPARE(wrong.rows.size(), clean.rows.size());
    for (const QStringList &row : wrong.rows) {
        QCOMPARE(row[wrong.column(u"Begin Date"_s)], u"06/02/2025"_s);
        QCOMPARE(row[wrong.column(u"End Date"_s)], u"06/08/2025"_s);
    }
    QCOMPARE(clean.rows.first()[clean.column(u"Begin Date"_s)], u"06/09/2025"_s);
}

QTEST_GUILESS_MAIN(TstWorldSales)
#include "tst_worldsales.moc"
