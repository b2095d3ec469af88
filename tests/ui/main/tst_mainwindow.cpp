// The main window against the real simulator: status table and headline, Sync now on its worker thread with
// progress, outcome and history, Cancel, the dashboard's series against the reference conversion-rate
// query, and the small parts (activity log, schedule, window state).
#include "uitestenvironment.h"

#include "ascsync/testpaths.h"
#include "core/schedule/syncschedule.h"
#include "ui/dashboard/dashboardwidget.h"
#include "ui/main/activitylogmodel.h"
#include "ui/main/activitylogpanel.h"
#include "ui/main/appstartup.h"
#include "ui/main/coveragecalendar.h"
#include "ui/main/coveragedialog.h"
#include "ui/main/mainwindow.h"
#include "ui/main/runhistorymodel.h"
#include "ui/main/statustablemodel.h"
#include "ui/main/syncprogresspanel.h"
#include "ui/main/synctrayicon.h"
#include "ui/wizard/settingsdialog.h"
#include "ui/wizard/setupwizard.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;
using ascsync::ui::ActivityLevel;
using ascsync::ui::MainWindow;
using ascsync::ui::StatusTableModel;

namespace {

const QStringList kStreams{u"analytics:downloads"_s, u"analytics:discovery_and_engagement"_s,
                           u"sales:SALES/SUMMARY/DAILY"_s};
// Three apps: the first has both requests, the second's ONGOING request was stopped for inactivity (the
// simulator stops the last enabled app's), the third has none.
const QStringList kSandboxFlags{u"--seed"_s,         u"11"_s,         u"--apps"_s,          u"3"_s,
                                u"--enabled-apps"_s, u"2"_s,          u"--history-start"_s, u"2026-11-06"_s,
                                u"--today"_s,        u"2026-11-20"_s, u"--traffic-scale"_s, u"0.05"_s};
constexpr int kSyncTimeoutMs = 90000;

QString sharedDir()
{
    const QString fromEnvironment = qEnvironmentVariable("ASCSYNC_SHARED_DIR");
    return fromEnvironment.isEmpty() ? QStringLiteral(ASCSYNC_SOURCE_DIR "/../shared") : fromEnvironment;
}

struct ReferenceRow {
    double impressions = 0;
    QVariant downloads;
    QVariant conversionRate;
};

// (app name, date) -> the verbatim reference query's row, run by QtSql on the destination file.
QHash<QPair<QString, QDate>, ReferenceRow> referenceConversionRates(const QString &sqlitePath, QString *error)
{
    QFile file(sharedDir() + u"/reference/conversion-rate.sql"_s);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read conversion-rate.sql"_s;
        return {};
    }
    const QString sql = QString::fromUtf8(file.readAll());
    QHash<QPair<QString, QDate>, ReferenceRow> rows;
    const QString name = QUuid::createUuid().toString();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(u":memory:"_s);
        if (!db.open()) {
            *error = db.lastError().text();
            return {};
        }
        QSqlQuery attach(db);
        attach.prepare(u"ATTACH DATABASE ? AS apple_app_store"_s);
        attach.addBindValue(sqlitePath);
        QSqlQuery query(db);
        if (!attach.exec() || !query.exec(sql)) {
            *error = attach.lastError().text() + query.lastError().text();
        }
        while (query.next()) {
            const QDate date = QDate::fromString(query.value(1).toString().left(10), Qt::ISODate);
            rows.insert(qMakePair(query.value(0).toString(), date),
                        ReferenceRow{query.value(2).toDouble(), query.value(3), query.value(4)});
        }
    }
    QSqlDatabase::removeDatabase(name);
    return rows;
}

qint64 rowCount(const QString &sqlitePath, const QString &table)
{
    const QString name = QUuid::createUuid().toString();
    qint64 count = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(sqlitePath);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(u"SELECT count(*) FROM \"%1\""_s.arg(table)) && query.next()) {
                count = query.value(0).toLongLong();
            }
        }
    }
    QSqlDatabase::removeDatabase(name);
    return count;
}

struct ExpectedDay {
    double units = 0;
    QMap<QString, double> proceeds; // per currency of proceeds
};

