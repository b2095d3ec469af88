// The simulator's financial reports (GET /v1/financeReports) and Apple's fiscal calendar (API-NOTES §7).

#include "tsvfile.h"

#include "sandbox/data/fiscalcalendar.h"
#include "sandbox/data/world.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace ascsync::sandbox;

namespace {

const QDate kToday(2025, 6, 20);

WorldOptions financeWorld(QDate today = kToday)
{
    WorldOptions options;
    options.seed = 1;
    options.appCount = 3;
    options.today = today;
    options.historyStart = QDate(2024, 1, 1);
    return options;
}

QMap<QString, QString> filters(const QString &type, const QString &region, const QString &date,
                               const QString &vendor)
{
    QMap<QString, QString> map;
    map.insert(u"reportType"_s, type);
    map.insert(u"regionCode"_s, region);
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

QDate us(const QString &text)
{
    return QDate::fromString(text, u"MM/dd/yyyy"_s);
}

} // namespace

class TstWorldFinance : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void fiscalCalendarMatchesApplesDates_data();
    void fiscalCalendarMatchesApplesDates();
    void fiscalYearsAndWeeks();
    void fiscalMonthsTileTheCalendar();
    void financialFileHasColumnsAndTrailer();
    void faultsEditTheFileAsAClientWouldSeeIt();
    void regionFilesPartitionTheSingleFile();
    void financeDetailHasPreambleAndSummary();
    void invalidRequestsNameTheParameter_data();
    void invalidRequestsNameTheParameter();
    void availability();
    void monthsWithoutSalesInARegion();

private:
    FileResult finance(const QString &type, const QString &region, const QString &date) const;
    std::unique_ptr<World> m_world;
};

FileResult TstWorldFinance::finance(const QString &type, const QString &region, const QString &date) const
{
    return m_world->financeReport(filters(type, region, date, m_world->vendorNumber()));
}

void TstWorldFinance::initTestCase()
{
    m_world = std::make_unique<World>(financeWorld());
}

void TstWorldFinance::fiscalCalendarMatchesApplesDates_data()
{
    QTest::addColumn<QString>("month");
    QTest::addColumn<QDate>("start");
    QTest::addColumn<QDate>("end");
    // Every date of API-NOTES §7.4.
    QTest::newRow("FY2024 Oct") << u"2023-10"_s << QDate(2023, 10, 1) << QDate(2023, 11, 4);
    QTest::newRow("FY2024 Nov") << u"2023-11"_s << QDate(2023, 11, 5) << QDate(2023, 12, 2);
    QTest::newRow("FY2024 Dec") << u"2023-12"_s << QDate(2023, 12, 3) << QDate(2023, 12, 30);
    QTest::newRow("FY2024 Jan") << u"2024-01"_s << QDate(2023, 12, 31) << QDate(2024, 2, 3);
    QTest::newRow("FY2024 Feb") << u"2024-02"_s << QDate(2024, 2, 4) << QDate(2024, 3, 2);
    QTest::newRow("FY2024 Mar") << u"2024-03"_s << QDate(2024, 3, 3) << QDate(2024, 3, 30);
    QTest::newRow("FY2024 Apr") << u"2024-04"_s << QDate(2024, 3, 31) << QDate(2024, 5, 4);
    QTest::newRow("FY2024 May") << u"2024-05"_s << QDate(2024, 5, 5) << QDate(2024, 6, 1);
    QTest::newRow("FY2024 Jun") << u"2024-06"_s << QDate(2024, 6, 2) << QDate(2024, 6, 29);
    QTest::newRow("FY2024 Jul") << u"2024-07"_s << QDate(2024, 6, 30) << QDate(2024, 8, 3);
    QTest::newRow("FY2024 Aug") << u"2024-08"_s << QDate(2024, 8, 4) << QDate(2024, 8, 31);
    QTest::newRow("FY2024 Sep") << u"2024-09"_s << QDate(2024, 9, 1) << QDate(2024, 9, 28);
    QTest::newRow("FY2025 Oct") << u"2024-10"_s << QDate(2024, 9, 29) << QDate(2024, 11, 2);
    QTest::newRow("FY2026 Dec") << u"2025-12"_s << QDate(2025, 11, 30) << QDate(2025, 12, 27);
}

