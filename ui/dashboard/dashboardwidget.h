#pragma once

#include "config/settings.h"
#include "dashboard/dashboardqueries.h"

#include <QWidget>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineSeries;
class QChartView;
class QValueAxis;

namespace ascsync::ui {

// Per app and day: downloads (first-time + redownloads), unique impressions, and the conversion rate,
// read from the destination on a worker thread. An app picker and a date range choose what is shown.
class DashboardWidget : public QWidget {
    Q_OBJECT
public:
    explicit DashboardWidget(QWidget *parent = nullptr);

    void setSettings(const config::Settings &settings);

    QLineSeries *downloadsSeries() const { return m_downloads; }
    QLineSeries *impressionsSeries() const { return m_impressions; }
    QLineSeries *conversionSeries() const { return m_conversion; }
    const QList<DailyMetrics> &metrics() const { return m_metrics; }
    QString selectedAppId() const;

public Q_SLOTS:
    // Reads the list of apps again (after a sync), keeping the chosen app and range when they still exist.
    void refresh();
    void reloadSeries();

Q_SIGNALS:
    void appsLoaded();
    void seriesLoaded();

private:
    void showApps(const QList<DashboardApp> &apps);
    void showMetrics(const QList<DailyMetrics> &metrics);
    void showMessage(const QString &text);

    config::Settings m_settings;
    bool m_hasSettings = false;
    bool m_populating = false;
    int m_seriesGeneration = 0;
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
};

} // namespace ascsync::ui