// The app's daily units and proceeds computed here from every raw row of sales_summary (C++, not SQL): its
// own rows by Apple Identifier (updates are not units), its in-app purchases by Parent Identifier = its SKU.
QMap<QDate, ExpectedDay> expectedSales(const QString &sqlitePath, const QString &appId)
{
    struct Row {
        QString appleId, parent, sku, productType, currency;
        QDate begin, end;
        double units = 0, proceeds = 0;
    };
    QList<Row> rows;
    const QString name = QUuid::createUuid().toString();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(sqlitePath);
        if (db.open()) {
            QSqlQuery query(db);
            query.exec(
                u"SELECT apple_identifier, parent_identifier, sku, product_type_identifier, "
                u"currency_of_proceeds, begin_date, end_date, units, developer_proceeds FROM sales_summary"_s);
            while (query.next()) {
                rows.append({query.value(0).toString(), query.value(1).toString(), query.value(2).toString(),
                             query.value(3).toString(), query.value(4).toString(),
                             QDate::fromString(query.value(5).toString().left(10), Qt::ISODate),
                             QDate::fromString(query.value(6).toString().left(10), Qt::ISODate),
                             query.value(7).toDouble(), query.value(8).toDouble()});
            }
        }
    }
    QSqlDatabase::removeDatabase(name);
    QSet<QString> skus;
    for (const Row &row : rows) {
        if (row.appleId == appId) {
            skus.insert(row.sku);
        }
    }
    QMap<QDate, ExpectedDay> days;
    for (const Row &row : rows) {
        const bool own = row.appleId == appId;
        if (row.begin != row.end || (!own && !skus.contains(row.parent))) {
            continue;
        }
        ExpectedDay &day = days[row.begin];
        if (own && !QStringList{u"7"_s, u"7F"_s, u"7T"_s, u"F7"_s}.contains(row.productType)) {
            day.units += row.units;
        }
        if (row.units * row.proceeds != 0) {
            day.proceeds[row.currency] += row.units * row.proceeds;
        }
    }
    return days;
}

// With ASCSYNC_UI_SCREENSHOTS=DIR, saves the window as DIR/NAME.png, to look at (best under Xvfb).
void saveScreenshot(QWidget *window, const QString &name)
{
    const QString dir = qEnvironmentVariable("ASCSYNC_UI_SCREENSHOTS");
    if (!dir.isEmpty()) {
        QCoreApplication::processEvents();
        window->grab().save(dir + u'/' + name + u".png"_s);
    }
}

template <typename T> T *findTopLevel()
{
    const auto widgets = QApplication::topLevelWidgets();
    for (QWidget *widget : widgets) {
        if (auto *found = qobject_cast<T *>(widget)) {
            return found;
        }
    }
    return nullptr;
}