void TstWorldFinance::fiscalCalendarMatchesApplesDates()
{
    QFETCH(QString, month);
    QFETCH(QDate, start);
    QFETCH(QDate, end);
    const std::optional<FiscalCalendar::Month> parsed = FiscalCalendar::parse(month);
    QVERIFY(parsed.has_value());
    QCOMPARE(parsed->start, start);
    QCOMPARE(parsed->end, end);
    for (QDate date = start; date <= end; date = date.addDays(1)) {
        const FiscalCalendar::Month containing = FiscalCalendar::monthContaining(date);
        QCOMPARE(containing.start, start);
    }
}

void TstWorldFinance::fiscalYearsAndWeeks()
{
    QCOMPARE(FiscalCalendar::fiscalYearStart(2024), QDate(2023, 10, 1));
    QCOMPARE(FiscalCalendar::fiscalYearStart(2025), QDate(2024, 9, 29));
    QCOMPARE(FiscalCalendar::fiscalYearStart(2026), QDate(2025, 9, 28));
    // FY2023 is a 53-week year: 2022-09-25 ... 2023-09-30, the extra week in its first month.
    QCOMPARE(FiscalCalendar::fiscalYearStart(2023), QDate(2022, 9, 25));
    QCOMPARE(FiscalCalendar::fiscalYearStart(2024).addDays(-1), QDate(2023, 9, 30));
    QCOMPARE(FiscalCalendar::weeksInFiscalYear(2023), 53);
    QCOMPARE(FiscalCalendar::weeksInFiscalYear(2024), 52);
    const FiscalCalendar::Month october2022 = FiscalCalendar::month(2022, 10);
    QCOMPARE(october2022.start, QDate(2022, 9, 25));
    QCOMPARE(october2022.start.daysTo(october2022.end) + 1, 42); // 6 weeks
    QCOMPARE(FiscalCalendar::month(2023, 9).end, QDate(2023, 9, 30));
    // Quarters are 5-4-4 weeks.
    const QList<int> weeks = {5, 4, 4, 5, 4, 4, 5, 4, 4, 5, 4, 4};
    for (int i = 0; i < 12; ++i) {
        const QDate first = QDate(2023, 10, 1).addMonths(i);
        const FiscalCalendar::Month month = FiscalCalendar::month(first.year(), first.month());
        QCOMPARE(int(month.start.daysTo(month.end) + 1), 7 * weeks[i]);
    }
    QVERIFY(!FiscalCalendar::parse(u"2025-4"_s));
    QVERIFY(!FiscalCalendar::parse(u"2025-04-01"_s));
    QVERIFY(!FiscalCalendar::parse(u"2025-13"_s));
    QVERIFY(!FiscalCalendar::parse(u"April"_s));
}

void TstWorldFinance::fiscalMonthsTileTheCalendar()
{
    // Sunday to Saturday, back to back, for a decade.
    QDate expectedStart = FiscalCalendar::fiscalYearStart(2020);
    for (QDate first(2019, 10, 1); first < QDate(2030, 10, 1); first = first.addMonths(1)) {
        const FiscalCalendar::Month month = FiscalCalendar::month(first.year(), first.month());
        QCOMPARE(month.start, expectedStart);
        QCOMPARE(month.start.dayOfWeek(), int(Qt::Sunday));
        QCOMPARE(month.end.dayOfWeek(), int(Qt::Saturday));
        QVERIFY(std::abs(month.start.daysTo(first)) <= 7); // named by the calendar month it mostly covers
        expectedStart = month.end.addDays(1);
    }
}

