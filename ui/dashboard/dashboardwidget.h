#pragma once

#include "dashboardqueries.h"

#include "core/config/settings.h"

#include <QWidget>

class QComboBox;
class QDateEdit;
class QLabel;
class QLayout;
class QLineSeries;
class QChartView;
class QValueAxis;

namespace ascsync::ui {

// Per app and day: downloads (first-time + redownloads), unique impressions, and the conversion rate; and
// from the summary sales reports the app's units and developer proceeds, one line per currency of proceeds
// (never summed across currencies). Read from the destination on worker threads; an app picker and a date
// range choose what is shown.
class DashboardWidget : public QWidget {
    Q_OBJECT
public:
    explicit DashboardWidget(QWidget *parent = nullptr);

    void setSettings(const config::Settings &settings);

    QLineSeries *downloadsSeries() const { return m_downloads; }
    QLineSeries *impressionsSeries() const { return m_impressions; }
    QLineSeries *conversionSeries() const { return m_conversion; }
    const QList<DailyMetrics> &metrics() const { return m_metrics; }
    QLineSeries *unitsSeries() const { return m_units; }
    // One series per currency of proceeds, named after it ("EUR") and found by objectName
    // "proceedsSeries_EUR"; only the one the currency picker shows is visible.
    QList<QLineSeries *> proceedsSeries() const { return m_proceeds; }
    const QList<metrics::DailySales> &sales() const { return m_sales; }
    QLineSeries *proceedsLine() const { return m_proceedsLine; }
    QString selectedAppId() const;

public Q_SLOTS:
    // Reads the list of apps again (after a sync), keeping the chosen app and range when they still exist.
    void refresh();
    void reloadSeries();

Q_SIGNALS:
    void appsLoaded();
    void seriesLoaded();
    void salesLoaded();

private:
    void setUpControls();
    void setUpCharts();
    QLayout *buildControlsRow();
    QWidget *buildChartRows();
    void showApps(const QList<DashboardApp> &apps);
    void showMetrics(const QList<DailyMetrics> &metrics);
    void showMessage(const QString &text);
    void reloadSales(const QString &appId, const QDate &from, const QDate &to);
    void showSales(const QList<metrics::DailySales> &sales, const QDate &from, const QDate &to);
    void showCurrency();

    config::Settings m_settings;
    bool m_hasSettings = false;
    bool m_populating = false;
    int m_seriesGeneration = 0;
    int m_salesGeneration = 0;
    QList<DashboardApp> m_apps;
    QList<DailyMetrics> m_metrics;
    QComboBox *m_appPicker;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QLabel *m_message;
    QChartView *m_countsView;
    QChartView *m_rateView;
    QLineSeries *m_downloads;
    QLineSeries *m_impressions;
    QLineSeries *m_conversion;
    QValueAxis *m_impressionsAxis;
    QValueAxis *m_downloadsAxis;
    QValueAxis *m_rateAxis;
    QLabel *m_salesMessage;
    QChartView *m_unitsView;
    QChartView *m_proceedsView;
    QLineSeries *m_units;
    QValueAxis *m_unitsAxis;
    QValueAxis *m_proceedsAxis;
    QList<QLineSeries *> m_proceeds;
    QList<metrics::DailySales> m_sales;
    QComboBox *m_currencyPicker;
    QLineSeries *m_proceedsLine; // the picked currency's proceeds, the one line on the chart
};

} // namespace ascsync::ui