QStringList columnTexts(const QAbstractItemModel *model, int column)
{
    QStringList texts;
    for (int row = 0; row < model->rowCount(); ++row) {
        texts << model->index(row, column).data().toString();
    }
    return texts;
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

private:
    UiTestEnvironment m_env;

    // Adds the days compared to `days`.
    void compareSeriesWithReference(ascsync::ui::DashboardWidget *dashboard, int &days)
    {
        QString error;
        const auto reference = referenceConversionRates(m_env.sqlitePath(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const auto *picker = dashboard->findChild<QComboBox *>(u"dashboardAppPicker"_s);
        QVERIFY(picker);
        const QString appName = picker->currentText();
        const QList<QPointF> downloads = dashboard->downloadsSeries()->points();
        const QList<QPointF> impressions = dashboard->impressionsSeries()->points();
        const QList<QPointF> conversion = dashboard->conversionSeries()->points();
        QVERIFY(!downloads.isEmpty());
        QCOMPARE(impressions.size(), downloads.size());
        int referenceDays = 0;
        for (auto it = reference.cbegin(); it != reference.cend(); ++it) {
            referenceDays += it.key().first == appName ? 1 : 0;
        }
        QCOMPARE(impressions.size(), referenceDays);
        int conversionIndex = 0;
        int fractional = 0;
        for (qsizetype i = 0; i < impressions.size(); ++i) {
            const QDate date = QDateTime::fromMSecsSinceEpoch(qint64(impressions[i].x())).date();
            const auto key = qMakePair(appName, date);
            QVERIFY2(reference.contains(key), qPrintable(appName + u' ' + date.toString(Qt::ISODate)));
            const ReferenceRow &row = reference.value(key);
            QCOMPARE(impressions[i].y(), row.impressions);
            QCOMPARE(downloads[i].y(), row.downloads.isNull() ? 0.0 : row.downloads.toDouble());
            if (row.conversionRate.isNull()) {
                continue;
            }
            QVERIFY(conversionIndex < conversion.size());
            const QPointF point = conversion[conversionIndex++];
            QCOMPARE(QDateTime::fromMSecsSinceEpoch(qint64(point.x())).date(), date);
            const double want = row.conversionRate.toDouble();
            QVERIFY2(std::abs(point.y() - want) <= 1e-9 * std::max(1.0, want),
                     qPrintable(u"%1 vs %2"_s.arg(point.y()).arg(want)));
            fractional += point.y() != std::floor(point.y()) ? 1 : 0;
        }
        QCOMPARE(conversionIndex, conversion.size());
        QVERIFY2(fractional > 0, "conversion rates must not be truncated to whole numbers");
        days += int(impressions.size());
    }

    // Shows app `index` of the dashboard's picker and compares its sales charts with the raw rows.
    void checkSales(ascsync::ui::DashboardWidget *dashboard, int index, QSet<QString> &currencies)
    {
        QSignalSpy salesSpy(dashboard, &ascsync::ui::DashboardWidget::salesLoaded);
        dashboard->findChild<QComboBox *>(u"dashboardAppPicker"_s)->setCurrentIndex(index);
        dashboard->reloadSeries(); // the newest read is the one that answers
        QVERIFY(salesSpy.wait(30000));
        const auto expected = expectedSales(m_env.sqlitePath(), dashboard->selectedAppId());
        QVERIFY2(!expected.isEmpty(), "no sales rows for the app");
        QCOMPARE(dashboard->sales().size(), expected.size());
        QSet<QString> appCurrencies;
        for (const ascsync::metrics::DailySales &day : dashboard->sales()) {
            QVERIFY(expected.contains(day.date));
            QCOMPARE(day.units, expected.value(day.date).units);
            QCOMPARE(day.proceedsByCurrency.keys(), expected.value(day.date).proceeds.keys());
            for (auto it = day.proceedsByCurrency.cbegin(); it != day.proceedsByCurrency.cend(); ++it) {
                QVERIFY(std::abs(it.value() - expected.value(day.date).proceeds.value(it.key())) < 1e-6);
                appCurrencies.insert(it.key());
            }
        }
        QCOMPARE(dashboard->unitsSeries()->count(), int(expected.size()));
        QCOMPARE(dashboard->proceedsSeries().size(), int(appCurrencies.size()));
        for (QLineSeries *series : dashboard->proceedsSeries()) {
            const QString currency = series->objectName().section(u'_', 1);
            QVERIFY(appCurrencies.contains(currency));
            QCOMPARE(series->name(), currency);
            double sum = 0;
            double want = 0;
            for (const QPointF &point : series->points()) {
                sum += point.y();
            }
            for (const ExpectedDay &day : expected) {
                want += day.proceeds.value(currency);
            }
            QVERIFY2(std::abs(sum - want) < 1e-6, qPrintable(currency));
        }
        // One currency at a time, the picker's.
        const auto *currencyPicker = dashboard->findChild<QComboBox *>(u"dashboardCurrencyPicker"_s);
        QCOMPARE(currencyPicker->count(), int(appCurrencies.size()));
        if (!appCurrencies.isEmpty()) {
            const QString picked = currencyPicker->currentText();
            QCOMPARE(dashboard->proceedsLine()->name(), picked);
            QCOMPARE(dashboard->proceedsLine()->points(),
                     dashboard->findChild<QLineSeries *>(u"proceedsSeries_"_s + picked)->points());
        }
        currencies.unite(appCurrencies);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_env.start(kSandboxFlags));
        QVERIFY(m_env.writeSettings(m_env.readerSettings(kStreams)));
    }

    void emptyStateWithoutSettings()
    {
        MainWindow window(m_env.settingsPath() + u".missing"_s);
        window.show();
        QVERIFY(!window.isConfigured());
        const auto *pages = window.findChild<QStackedWidget *>();
        QVERIFY(pages);
        QCOMPARE(pages->currentWidget()->objectName(), u"emptyStatePage"_s);
        QVERIFY(window.findChild<QPushButton *>(u"runSetupButton"_s)->isVisible());
        QVERIFY(!window.findChild<QAction *>(u"syncNowAction"_s)->isEnabled());
    }

    void startupShowsTheWizardOnlyWithoutSettings()
    {
        {
            ascsync::ui::AppStartup startup(m_env.settingsPath() + u".missing"_s);
            startup.start();
            QVERIFY(!startup.mainWindow()->isVisible());
            QVERIFY(findTopLevel<ascsync::ui::SetupWizard>());
            QVERIFY(findTopLevel<ascsync::ui::SetupWizard>()->isVisible());
        }
        QVERIFY(!findTopLevel<ascsync::ui::SetupWizard>());
        ascsync::ui::AppStartup configured(m_env.settingsPath());
        configured.start();
        QVERIFY(configured.mainWindow()->isVisible());
        QVERIFY(!findTopLevel<ascsync::ui::SetupWizard>());
        QSignalSpy statusSpy(configured.mainWindow(), &MainWindow::statusRefreshed);
        QVERIFY(statusSpy.wait(30000)); // the window's status read ends before it goes
    }

    void settingsActionOpensTheSettingsDialog()
    {
        MainWindow window(m_env.settingsPath());
        QSignalSpy statusSpy(&window, &MainWindow::statusRefreshed);
        window.show();
        window.findChild<QAction *>(u"settingsAction"_s)->trigger();
        auto *dialog = window.findChild<ascsync::ui::SettingsDialog *>(u"settingsDialog"_s);
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->settings().keyId, window.settings().keyId);
        QCOMPARE(dialog->settings().destination, window.settings().destination);
        dialog->reject();
        QVERIFY(!statusSpy.isEmpty() || statusSpy.wait(30000));
    }

    void statusTableShowsAHandBuiltReport()
    {
        ascsync::status::StatusReport report;
        report.destinationChecked = true;
        ascsync::status::AppStatus ready;
        ready.appId = u"1000000001"_s;
        ready.name = u"Ready App"_s;
        ready.ongoing = ascsync::status::OngoingState::Active;
        ready.snapshot = ascsync::status::SnapshotState::Present;
        ready.reportCount = 12;
        ready.readiness = ascsync::status::Readiness::Ready;
        ascsync::status::AppStatus missing;
        missing.appId = u"1000000002"_s;
        missing.name = u"New App"_s;
        missing.readiness = ascsync::status::Readiness::NeedsSetup;
        missing.nextSteps = {u"Create the report requests with Admin Setup."_s, u"Then wait a day."_s};
        report.apps = {ready, missing};

        StatusTableModel model;
        model.setReport(report);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(columnTexts(&model, StatusTableModel::AppColumn),
                 (QStringList{u"Ready App"_s, u"New App"_s}));
        QCOMPARE(columnTexts(&model, StatusTableModel::ReadinessColumn),
                 (QStringList{u"Ready"_s, u"Needs admin setup"_s}));
        QCOMPARE(model.index(1, StatusTableModel::NextStepColumn).data().toString(),
                 u"Create the report requests with Admin Setup."_s);
        QCOMPARE(model.index(0, StatusTableModel::ReportsColumn).data().toInt(), 12);
        QCOMPARE(model.index(0, StatusTableModel::LastLoadedColumn).data().toString(), u"never"_s);
        const QString tooltip = model.index(1, StatusTableModel::AppColumn).data(Qt::ToolTipRole).toString();
        QVERIFY(tooltip.contains(u"Then wait a day."_s));
        QVERIFY(!model.index(0, StatusTableModel::ReadinessColumn)
                     .data(Qt::DecorationRole)
                     .value<QIcon>()
                     .isNull());
        QVERIFY(model.index(0, StatusTableModel::ReadinessColumn).data(Qt::BackgroundRole) !=
                model.index(1, StatusTableModel::ReadinessColumn).data(Qt::BackgroundRole));
        QCOMPARE(model.index(1, 0).data(StatusTableModel::AppIdRole).toString(), u"1000000002"_s);
    }

    void syncNowLoadsTheDestinationAndShowsTheOutcome()
    {
        MainWindow window(m_env.settingsPath());
        QSignalSpy statusSpy(&window, &MainWindow::statusRefreshed);
        QSignalSpy finishedSpy(&window, &MainWindow::syncFinished);
        QSignalSpy seriesSpy(window.dashboard(), &ascsync::ui::DashboardWidget::seriesLoaded);
        window.resize(1280, 800); // the screenshots' size
        window.show();
        QVERIFY(window.isConfigured());
        QVERIFY(statusSpy.wait(30000));

        // Apple's side before any sync: three apps, two of them lacking a request.
        const auto *headline = window.findChild<QLabel *>(u"statusHeadline"_s);
        QCOMPARE(headline->text(), u"You have 2 apps without report requests."_s);
        StatusTableModel *status = window.statusModel();
        QCOMPARE(status->rowCount(), 3);
        QStringList readiness = columnTexts(status, StatusTableModel::ReadinessColumn);
        readiness.sort();
        QCOMPARE(readiness, (QStringList{u"Needs admin setup"_s, u"Ready"_s, u"Stopped by Apple"_s}));

        auto *syncButton = window.findChild<QPushButton *>(u"syncNowButton"_s);
        QVERIFY(syncButton->isEnabled());
        QTest::mouseClick(syncButton, Qt::LeftButton);
        QVERIFY(window.isSyncRunning());
        QVERIFY(!syncButton->isEnabled());
        QVERIFY(window.findChild<QPushButton *>(u"cancelSyncButton"_s)->isEnabled());
        // The unit being loaded is named while the sync runs.
        const auto *unitLabel = window.findChild<QLabel *>(u"currentUnitLabel"_s);
        QVERIFY(unitLabel);
        QStringList unitTexts;
        QVERIFY(QTest::qWaitFor(
            [&] {
                if (unitLabel->isVisible() && !unitLabel->text().isEmpty() &&
                    !unitTexts.contains(unitLabel->text())) {
                    unitTexts << unitLabel->text();
                }
                return !finishedSpy.isEmpty();
            },
            kSyncTimeoutMs));
        const bool namedAnAnalyticsUnit =
            std::any_of(unitTexts.cbegin(), unitTexts.cend(), [](const QString &t) {
                return QRegularExpression(u"^.+ · App (Downloads|Store Discovery and Engagement) Standard · "
                                          u"\\d{4}-\\d{2}-\\d{2}: "_s)
                    .match(t)
                    .hasMatch();
            });
        QVERIFY2(namedAnAnalyticsUnit, qPrintable(unitTexts.join(u" | "_s)));
        QVERIFY(!unitLabel->isVisible()); // gone with the run
        QCOMPARE(finishedSpy.constFirst().constFirst().toBool(), true);
        QVERIFY(syncButton->isEnabled());

        const QString outcome = window.findChild<QLabel *>(u"lastOutcomeLabel"_s)->text();
        QVERIFY2(outcome.startsWith(u"Sync finished: "_s), qPrintable(outcome));
        const auto *overall = window.findChild<QProgressBar *>(u"overallProgress"_s);
        QVERIFY(overall->maximum() > 0);
        QCOMPARE(overall->value(), overall->maximum());
        for (const QString &stream : {u"analytics"_s, u"sales"_s}) {
            const auto *bar = window.findChild<QProgressBar *>(stream + u"Progress"_s);
            QVERIFY(bar->maximum() > 0);
            QCOMPARE(bar->value(), bar->maximum());
        }
        QVERIFY(window.trayIcon()->toolTip().contains(u"Sync finished"_s));

        // The history is the destination's: its newest run is this one, with the rows now in the tables.
        const auto *history = window.historyModel();
        QVERIFY(history->rowCount() >= 1);
        QCOMPARE(history->index(0, ascsync::ui::RunHistoryModel::OutcomeColumn).data().toString(),
                 u"succeeded"_s);
        const QJsonObject summary = history->runs().constFirst().summary;
        QVERIFY(summary.value(u"unitsLoaded"_s).toInt() > 0);
        const qint64 tableRows = rowCount(m_env.sqlitePath(), u"downloads"_s) +
                                 rowCount(m_env.sqlitePath(), u"discovery_and_engagement"_s) +
                                 rowCount(m_env.sqlitePath(), u"sales_summary"_s);
        QCOMPARE(summary.value(u"rowsLoaded"_s).toInteger() - summary.value(u"rowsReplaced"_s).toInteger(),
                 tableRows);
        QCOMPARE(history->index(0, ascsync::ui::RunHistoryModel::RowsColumn).data().toLongLong(),
                 summary.value(u"rowsLoaded"_s).toInteger());

        const QString log = window.activityLog()->allText();
        QVERIFY2(log.contains(u"Sync started."_s), qPrintable(log));
        // Creating a table is news, not something to act on: Info, never a yellow Warning.
        int created = 0;
        for (const ascsync::ui::ActivityEntry &entry : window.activityLog()->model()->entries()) {
            if (entry.text.contains(u"created table"_s)) {
                ++created;
                QVERIFY2(entry.level == ActivityLevel::Info, qPrintable(entry.text));
            }
        }
        QVERIFY2(created >= 3, qPrintable(log)); // downloads, discovery_and_engagement, sales_summary
        QVERIFY2(log.contains(outcome), qPrintable(log));

        // The status read after the sync knows what was loaded.
        statusSpy.clear();
        QVERIFY(statusSpy.wait(30000));
        int loaded = 0;
        for (const QString &text : columnTexts(status, StatusTableModel::LastLoadedColumn)) {
            loaded += text != u"never"_s && text != u"not checked"_s ? 1 : 0;
        }
        QVERIFY2(loaded >= 1,
                 qPrintable(columnTexts(status, StatusTableModel::LastLoadedColumn).join(u", "_s)));
        // And what this sync loaded, per app: the app with reports got units, the one without got nothing.
        const QStringList lastSync = columnTexts(status, StatusTableModel::LastSyncColumn);
        QVERIFY2(lastSync.contains(u"nothing new"_s), qPrintable(lastSync.join(u", "_s)));
        qint64 perAppRows = 0;
        for (const QString &text : lastSync) {
            const auto match = QRegularExpression(u"^(\\d+) units, ([\\d,]+) rows$"_s).match(text);
            if (match.hasMatch()) {
                perAppRows += QLocale().toLongLong(match.captured(2));
            }
        }
        // Every analytics row the sync loaded is some app's; the rest are the (vendor-wide) sales rows.
        QCOMPARE(summary.value(u"rowsLoaded"_s).toInteger() - perAppRows,
                 rowCount(m_env.sqlitePath(), u"sales_summary"_s));

        // The dashboard read the new data: its points are the reference query's, app by app.
        if (seriesSpy.isEmpty()) {
            QVERIFY(seriesSpy.wait(30000));
        }
        auto *dashboard = window.dashboard();
        auto *picker = dashboard->findChild<QComboBox *>(u"dashboardAppPicker"_s);
        QVERIFY(picker->count() >= 2);
        saveScreenshot(&window, u"main-window"_s);
        int days = 0;
        compareSeriesWithReference(dashboard, days);
        if (QTest::currentTestFailed()) {
            return;
        }
        seriesSpy.clear();
        picker->setCurrentIndex(1);
        QVERIFY(seriesSpy.wait(30000));
        compareSeriesWithReference(dashboard, days);
        QVERIFY2(days >= 10, "too few days to prove anything");

        // Money beside conversion: each app's units and proceeds per day, one line per currency of proceeds.
        QSet<QString> currencies;
        for (int app = picker->count() - 1; app >= 0; --app) {
            checkSales(dashboard, app, currencies);
            if (QTest::currentTestFailed()) {
                return;
            }
        }
        // (tst_salesmetrics proves that two currencies of one day stay apart; this small world may have one.)
        QVERIFY(!currencies.isEmpty());
        window.findChild<QTabWidget *>(u"mainTabs"_s)->setCurrentWidget(dashboard);
        saveScreenshot(&window, u"dashboard"_s);

        // Coverage per app, from the per-app status: a double-click opens the calendar of that app, computed
        // off the UI thread.
        QModelIndex readyRow;
        for (int row = 0; row < status->rowCount(); ++row) {
            if (status->index(row, StatusTableModel::ReadinessColumn).data().toString() == u"Ready"_s)
                readyRow = status->index(row, StatusTableModel::AppColumn);
        }
        QVERIFY(readyRow.isValid());
        auto *statusView = window.findChild<QTableView *>(u"statusTable"_s);
        Q_EMIT statusView->doubleClicked(readyRow);
        auto *coverage = window.findChild<ascsync::ui::CoverageDialog *>(u"coverageDialog"_s);
        QVERIFY(coverage);
        QSignalSpy shown(coverage, &ascsync::ui::CoverageDialog::coverageShown);
        QVERIFY(shown.wait(30000));
        const ascsync::status::CoverageSeries *series = coverage->calendar()->currentSeries();
        QVERIFY(series);
        QCOMPARE(series->appId, readyRow.data(StatusTableModel::AppIdRole).toString());
        QVERIFY(series->count(ascsync::status::CoverageState::Loaded) > 0);
        coverage->close();
    }

    // Issue 18: a day Apple skipped and a day lost to a duplicate instance are warned about once in the
    // activity log, listed in the app's tooltip, and shown as missing in the coverage calendar. The
    // simulator's today is the real one here, as the window judges coverage by the real clock.
    void newCoverageGapsAreWarnedAndShownInTheCalendar()
    {
        const QDate today = QDateTime::currentDateTimeUtc().date();
        const QString skipped = today.addDays(-10).toString(Qt::ISODate);
        const QString repeated = today.addDays(-6).toString(Qt::ISODate);
        UiTestEnvironment env;
        QVERIFY(env.start({u"--seed"_s, u"18"_s, u"--apps"_s, u"1"_s, u"--history-start"_s,
                           today.addDays(-40).toString(Qt::ISODate), u"--today"_s,
                           today.toString(Qt::ISODate), u"--traffic-scale"_s, u"0.05"_s,
                           u"--skip-instances"_s, skipped, u"--duplicate-instances"_s, repeated}));
        QVERIFY(env.writeSettings(env.readerSettings({u"analytics:downloads"_s})));
        MainWindow window(env.settingsPath());
        QSignalSpy statusSpy(&window, &MainWindow::statusRefreshed);
        QSignalSpy finishedSpy(&window, &MainWindow::syncFinished);
        window.show();
        QVERIFY(statusSpy.wait(30000));
        window.syncNow();
        QVERIFY(finishedSpy.wait(kSyncTimeoutMs));
        QCOMPARE(finishedSpy.constFirst().constFirst().toBool(), true);
        statusSpy.clear();
        QVERIFY(statusSpy.wait(30000));

        const QString lost =
            today.addDays(-11).toString(Qt::ISODate) + u", "_s + today.addDays(-7).toString(Qt::ISODate);
        int warned = 0;
        for (const ascsync::ui::ActivityEntry &entry : window.activityLog()->model()->entries()) {
            if (entry.text.contains(u"2 days missing for downloads DAILY"_s)) {
                ++warned;
                QCOMPARE(entry.level, ActivityLevel::Warning);
                QVERIFY2(entry.text.contains(lost) && entry.text.contains(u"ONE_TIME_SNAPSHOT"_s),
                         qPrintable(entry.text));
            }
        }
        QCOMPARE(warned, 1);
        StatusTableModel *status = window.statusModel();
        QCOMPARE(status->rowCount(), 1);
        QVERIFY(status->index(0, 0).data(Qt::ToolTipRole).toString().contains(lost));
        // A second status read does not warn again.
        window.refreshStatus();
        statusSpy.clear();
        QVERIFY(statusSpy.wait(30000));
        int again = 0;
        for (const ascsync::ui::ActivityEntry &entry : window.activityLog()->model()->entries())
            again += entry.text.contains(u"2 days missing for downloads DAILY"_s) ? 1 : 0;
        QCOMPARE(again, 1);

        window.openCoverage(status->index(0, 0).data(StatusTableModel::AppIdRole).toString());
        auto *coverage = window.findChild<ascsync::ui::CoverageDialog *>(u"coverageDialog"_s);
        QVERIFY(coverage);
        QSignalSpy shown(coverage, &ascsync::ui::CoverageDialog::coverageShown);
        QVERIFY(shown.wait(30000));
        const ascsync::status::CoverageSeries *series = coverage->calendar()->currentSeries();
        QVERIFY(series);
        QCOMPARE(
            series->ranges(ascsync::status::CoverageState::Missing),
            QStringList({today.addDays(-11).toString(Qt::ISODate), today.addDays(-7).toString(Qt::ISODate)}));
        coverage->close();
    }

    void cancelStopsARun()
    {
        ascsync::config::Settings settings = m_env.readerSettings(kStreams);
        settings.destination = u"sqlite:"_s + m_env.sqlitePath() + u".cancelled.db"_s;
        const QString path = m_env.settingsPath() + u".cancel.conf"_s;
        QVERIFY(ascsync::config::SettingsFile::save(path, settings).ok());
        MainWindow window(path);
        QSignalSpy finishedSpy(&window, &MainWindow::syncFinished);
        window.show();
        window.syncNow();
        QVERIFY(window.isSyncRunning());
        QTest::mouseClick(window.findChild<QPushButton *>(u"cancelSyncButton"_s), Qt::LeftButton);
        QVERIFY(finishedSpy.wait(kSyncTimeoutMs));
        QCOMPARE(finishedSpy.constFirst().constFirst().toBool(), false);
        const QString outcome = window.findChild<QLabel *>(u"lastOutcomeLabel"_s)->text();
        QVERIFY2(outcome.contains(u"cancel"_s, Qt::CaseInsensitive), qPrintable(outcome));
        QVERIFY(!window.findChild<QPushButton *>(u"cancelSyncButton"_s)->isEnabled());
        // Let the status read that follows every run end before the window goes.
        QSignalSpy statusSpy(&window, &MainWindow::statusRefreshed);
        QVERIFY(statusSpy.wait(30000));
    }

    void activityLogFiltersAndCopies()
    {
        ascsync::ui::ActivityLogPanel panel;
        panel.append(ActivityLevel::Info, u"Downloads loaded"_s);
        panel.append(ActivityLevel::Warning, u"Sales report not published yet"_s);
        panel.append(ActivityLevel::Error, u"Finance failed"_s);
        QCOMPARE(panel.allText().split(u'\n').size(), 3);

        auto *level = panel.findChild<QComboBox *>(u"activityLevelFilter"_s);
        level->setCurrentIndex(1); // warnings and errors
        QStringList lines = panel.allText().split(u'\n');
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines.at(0).endsWith(u"Warning  Sales report not published yet"_s));

        auto *search = panel.findChild<QLineEdit *>(u"activitySearch"_s);
        QTest::keyClicks(search, u"FINANCE"_s);
        lines = panel.allText().split(u'\n');
        QCOMPARE(lines.size(), 1);
        QVERIFY(lines.at(0).endsWith(u"Error  Finance failed"_s));

        QTest::mouseClick(panel.findChild<QPushButton *>(u"copyAllLogButton"_s), Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), lines.at(0));
        search->clear();
        level->setCurrentIndex(0);
        QCOMPARE(panel.allText().split(u'\n').size(), 3);

        // Ctrl+C in the list copies the selected rows only.
        panel.show();
        QVERIFY(QTest::qWaitForWindowActive(&panel));
        auto *view = panel.findChild<QTableView *>(u"activityLogView"_s);
        view->selectRow(1);
        view->setFocus();
        QTest::keySequence(view, QKeySequence::Copy);
        QVERIFY(QApplication::clipboard()->text().endsWith(u"Warning  Sales report not published yet"_s));
        QCOMPARE(QApplication::clipboard()->text().count(u'\n'), 0);
    }

    void theScheduleDrivesTheTimer_data()
    {
        QTest::addColumn<QString>("schedule");
        QTest::addColumn<bool>("timed");
        QTest::newRow("manual") << u"manual"_s << false;
        QTest::newRow("daily") << u"daily 06:00"_s << true;
        QTest::newRow("every 6h") << u"every 6h"_s << true;
        QTest::newRow("not understood") << u"fortnightly"_s << false;
    }

    void theScheduleDrivesTheTimer()
    {
        QFETCH(QString, schedule);
        QFETCH(bool, timed);
        ascsync::config::Settings settings = m_env.readerSettings(kStreams);
        settings.schedule = ascsync::config::ScheduleSetting::fromText(schedule);
        const QString path = m_env.settingsPath() + u".schedule.conf"_s;
        QVERIFY(ascsync::config::SettingsFile::save(path, settings).ok());
        MainWindow window(path);
        QSignalSpy statusSpy(&window, &MainWindow::statusRefreshed);
        const QString label = window.findChild<QLabel *>(u"scheduleLabel"_s)->text();
        const auto parsed = ascsync::schedule::SyncSchedule::parse(schedule);
        if (timed) {
            const QDateTime next = parsed->nextRun(QDateTime::currentDateTime());
            QCOMPARE(label, u"Next sync: "_s + QLocale().toString(next, QLocale::ShortFormat));
        } else {
            QCOMPARE(label, u"Syncs only on demand"_s);
        }
        if (!parsed) {
            // A schedule ascsync cannot read does not block the rest: the window works on demand and says
            // why.
            QVERIFY(window.isConfigured());
            const QString log = window.activityLog()->allText();
            QVERIFY2(log.contains(parsed.errorMessage()), qPrintable(log));
        }
        QVERIFY(statusSpy.wait(30000)); // the window's status read ends before it goes
    }

    // The apps are what the window is for: at the common laptop and desktop sizes the table shows many rows,
    // and the history has a tab of its own.
    void theAppsTableHasTheRoom_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1280x800") << QSize(1280, 800);
        QTest::newRow("1920x1080") << QSize(1920, 1080);
    }

    void theAppsTableHasTheRoom()
    {
        QFETCH(QSize, size);
        MainWindow window(m_env.settingsPath());
        QSignalSpy statusSpy(&window, &MainWindow::statusRefreshed);
        window.resize(size);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(statusSpy.wait(30000));
        auto *table = window.findChild<QTableView *>(u"statusTable"_s);
        const int rows = table->viewport()->height() / table->verticalHeader()->defaultSectionSize();
        QVERIFY2(rows >= 10, qPrintable(u"%1 rows fit"_s.arg(rows)));
        QVERIFY2(table->height() * 2 >= window.height(),
                 qPrintable(u"%1 of %2"_s.arg(table->height()).arg(window.height())));
        QVERIFY(!window.findChild<QWidget *>(u"appsPage"_s)->findChild<QTableView *>(u"runHistoryView"_s));
        QVERIFY(window.findChild<QWidget *>(u"historyPage"_s)->findChild<QTableView *>(u"runHistoryView"_s));
        saveScreenshot(&window, u"apps-%1x%2"_s.arg(size.width()).arg(size.height()));
    }

    void progressNamesTheUnitItLoads()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        ascsync::ui::SyncProgressPanel panel;
        panel.show();
        panel.runStarted();
        ascsync::sync::UnitActivity unit;
        unit.stream = u"analytics"_s;
        unit.app = u"Quiet Hours"_s;
        unit.report = u"App Downloads Standard"_s;
        unit.date = u"2026-11-20"_s;
        unit.bytesTotal = 400;
        unit.budgetRemaining = 80;
        unit.budgetLimit = 3600;
        unit.pacing = true;
        panel.setUnitActivity(unit);
        auto *label = panel.findChild<QLabel *>(u"currentUnitLabel"_s);
        QTRY_COMPARE(label->text(),
                     u"Quiet Hours · App Downloads Standard · 2026-11-20: loading · Apple request "
                     u"budget: 80 of 3,600 left this hour, pacing requests"_s);
        QTest::qWait(5); // some time passes, so there is a rate
        unit.phase = ascsync::sync::UnitActivity::Phase::Loading;
        unit.rows = 40000;
        unit.bytesRead = 100;
        panel.setUnitActivity(unit);
        QTRY_VERIFY2(label->text().contains(u": 40,000 rows, "_s), qPrintable(label->text()));
        QVERIFY2(QRegularExpression(u": 40,000 rows, [\\d,]+ rows/s, about .+ left · Apple request budget"_s)
                     .match(label->text())
                     .hasMatch(),
                 qPrintable(label->text()));
        QVERIFY(label->isVisible());
        panel.runFinished(u"Sync finished."_s, true);
        QVERIFY(!label->isVisible());
    }

    void windowGeometryIsRemembered()
    {
        QSize saved;
        {
            MainWindow window(m_env.settingsPath() + u".missing"_s);
            window.show();
            window.resize(811, 633);
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            saved = window.size();
            window.close();
        }
        MainWindow again(m_env.settingsPath() + u".missing"_s);
        again.show();
        QCOMPARE(again.size(), saved);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