void TstWorldFinance::financialFileHasColumnsAndTrailer()
{
    const QStringList expected = {u"Start Date"_s,
                                  u"End Date"_s,
                                  u"UPC"_s,
                                  u"ISRC/ISBN"_s,
                                  u"Vendor Identifier"_s,
                                  u"Quantity"_s,
                                  u"Partner Share"_s,
                                  u"Extended Partner Share"_s,
                                  u"Partner Share Currency"_s,
                                  u"Sales or Return"_s,
                                  u"Apple Identifier"_s,
                                  u"Artist/Show/Developer/Author"_s,
                                  u"Title"_s,
                                  u"Label/Studio/Network/Developer/Publisher"_s,
                                  u"Grid"_s,
                                  u"Product Type Identifier"_s,
                                  u"ISAN/Other Identifier"_s,
                                  u"Country Of Sale"_s,
                                  u"Pre-order Flag"_s,
                                  u"Promo Code"_s,
                                  u"Customer Price"_s,
                                  u"Customer Currency"_s};
    const FileResult result = finance(u"FINANCIAL"_s, u"ZZ"_s, u"2025-04"_s);
    QCOMPARE(kindName(result.kind), u"Ok"_s);
    const TsvFile file = TsvFile::parse(result.gzip);
    QVERIFY(file.ok);
    QCOMPARE(file.header, expected);
    QVERIFY(file.rows.size() > 10);
    qint64 unitsSold = 0;
    qint64 amountCents = 0;
    int returns = 0;
    static const QRegularExpression money(u"^-?\\d+\\.\\d{2}$"_s);
    const auto cents = [](const QString &value) { return qint64(std::llround(value.toDouble() * 100.0)); };
    for (const QStringList &row : file.rows) {
        QCOMPARE(row.size(), 22);
        // The fiscal month, not the calendar month: 2025-03-30 ... 2025-05-03.
        QCOMPARE(us(row[0]), QDate(2025, 3, 30));
        QCOMPARE(us(row[1]), QDate(2025, 5, 3));
        const QString kind = row[file.column(u"Sales or Return"_s)];
        QVERIFY(kind == u"S" || kind == u"R");
        QVERIFY(money.match(row[file.column(u"Extended Partner Share"_s)]).hasMatch());
        QVERIFY(!row[file.column(u"Product Type Identifier"_s)].isEmpty());
        const qint64 quantity = row[file.column(u"Quantity"_s)].toLongLong();
        const qint64 share = cents(row[file.column(u"Partner Share"_s)]);
        const qint64 extended = cents(row[file.column(u"Extended Partner Share"_s)]);
        const qint64 price = cents(row[file.column(u"Customer Price"_s)]);
        QVERIFY(share > 0);
        if (kind == u"R") {
            // A return: Quantity -1, positive Partner Share, negative Extended Partner Share and Customer
            // Price.
            ++returns;
            QCOMPARE(quantity, -1);
            QCOMPARE(extended, -share);
            QVERIFY(price < 0);
        } else {
            QVERIFY(quantity > 0);
            QCOMPARE(extended, quantity * share);
            QVERIFY(price > 0);
            unitsSold += quantity;
        }
        amountCents += extended;
    }
    QVERIFY2(returns > 0, "the month must have returns");
    // The trailer follows the data without a blank line, in rows that do not start with a date.
    QVERIFY(!file.text.contains("\n\n"));
    QCOMPARE(file.trailer.size(), 3);
    QCOMPARE(file.trailer[0], (QStringList{u"Total_Rows"_s, QString::number(file.rows.size())}));
    // Total_Amount: the net Extended Partner Share, returns included, to the cent.
    QCOMPARE(file.trailer[1].value(0), u"Total_Amount"_s);
    QCOMPARE(cents(file.trailer[1].value(1)), amountCents);
    // Total_Units: units sold only, returns not subtracted.
    QCOMPARE(file.trailer[2], (QStringList{u"Total_Units"_s, QString::number(unitsSold)}));
    for (const QStringList &line : file.trailer)
        QVERIFY(!us(line.value(0)).isValid());
}

void TstWorldFinance::faultsEditTheFileAsAClientWouldSeeIt()
{
    const QMap<QString, QString> request =
        filters(u"FINANCIAL"_s, u"ZZ"_s, u"2025-04"_s, m_world->vendorNumber());
    const TsvFile clean = TsvFile::parse(m_world->financeReport(request).gzip);
    FileTamper dropped;
    dropped.droppedRow = true;
    const TsvFile edited = TsvFile::parse(m_world->financeReport(request, dropped).gzip);
    QCOMPARE(edited.rows.size(), clean.rows.size() - 1);
    QCOMPARE(edited.trailer, clean.trailer); // the trailer still counts the missing row
    FileTamper shifted;
    shifted.wrongPeriod = true;
    const TsvFile wrong = TsvFile::parse(m_world->financeReport(request, shifted).gzip);
    QCOMPARE(wrong.rows.size(), clean.rows.size());
    QCOMPARE(us(wrong.rows.first().value(0)), QDate(2025, 3, 30).addDays(-35));
    QCOMPARE(us(wrong.rows.first().value(1)), QDate(2025, 5, 3).addDays(-35));
}

