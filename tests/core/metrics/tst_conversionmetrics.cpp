// The dashboard's and `ascsync query --report conversion-rate`'s numbers (core/metrics/conversionmetrics)
// from a real SQLite destination built here row by row: they equal what the users' verbatim
// conversion-rate.sql gives on the same tables; an app's days follow its instances, not its name; weekly
// rows, other apps and other download types stay out; "no analytics yet" is told by the tables, not by an
// error text.
#include "ascsync/testpaths.h"
#include "core/config/secretstore.h"
#include "core/config/settings.h"
#include "core/metrics/conversionmetrics.h"
#include "core/storage/instancerecord.h"
#include "core/sync/syncsetup.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using ascsync::metrics::DailyConversion;

namespace {

std::unique_ptr<ascsync::storage::Destination> openSqlite(const QString &path)
{
    ascsync::config::Settings settings;
    settings.destination = u"sqlite:"_s + path;
    ascsync::config::SecretStore secrets;
    auto destination = ascsync::sync::openDestination(settings, secrets);
    if (!destination)
        qWarning("%s", qPrintable(destination.errorMessage()));
    return destination ? std::move(destination).value() : nullptr;
}

qint64 registerInstance(ascsync::storage::Destination &db, const QString &appId, const QString &table)
{
    ascsync::storage::InstanceRecord record;
    record.instanceId = u"inst-%1-%2"_s.arg(appId, table);
    record.appId = appId;
    record.reportId = u"r-"_s + table;
    record.reportName = table;
    record.table = table;
    record.granularity = u"DAILY"_s;
    record.processingDate = QDate(2026, 11, 22);
    record.accessType = u"ONGOING"_s;
    const auto key = db.registerInstance(record);
    return key ? key.value() : -1;
}

QString sharedDir()
{
    const QString fromEnvironment = qEnvironmentVariable("ASCSYNC_SHARED_DIR");
    return fromEnvironment.isEmpty() ? QStringLiteral(ASCSYNC_SOURCE_DIR "/../shared") : fromEnvironment;
}

} // namespace

