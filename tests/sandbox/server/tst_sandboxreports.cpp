// Sales and finance reports: gzip bodies without Content-Encoding, and each of Apple's error kinds.

#include "sandboxharness.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace ascsync::sandbox;
using namespace ascsync::sandbox::test;

class TestSandboxReports : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void dailySalesReportIsGzipTsv();
    void noSalesAndNotYetAvailableDiffer();
    void pastRetentionIsGone();
    void badSalesParameters_data();
    void badSalesParameters();
    void financeReport();
    void badFinanceParameters();

private:
    QString salesPath(const QString &date, const QString &extra = {}) const;
    QString financePath(const QString &type, const QString &region, const QString &month) const;

    std::unique_ptr<SandboxHarness> m_harness;
};

void TestSandboxReports::initTestCase()
{
    SandboxOptions options = SandboxHarness::defaultOptions();
    options.historyStart = QDate(2024, 1, 1); // long enough for a report past the one-year retention
    m_harness = std::make_unique<SandboxHarness>(options);
    QString error;
    QVERIFY2(m_harness->start(&error), qPrintable(error));
}

void TestSandboxReports::cleanup()
{
    const QStringList problems = m_harness->takeProblems();
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

QString TestSandboxReports::salesPath(const QString &date, const QString &extra) const
{
    return u"/v1/salesReports?filter[vendorNumber]=%1&filter[reportType]=SALES&filter[reportSubType]=SUMMARY"
           "&filter[frequency]=DAILY&filter[reportDate]=%2&filter[version]=1_0%3"_s.arg(
               m_harness->server().world().vendorNumber(), date, extra);
}

QString TestSandboxReports::financePath(const QString &type, const QString &region,
                                        const QString &month) const
{
    return u"/v1/financeReports?filter[vendorNumber]=%1&filter[reportType]=%2&filter[regionCode]=%3"
           "&filter[reportDate]=%4"_s.arg(m_harness->server().world().vendorNumber(), type, region, month);
}

void TestSandboxReports::dailySalesReportIsGzipTsv()
{
    // Some days have no sales (404); among two weeks of days most have a file.
    int files = 0;
    for (int daysAgo = 2; daysAgo < 16; ++daysAgo) {
        const QString date = m_harness->server().today().addDays(-daysAgo).toString(Qt::ISODate);
        const HttpResult result = m_harness->get(salesPath(date), m_harness->readerToken());
        if (result.status == 404) {
            QCOMPARE(result.errorCode(), u"NOT_FOUND"_s);
            continue;
        }
        QCOMPARE(result.status, 200);
        ++files;
        QCOMPARE(result.header("Content-Type"), QByteArray("application/a-gzip"));
        QVERIFY(result.header("Content-Encoding").isEmpty()); // clients gunzip themselves
        QVERIFY(result.body.startsWith("\x1f\x8b"));
        const QByteArray text = gunzip(result.body);
        const QByteArray header = text.left(text.indexOf('\n'));
        QVERIFY2(header.startsWith("Provider\t"), header.constData());
        QVERIFY(header.contains("\tUnits\t"));
        QVERIFY(text.count('\n') > 1);
    }
    QVERIFY2(files >= 7, qPrintable(QString::number(files)));
}

void TestSandboxReports::noSalesAndNotYetAvailableDiffer()
{
    const HttpResult today = m_harness->get(salesPath(m_harness->server().today().toString(Qt::ISODate)));
    QCOMPARE(today.status, 404);
    QCOMPARE(today.errorCode(), u"NOT_FOUND"_s);

    // Before the history starts there were no sales at all.
    const HttpResult beforeHistory = m_harness->get(salesPath(u"2023-12-31"_s));
    QCOMPARE(beforeHistory.status == 404 || beforeHistory.status == 410, true);
    const HttpResult newsstand = m_harness->get(
        u"/v1/"
        u"salesReports?filter[vendorNumber]=%1&filter[reportType]=NEWSSTAND&filter[reportSubType]=DETAILED"
        "&filter[frequency]=DAILY&filter[reportDate]=%2"_s.arg(
            m_harness->server().world().vendorNumber(),
            m_harness->server().today().addDays(-3).toString(Qt::ISODate)));
    QCOMPARE(newsstand.status, 404);
    QCOMPARE(newsstand.errorCode(), u"NOT_FOUND"_s);
    // "No sales" (a real zero day) and "not available yet" (retry later) are told apart by the detail.
    QVERIFY(!today.errorDetail().isEmpty());
    QVERIFY(!newsstand.errorDetail().isEmpty());
    QVERIFY2(today.errorDetail() != newsstand.errorDetail(), qPrintable(today.errorDetail()));
}

void TestSandboxReports::pastRetentionIsGone()
{
    const HttpResult old = m_harness->get(salesPath(u"2024-01-15"_s));
    QCOMPARE(old.status, 410);
    QVERIFY(!old.errorDetail().isEmpty());
}

void TestSandboxReports::badSalesParameters_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("parameter");
    const QString valid = u"filter[reportType]=SALES&filter[reportSubType]=SUMMARY&filter[frequency]=DAILY"
                          "&filter[reportDate]=2025-03-10"_s;
    QTest::newRow("unknown type") << u"/v1/salesReports?filter[vendorNumber]={v}&filter[reportType]=RENTALS"
                                     "&filter[reportSubType]=SUMMARY&filter[frequency]=DAILY"_s
                                  << u"filter[reportType]"_s;
    QTest::newRow("unknown frequency")
        << u"/v1/salesReports?filter[vendorNumber]={v}&filter[reportType]=SALES"
           "&filter[reportSubType]=SUMMARY&filter[frequency]=HOURLY"_s
        << u"filter[frequency]"_s;
    QTest::newRow("missing type")
        << u"/v1/salesReports?filter[vendorNumber]={v}&filter[reportSubType]=SUMMARY"
           "&filter[frequency]=DAILY"_s
        << u"filter[reportType]"_s;
    QTest::newRow("other vendor") << u"/v1/salesReports?filter[vendorNumber]=00000001&"_s + valid
                                  << u"filter[vendorNumber]"_s;
    QTest::newRow("invalid combination")
        << u"/v1/salesReports?filter[vendorNumber]={v}&filter[reportType]=SUBSCRIPTION"
           "&filter[reportSubType]=SUMMARY&filter[frequency]=MONTHLY"_s
        << QString();
    QTest::newRow("bad date format") << u"/v1/salesReports?filter[vendorNumber]={v}&filter[reportType]=SALES"
                                        "&filter[reportSubType]=SUMMARY&filter[frequency]=DAILY"
                                        "&filter[reportDate]=10/03/2025"_s
                                     << u"filter[reportDate]"_s;
    QTest::newRow("unknown parameter")
        << u"/v1/salesReports?filter[vendorNumber]={v}&filter[color]=red&"_s + valid << u"filter[color]"_s;
}

