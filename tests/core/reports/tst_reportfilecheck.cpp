// reports::checkReportFile: a FINANCIAL file against its Total_ trailer (Apple's meaning of each figure), and
// a sales or finance file's own dates against the period that was requested (issue 15).
#include "core/reports/reportfilecheck.h"
#include "tests/testkit/testfiles.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ascsync;
using namespace ascsync::reports;

namespace {

const QByteArray kFinancialHeader =
    "Start Date\tEnd Date\tUPC\tISRC/ISBN\tVendor Identifier\tQuantity\tPartner Share\tExtended Partner "
    "Share\tPartner Share Currency\tSales or Return\tApple Identifier\tArtist/Show/Developer/Author\tTitle\t"
    "Label/Studio/Network/Developer/Publisher\tGrid\tProduct Type Identifier\tISAN/Other Identifier\tCountry "
    "Of Sale\tPre-order Flag\tPromo Code\tCustomer Price\tCustomer Currency\n";

QByteArray financialRow(int quantity, const char *share, const char *extended, const char *price)
{
    return "03/30/2025\t05/03/2025\t \t \tpro.monthly\t" + QByteArray::number(quantity) + '\t' + share +
           '\t' + extended + "\tUSD\t" + (quantity < 0 ? "R" : "S") +
           "\t123456789\tNorthwind\tPro Monthly\t \t \tIAY\t \tUS\t \t \t" + price + "\tUSD\n";
}

// 20 sold in two rows and one return: Quantity nets to 19, but Apple's Total_Units says 20.
QByteArray financialBody()
{
    return kFinancialHeader + financialRow(12, "0.70", "8.40", "0.99") +
           financialRow(8, "0.70", "5.60", "0.99") + financialRow(-1, "0.70", "-0.70", "-0.99");
}

QByteArray trailer(const char *rows, const char *amount, const char *units)
{
    return QByteArray("Total_Rows\t") + rows + "\nTotal_Amount\t" + amount + "\nTotal_Units\t" + units + '\n';
}

} // namespace

class TestReportFileCheck : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_files = 0;

    QString write(const QByteArray &text)
    {
        const QString path = m_dir.filePath(u"file%1.gz"_s.arg(++m_files));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(test::gzipCompress(text)) < 0)
            return {};
        return path;
    }

    static ReportFileExpectation financial()
    {
        return {ReportLayout::Finance, {QDate(2025, 3, 30), QDate(2025, 5, 3)}, true};
    }

private Q_SLOTS:
    void trailerWithApplesMeaningPasses()
    {
        // No blank line before the trailer, as in real files.
        const auto checked =
            checkReportFile(write(financialBody() + trailer("3", "13.30", "20")), financial());
        QVERIFY2(checked.ok(), qPrintable(checked.errorMessage()));
        QVERIFY(checked->isEmpty());
        // With a blank line too.
        const auto blank =
            checkReportFile(write(financialBody() + '\n' + trailer("3", "13.30", "20")), financial());
        QVERIFY2(blank.ok(), qPrintable(blank.errorMessage()));
    }

    void mismatchNamesTheFigureAndBothValues_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("rows") << (financialBody() + trailer("4", "13.30", "20"))
                              << u"Total_Rows 4 but its data add up to 3"_s;
        QTest::newRow("amount") << (financialBody() + trailer("3", "14.00", "20"))
                                << u"Total_Amount 14.00 but its data add up to 13.30"_s;
        QTest::newRow("units netted") << (financialBody() + trailer("3", "13.30", "19"))
                                      << u"Total_Units 19 but its data add up to 20"_s;
        QTest::newRow("row dropped") << (kFinancialHeader + financialRow(12, "0.70", "8.40", "0.99") +
                                         financialRow(-1, "0.70", "-0.70", "-0.99") +
                                         trailer("3", "13.30", "20"))
                                     << u"Total_Rows 3 but its data add up to 2"_s;
        QTest::newRow("no trailer") << financialBody() << u"no complete Total_Rows"_s;
        QTest::newRow("trailer cut") << (financialBody() + "Total_Rows\t3\nTotal_Amount\t13.30\n")
                                     << u"no complete Total_Rows"_s;
    }

    void mismatchNamesTheFigureAndBothValues()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        const auto checked = checkReportFile(write(text), financial());
        QVERIFY(!checked.ok());
        QVERIFY2(checked.errorMessage().contains(expected), qPrintable(checked.errorMessage()));
        QVERIFY(checked.errorMessage().contains(u"next sync"_s));
    }

    void amountsAreSummedExactly()
    {
        // 10,000 rows of 0.10: a double sum drifts, the check must not.
        QByteArray text = kFinancialHeader;
        for (int i = 0; i < 10000; ++i)
            text += financialRow(1, "0.10", "0.10", "0.15");
        const auto checked = checkReportFile(write(text + trailer("10000", "1000.00", "10000")), financial());
        QVERIFY2(checked.ok(), qPrintable(checked.errorMessage()));
    }

    void trailerIsOnlyCheckedWhenAsked()
    {
        ReportFileExpectation expectation = financial();
        expectation.verifyTrailer = false;
        QVERIFY(checkReportFile(write(financialBody()), expectation).ok());
    }

    void datesThatDoNotCoverThePeriodWarn()
    {
        const QByteArray sales =
            "Provider\tUnits\tBegin Date\tEnd Date\tOrder Type\nAPPLE\t3\t06/02/2025\t06/08/2025\t \n";
        const QString path = write(sales);
        const auto covering =
            checkReportFile(path, {ReportLayout::Plain, {QDate(2025, 6, 2), QDate(2025, 6, 8)}});
        QVERIFY2(covering.ok() && covering->isEmpty(), qPrintable(covering->join(u'\n')));
        const auto other =
            checkReportFile(path, {ReportLayout::Plain, {QDate(2025, 6, 9), QDate(2025, 6, 15)}});
        QVERIFY(other.ok());
        QCOMPARE(other->size(), 1);
        QVERIFY2(other->first().contains(u"2025-06-02 to 2025-06-08"_s) &&
                     other->first().contains(u"2025-06-09 to 2025-06-15"_s),
                 qPrintable(other->first()));
        // Finance: Start Date / End Date.
        const auto finance =
            checkReportFile(write(financialBody() + trailer("3", "13.30", "20")),
                            {ReportLayout::Finance, {QDate(2025, 5, 4), QDate(2025, 5, 31)}, true});
        QVERIFY(finance.ok());
        QCOMPARE(finance->size(), 1);
        // A file without date columns (subscription reports) is not checked.
        const auto undated = checkReportFile(write("App Name\tCountry\nPocket\tUS\n"),
                                             {ReportLayout::Plain, {QDate(2025, 6, 9), QDate(2025, 6, 9)}});
        QVERIFY(undated.ok() && undated->isEmpty());
    }

    void damagedFilesAreErrors()
    {
        const QByteArray text = financialBody() + trailer("3", "13.30", "20");
        QByteArray gzip = test::gzipCompress(text);
        gzip.chop(12);
        const QString path = m_dir.filePath(u"cut.gz"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(gzip);
        file.close();
        QVERIFY(!checkReportFile(path, financial()).ok());
    }
};

QTEST_GUILESS_MAIN(TestReportFileCheck)
#include "tst_reportfilecheck.moc"