void TstWorldFinance::regionFilesPartitionTheSingleFile()
{
    const TsvFile single = TsvFile::parse(finance(u"FINANCIAL"_s, u"ZZ"_s, u"2025-04"_s).gzip);
    const QStringList regions = {u"EU"_s, u"LL"_s, u"AP"_s, u"WW"_s, u"US"_s, u"AU"_s, u"BR"_s, u"BG"_s,
                                 u"CA"_s, u"CL"_s, u"CN"_s, u"CO"_s, u"CZ"_s, u"HR"_s, u"DK"_s, u"EG"_s,
                                 u"HK"_s, u"HU"_s, u"IN"_s, u"ID"_s, u"IL"_s, u"JP"_s, u"KZ"_s, u"KR"_s,
                                 u"MY"_s, u"MX"_s, u"NZ"_s, u"NG"_s, u"NO"_s, u"PK"_s, u"PE"_s, u"PH"_s,
                                 u"PL"_s, u"QA"_s, u"RO"_s, u"RU"_s, u"SA"_s, u"SG"_s, u"ZA"_s, u"SE"_s,
                                 u"CH"_s, u"TW"_s, u"TH"_s, u"TR"_s, u"AE"_s, u"GB"_s, u"TZ"_s, u"VN"_s};
    QStringList fromRegions;
    int regionsWithSales = 0;
    for (const QString &region : regions) {
        const FileResult result = finance(u"FINANCIAL"_s, region, u"2025-04"_s);
        QVERIFY2(result.kind == FileResult::Kind::Ok || result.kind == FileResult::Kind::NoSales,
                 qPrintable(region + u' ' + kindName(result.kind)));
        if (result.kind != FileResult::Kind::Ok)
            continue;
        ++regionsWithSales;
        const TsvFile file = TsvFile::parse(result.gzip);
        QCOMPARE(file.header, single.header);
        QCOMPARE(file.trailer.size(), 3);
        for (const QStringList &row : file.rows)
            fromRegions.append(row.join(u'\t'));
        if (region == u"EU") {
            const QStringList values = file.values(u"Partner Share Currency"_s);
            const QSet<QString> currencies(values.cbegin(), values.cend());
            QCOMPARE(currencies, QSet<QString>{u"EUR"_s});
        }
    }
    QVERIFY(regionsWithSales > 10);
    QStringList fromSingle;
    for (const QStringList &row : single.rows)
        fromSingle.append(row.join(u'\t'));
    fromSingle.sort();
    fromRegions.sort();
    QCOMPARE(fromRegions, fromSingle);
}

void TstWorldFinance::financeDetailHasPreambleAndSummary()
{
    const FileResult result = finance(u"FINANCE_DETAIL"_s, u"Z1"_s, u"2025-04"_s);
    QCOMPARE(kindName(result.kind), u"Ok"_s);
    bool ok = false;
    const QList<QByteArray> lines = TsvFile::gunzip(result.gzip, &ok).split('\n');
    QVERIFY(ok);
    QVERIFY(lines[0].startsWith("Vendor Name\t"));
    QCOMPARE(lines[1], QByteArray("Start Date\t03/30/2025"));
    QCOMPARE(lines[2], QByteArray("End Date\t05/03/2025"));
    QVERIFY(lines[3].isEmpty());
    const QStringList header = QString::fromUtf8(lines[4]).split(u'\t');
    QCOMPARE(header.mid(0, 3),
             (QStringList{u"Transaction Date"_s, u"Settlement Date"_s, u"Apple Identifier"_s}));
    QVERIFY(header.contains(u"Country of Sale"_s));
    QVERIFY(header.contains(u"Extended Partner Share"_s));
    qsizetype row = 5;
    for (; row < lines.size() && !lines[row].isEmpty(); ++row) {
        const QDate transaction = us(QString::fromLatin1(lines[row].split('\t').value(0)));
        QVERIFY(transaction >= QDate(2025, 3, 30) && transaction <= QDate(2025, 5, 3));
    }
    QVERIFY(row > 100);
    QVERIFY(row + 1 < lines.size());
    QCOMPARE(lines[row + 1],
             QByteArray("Country of Sale\tPartner Share Currency\tQuantity\tExtended Partner Share"));
}