void TestSandboxReports::badSalesParameters()
{
    QFETCH(QString, path);
    QFETCH(QString, parameter);
    const HttpResult result = m_harness->get(
        path.replace(u"{v}"_s, m_harness->server().world().vendorNumber()), m_harness->readerToken());
    QCOMPARE(result.status, 400);
    QVERIFY2(result.errorCode().startsWith(u"PARAMETER_ERROR"_s), qPrintable(result.errorCode()));
    if (!parameter.isEmpty())
        QCOMPARE(result.json()[u"errors"_s][0][u"source"_s][u"parameter"_s].toString(), parameter);
}

void TestSandboxReports::financeReport()
{
    // Fiscal months of FY2025 that ended well before --today; each either has a file or a "no sales" 404.
    int files = 0;
    for (const QString &month : {u"2024-11"_s, u"2024-12"_s, u"2025-01"_s}) {
        const HttpResult result =
            m_harness->get(financePath(u"FINANCIAL"_s, u"ZZ"_s, month), m_harness->readerToken());
        if (result.status == 404)
            continue;
        QCOMPARE(result.status, 200);
        ++files;
        QCOMPARE(result.header("Content-Type"), QByteArray("application/a-gzip"));
        const QByteArray text = gunzip(result.body);
        QVERIFY2(text.startsWith("Start Date\t"), text.left(100).constData());
    }
    QVERIFY(files >= 1);
    const HttpResult detail = m_harness->get(financePath(u"FINANCE_DETAIL"_s, u"Z1"_s, u"2025-01"_s));
    QVERIFY2(detail.status == 200 || detail.status == 404, qPrintable(QString::number(detail.status)));

    const HttpResult future = m_harness->get(financePath(u"FINANCIAL"_s, u"ZZ"_s, u"2025-06"_s));
    QCOMPARE(future.status, 404);
    QCOMPARE(future.errorCode(), u"NOT_FOUND"_s);
}

void TestSandboxReports::badFinanceParameters()
{
    const HttpResult detailRegion = m_harness->get(financePath(u"FINANCE_DETAIL"_s, u"US"_s, u"2025-01"_s));
    QCOMPARE(detailRegion.status, 400);
    QCOMPARE(detailRegion.json()[u"errors"_s][0][u"source"_s][u"parameter"_s].toString(),
             u"filter[regionCode]"_s);
    const HttpResult badType = m_harness->get(financePath(u"TAX"_s, u"ZZ"_s, u"2025-01"_s));
    QCOMPARE(badType.status, 400);
    QCOMPARE(badType.json()[u"errors"_s][0][u"source"_s][u"parameter"_s].toString(), u"filter[reportType]"_s);
    const HttpResult badMonth = m_harness->get(financePath(u"FINANCIAL"_s, u"ZZ"_s, u"January"_s));
    QCOMPARE(badMonth.status, 400);
}

QTEST_GUILESS_MAIN(TestSandboxReports)
#include "tst_sandboxreports.moc"
