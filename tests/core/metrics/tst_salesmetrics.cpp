// Units and developer proceeds per app and day from a real SQLite destination's sales_summary table, built
// here row by row: proceeds stay per currency of proceeds, in-app purchases count for their parent app,
// updates are no units, weekly rows and other apps stay out.
#include "core/config/secretstore.h"
#include "core/config/settings.h"
#include "core/metrics/salesmetrics.h"
#include "core/sync/syncsetup.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestSalesMetrics : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void perDayPerCurrency()
    {
        QTemporaryDir dir;
        ascsync::config::Settings settings;
        settings.destination = u"sqlite:"_s + dir.filePath(u"sales.db"_s);
        ascsync::config::SecretStore secrets;
        auto destination = ascsync::sync::openDestination(settings, secrets);
        QVERIFY2(destination, qPrintable(destination.errorMessage()));
        ascsync::storage::Destination &db = *destination.value();
        const QString table = db.qualified(u"sales_summary"_s);
        const auto run = [&db](const QString &sql) {
            const auto done = db.query(sql, {}, {});
            QVERIFY2(done, qPrintable(done.errorMessage()));
        };
        run(u"CREATE TABLE %1 (sku TEXT, product_type_identifier TEXT, units REAL, developer_proceeds REAL, "
            u"begin_date DATE, end_date DATE, currency_of_proceeds TEXT, apple_identifier TEXT, "
            u"parent_identifier TEXT)"_s.arg(table));
        const QStringList rows{
            // the app: downloads in two currencies, an update (no unit), a refund
            u"'APP1', '1F', 10, 0.70, '2026-11-20', '2026-11-20', 'USD', '111', ''"_s,
            u"'APP1', '1F', 4, 0.63, '2026-11-20', '2026-11-20', 'EUR', '111', ''"_s,
            u"'APP1', '7F', 5, 0, '2026-11-20', '2026-11-20', 'USD', '111', ''"_s,
            u"'APP1', '1F', -1, 0.70, '2026-11-21', '2026-11-21', 'USD', '111', ''"_s,
            // its in-app purchase: proceeds count, units are not the app's
            u"'GEMS', 'IA1', 2, 3.50, '2026-11-20', '2026-11-20', 'EUR', '222', 'APP1'"_s,
            // a weekly row and another app: not these days' app rows
            u"'APP1', '1F', 100, 0.70, '2026-11-16', '2026-11-22', 'USD', '111', ''"_s,
            u"'APP2', '1F', 50, 1.00, '2026-11-20', '2026-11-20', 'USD', '333', ''"_s,
        };
        for (const QString &values : rows) {
            run(u"INSERT INTO %1 VALUES (%2)"_s.arg(table, values));
        }

        const auto sales =
            ascsync::metrics::loadDailySales(db, u"111"_s, QDate(2026, 11, 1), QDate(2026, 11, 30));
        QVERIFY2(sales, qPrintable(sales.errorMessage()));
        QCOMPARE(sales->size(), 2);
        const ascsync::metrics::DailySales &first = sales->at(0);
        QCOMPARE(first.date, QDate(2026, 11, 20));
        QCOMPARE(first.units, 14.0);
        QCOMPARE(first.proceedsByCurrency.keys(), (QStringList{u"EUR"_s, u"USD"_s}));
        QVERIFY(qFuzzyCompare(first.proceedsByCurrency.value(u"USD"_s), 7.0));
        QVERIFY(qFuzzyCompare(first.proceedsByCurrency.value(u"EUR"_s), 4 * 0.63 + 2 * 3.50));
        const ascsync::metrics::DailySales &second = sales->at(1);
        QCOMPARE(second.units, -1.0);
        QCOMPARE(second.proceedsByCurrency.value(u"USD"_s), -0.70);

        // Only checked values reach the SQL.
        QVERIFY(!ascsync::metrics::loadDailySales(db, u"111' OR '1'='1"_s, QDate(2026, 11, 1),
                                                  QDate(2026, 11, 30)));
    }

    void noSalesTableSaysWhatToDo()
    {
        QTemporaryDir dir;
        ascsync::config::Settings settings;
        settings.destination = u"sqlite:"_s + dir.filePath(u"empty.db"_s);
        ascsync::config::SecretStore secrets;
        auto destination = ascsync::sync::openDestination(settings, secrets);
        QVERIFY(destination);
        const auto sales = ascsync::metrics::loadDailySales(*destination.value(), u"111"_s,
                                                            QDate(2026, 11, 1), QDate(2026, 11, 30));
        QVERIFY(!sales);
        QVERIFY2(sales.errorMessage().contains(u"run a sync"_s), qPrintable(sales.errorMessage()));
    }
};

QTEST_GUILESS_MAIN(TestSalesMetrics)
#include "tst_salesmetrics.moc"