class TestConversionMetrics : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ascsync::storage::Destination> m_db;

    void run(const QString &sql)
    {
        const auto done = m_db->query(sql, {}, {});
        QVERIFY2(done, qPrintable(done.errorMessage()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_db = openSqlite(m_dir.filePath(u"analytics.db"_s));
        QVERIFY(m_db);
        const QString downloads = m_db->qualified(u"downloads"_s);
        const QString engagement = m_db->qualified(u"discovery_and_engagement"_s);
        run(u"CREATE TABLE %1 (date DATE, app_name TEXT, download_type TEXT, counts REAL, _instance INTEGER)"_s
                .arg(downloads));
        run(u"CREATE TABLE %1 (date DATE, app_name TEXT, event TEXT, unique_counts REAL, _instance INTEGER)"_s
                .arg(engagement));
        const qint64 d1 = registerInstance(*m_db, u"111"_s, u"downloads"_s);
        const qint64 e1 = registerInstance(*m_db, u"111"_s, u"discovery_and_engagement"_s);
        const qint64 d2 = registerInstance(*m_db, u"222"_s, u"downloads"_s);
        const qint64 e2 = registerInstance(*m_db, u"222"_s, u"discovery_and_engagement"_s);
        QVERIFY(d1 > 0 && e1 > 0 && d2 > 0 && e2 > 0);
        const QStringList downloadRows{
            // Orbit on the 20th: first-time + redownload count, an update does not
            u"'2026-11-20', 'Orbit', 'First-time download', 30, %1"_s.arg(d1),
            u"'2026-11-20', 'Orbit', 'Redownload', 7, %1"_s.arg(d1),
            u"'2026-11-20', 'Orbit', 'Auto-update', 500, %1"_s.arg(d1),
            // the 21st: no downloads at all; the 22nd: downloads but no impressions row
            u"'2026-11-22', 'Orbit', 'First-time download', 4, %1"_s.arg(d1),
            // another app on the same day
            u"'2026-11-20', 'Comet', 'First-time download', 3, %1"_s.arg(d2),
        };
        for (const QString &row : downloadRows)
            run(u"INSERT INTO %1 VALUES (%2)"_s.arg(downloads, row));
        const QStringList engagementRows{
            u"'2026-11-20', 'Orbit', 'Impression', 1000, %1"_s.arg(e1),
            u"'2026-11-20', 'Orbit', 'Impression', 234, %1"_s.arg(e1),
            u"'2026-11-20', 'Orbit', 'Tap', 99, %1"_s.arg(e1),
            u"'2026-11-21', 'Orbit', 'Impression', 50, %1"_s.arg(e1),
            u"'2026-11-20', 'Comet', 'Impression', 7, %1"_s.arg(e2),
        };
        for (const QString &row : engagementRows)
            run(u"INSERT INTO %1 VALUES (%2)"_s.arg(engagement, row));
    }

    void appsComeFromTheirInstances()
    {
        const auto apps = ascsync::metrics::loadAnalyticsApps(*m_db);
        QVERIFY2(apps, qPrintable(apps.errorMessage()));
        QCOMPARE(apps->size(), 2);
        QCOMPARE(apps->at(0).appId, u"222"_s); // by name: Comet, Orbit
        QCOMPARE(apps->at(0).name, u"Comet"_s);
        QCOMPARE(apps->at(1).appId, u"111"_s);
        QCOMPARE(apps->at(1).firstDate, QDate(2026, 11, 20));
        QCOMPARE(apps->at(1).lastDate, QDate(2026, 11, 22));
    }

    void daysFollowTheReferenceRules()
    {
        const auto days =
            ascsync::metrics::loadDailyConversion(*m_db, u"111"_s, QDate(2026, 11, 1), QDate(2026, 11, 30));
        QVERIFY2(days, qPrintable(days.errorMessage()));
        QCOMPARE(days->size(), 3);
        const DailyConversion &first = days->at(0);
        QCOMPARE(first.date, QDate(2026, 11, 20));
        QCOMPARE(first.downloads, 37.0);
        QCOMPARE(first.uniqueImpressions, 1234.0);
        QVERIFY(first.hasImpressions);
        QVERIFY(first.conversionRate.has_value());
        QVERIFY(qFuzzyCompare(*first.conversionRate, 37.0 / 1234.0 * 100));
        QVERIFY(!days->at(1).conversionRate); // impressions, no downloads
        QVERIFY(days->at(1).hasImpressions);
        QVERIFY(!days->at(2).hasImpressions); // downloads, no impressions row
        QVERIFY(!days->at(2).conversionRate);

        const auto narrowed =
            ascsync::metrics::loadDailyConversion(*m_db, u"111"_s, QDate(2026, 11, 21), QDate(2026, 11, 21));
        QVERIFY(narrowed);
        QCOMPARE(narrowed->size(), 1);
    }

    // The users' query, verbatim, on the same tables (attached as apple_app_store): each of its rows is one
    // of ours with the same numbers.
    void equalsTheVerbatimQuery()
    {
        QFile file(QDir(sharedDir()).filePath(u"reference/conversion-rate.sql"_s));
        QVERIFY2(file.open(QIODevice::ReadOnly), "ASCSYNC_SHARED_DIR must point at shared/");
        const QString sql = QString::fromUtf8(file.readAll()).replace(u"'2025-01-01'"_s, u"'2026-01-01'"_s);
        QHash<QString, QList<QString>> reference; // app name + date -> row
        const auto rows = m_db->query(sql, {}, [&reference](const QList<QString> &values) {
            reference.insert(values.value(0) + u' ' + values.value(1).left(10), values);
            return true;
        });
        QVERIFY2(rows, qPrintable(rows.errorMessage()));
        QCOMPARE(reference.size(), 3); // Orbit 20th, 21st; Comet 20th

        int compared = 0;
        const auto apps = ascsync::metrics::loadAnalyticsApps(*m_db);
        QVERIFY(apps);
        for (const auto &app : apps.value()) {
            const auto days =
                ascsync::metrics::loadDailyConversion(*m_db, app.appId, app.firstDate, app.lastDate);
            QVERIFY(days);
            for (const DailyConversion &day : days.value()) {
                const QString key = app.name + u' ' + day.date.toString(Qt::ISODate);
                QCOMPARE(reference.contains(key), day.hasImpressions);
                if (!day.hasImpressions)
                    continue;
                const QList<QString> row = reference.value(key);
                QCOMPARE(row.value(2).toDouble(), day.uniqueImpressions);
                QCOMPARE(row.value(4).isNull(), !day.conversionRate.has_value());
                if (day.conversionRate)
                    QVERIFY(qFuzzyCompare(row.value(4).toDouble(), *day.conversionRate));
                ++compared;
            }
        }
        QCOMPARE(compared, reference.size());
    }

    void onlyCheckedValuesReachTheSql()
    {
        QVERIFY(!ascsync::metrics::loadDailyConversion(*m_db, u"111' OR '1'='1"_s, QDate(2026, 11, 1),
                                                       QDate(2026, 11, 30)));
        QVERIFY(!ascsync::metrics::loadDailyConversion(*m_db, u"111"_s, QDate(), QDate(2026, 11, 30)));
    }

    void noAnalyticsYetSaysWhatToDo()
    {
        QTemporaryDir dir;
        auto empty = openSqlite(dir.filePath(u"empty.db"_s));
        QVERIFY(empty);
        const auto apps = ascsync::metrics::loadAnalyticsApps(*empty);
        QVERIFY(!apps);
        QCOMPARE(apps.error().code, u"metrics.noAnalytics"_s);
        QVERIFY2(apps.errorMessage().contains(u"run a sync"_s), qPrintable(apps.errorMessage()));
        const auto days =
            ascsync::metrics::loadDailyConversion(*empty, u"111"_s, QDate(2026, 11, 1), QDate(2026, 11, 30));
        QVERIFY(!days);
        QCOMPARE(days.error().code, u"metrics.noAnalytics"_s);
    }
};

QTEST_GUILESS_MAIN(TestConversionMetrics)
#include "tst_conversionmetrics.moc"