void TstWorldFinance::invalidRequestsNameTheParameter_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("date");
    QTest::addColumn<QString>("parameter");
    QTest::newRow("detail needs Z1") << u"FINANCE_DETAIL"_s << u"ZZ"_s << u"2025-04"_s
                                     << u"filter[regionCode]"_s;
    QTest::newRow("detail by country")
        << u"FINANCE_DETAIL"_s << u"US"_s << u"2025-04"_s << u"filter[regionCode]"_s;
    QTest::newRow("financial with Z1")
        << u"FINANCIAL"_s << u"Z1"_s << u"2025-04"_s << u"filter[regionCode]"_s;
    QTest::newRow("unknown region") << u"FINANCIAL"_s << u"XX"_s << u"2025-04"_s << u"filter[regionCode]"_s;
    QTest::newRow("lower-case region")
        << u"FINANCIAL"_s << u"us"_s << u"2025-04"_s << u"filter[regionCode]"_s;
    QTest::newRow("unknown type") << u"SALES"_s << u"ZZ"_s << u"2025-04"_s << u"filter[reportType]"_s;
    QTest::newRow("full date") << u"FINANCIAL"_s << u"ZZ"_s << u"2025-04-01"_s << u"filter[reportDate]"_s;
    QTest::newRow("single-digit month")
        << u"FINANCIAL"_s << u"ZZ"_s << u"2025-4"_s << u"filter[reportDate]"_s;
    QTest::newRow("month 13") << u"FINANCIAL"_s << u"ZZ"_s << u"2025-13"_s << u"filter[reportDate]"_s;
}

void TstWorldFinance::invalidRequestsNameTheParameter()
{
    QFETCH(QString, type);
    QFETCH(QString, region);
    QFETCH(QString, date);
    QFETCH(QString, parameter);
    const FileResult result = finance(type, region, date);
    QCOMPARE(kindName(result.kind), u"BadRequest"_s);
    QCOMPARE(result.parameter, parameter);
    QVERIFY(!result.detail.isEmpty());

    // Every filter is required; a foreign vendor number is refused.
    for (const QString &key : {u"vendorNumber"_s, u"reportType"_s, u"regionCode"_s, u"reportDate"_s}) {
        QMap<QString, QString> map = filters(u"FINANCIAL"_s, u"ZZ"_s, u"2025-04"_s, m_world->vendorNumber());
        map.remove(key);
        const FileResult missing = m_world->financeReport(map);
        QCOMPARE(kindName(missing.kind), u"BadRequest"_s);
        QCOMPARE(missing.parameter, u"filter["_s + key + u']');
    }
    const FileResult foreign =
        m_world->financeReport(filters(u"FINANCIAL"_s, u"ZZ"_s, u"2025-04"_s, u"11111111"_s));
    QCOMPARE(foreign.parameter, u"filter[vendorNumber]"_s);
}

void TstWorldFinance::availability()
{
    // Fiscal May 2025 runs 2025-05-04 ... 2025-05-31; its report is out on the first Friday after, 06-06.
    const QMap<QString, QString> may = filters(u"FINANCIAL"_s, u"ZZ"_s, u"2025-05"_s, QString());
    for (const auto &[today, kind] :
         QList<std::pair<QDate, QString>>{{QDate(2025, 5, 20), u"NotYetAvailable"_s},
                                          {QDate(2025, 6, 1), u"NotYetAvailable"_s},
                                          {QDate(2025, 6, 5), u"NotYetAvailable"_s},
                                          {QDate(2025, 6, 6), u"Ok"_s}}) {
        const World world(financeWorld(today));
        QMap<QString, QString> map = may;
        map.insert(u"vendorNumber"_s, world.vendorNumber());
        const FileResult result = world.financeReport(map);
        QCOMPARE(kindName(result.kind), kind);
        if (kind == u"NotYetAvailable")
            QVERIFY(result.detail.contains(u"not available yet"_s));
    }
    // Same request, same bytes.
    const FileResult first = finance(u"FINANCIAL"_s, u"US"_s, u"2025-04"_s);
    QCOMPARE(World(financeWorld())
                 .financeReport(filters(u"FINANCIAL"_s, u"US"_s, u"2025-04"_s, m_world->vendorNumber()))
                 .gzip,
             first.gzip);
}

void TstWorldFinance::monthsWithoutSalesInARegion()
{
    // No storefront of Russia in the simulated world, and no history before 2024: Apple answers 404.
    const FileResult russia = finance(u"FINANCIAL"_s, u"RU"_s, u"2025-04"_s);
    QCOMPARE(kindName(russia.kind), u"NoSales"_s);
    QVERIFY(!russia.detail.isEmpty());
    QCOMPARE(kindName(finance(u"FINANCIAL"_s, u"ZZ"_s, u"2023-06"_s).kind), u"NoSales"_s);
    QCOMPARE(kindName(finance(u"FINANCE_DETAIL"_s, u"Z1"_s, u"2023-06"_s).kind), u"NoSales"_s);
}

QTEST_GUILESS_MAIN(TstWorldFinance)
#include "tst_worldfinance.moc"
