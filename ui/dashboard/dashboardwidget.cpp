#include "dashboardwidget.h"

#include "ui/common/backgroundtask.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateEdit>
#include <QDateTimeAxis>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QMap>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QVBoxLayout>
#include <QValueAxis>

using namespace Qt::StringLiterals;

namespace ascsync::ui {

namespace {

constexpr int kDefaultDays = 30;

// QDateTimeAxis (Qt 6.4) shows local time, so each day is placed at its local midnight.
qreal chartX(const QDate &date)
{
    return qreal(date.startOfDay().toMSecsSinceEpoch());
}

QChartView *makeChartView(const QString &title, QWidget *parent)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    chart->legend()->setAlignment(Qt::AlignBottom);
    auto *axisX = new QDateTimeAxis(chart);
    axisX->setFormat(u"MMM d"_s);
    chart->addAxis(axisX, Qt::AlignBottom);
    auto *view = new QChartView(chart, parent);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(200);
    return view;
}

// Puts `series` on the chart's date axis and on `valueAxis` (added at `alignment` when new to the chart).
void attach(QChartView *view, QLineSeries *series, QValueAxis *valueAxis, Qt::Alignment alignment)
{
    view->chart()->addSeries(series);
    if (!view->chart()->axes().contains(valueAxis)) {
        view->chart()->addAxis(valueAxis, alignment);
    }
    series->attachAxis(view->chart()->axes(Qt::Horizontal).constFirst());
    series->attachAxis(valueAxis);
}

QValueAxis *makeValueAxis(const QString &labelFormat, QObject *parent)
{
    auto *axis = new QValueAxis(parent);
    axis->setLabelFormat(labelFormat);
    axis->setRange(0, 1);
    return axis;
}

void fitValueAxis(QValueAxis *axis, double maxY)
{
    axis->setRange(0, maxY > 0 ? maxY * 1.1 : 1);
    axis->applyNiceNumbers();
}

} // namespace

DashboardWidget::DashboardWidget(QWidget *parent)
    : QWidget(parent)
    , m_appPicker(new QComboBox(this))
    , m_from(new QDateEdit(this))
    , m_to(new QDateEdit(this))
    , m_message(new QLabel(this))
    , m_countsView(makeChartView(u"Downloads and unique impressions per day"_s, this))
    , m_rateView(makeChartView(u"Conversion rate per day (%)"_s, this))
    , m_downloads(new QLineSeries(this))
    , m_impressions(new QLineSeries(this))
    , m_conversion(new QLineSeries(this))
    , m_impressionsAxis(makeValueAxis(u"%.0f"_s, this))
    , m_downloadsAxis(makeValueAxis(u"%.0f"_s, this))
    , m_rateAxis(makeValueAxis(u"%.1f"_s, this))
    , m_salesMessage(new QLabel(this))
    , m_unitsView(makeChartView(u"Units per day (sales reports)"_s, this))
    , m_proceedsView(makeChartView(u"Developer proceeds per day"_s, this))
    , m_units(new QLineSeries(this))
    , m_unitsAxis(makeValueAxis(u"%.0f"_s, this))
    , m_proceedsAxis(makeValueAxis(u"%.2f"_s, this))
    , m_currencyPicker(new QComboBox(this))
    , m_proceedsLine(new QLineSeries(this))
{
    setUpControls();
    setUpCharts();
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buildControlsRow());
    layout->addWidget(m_message);
    layout->addWidget(buildChartRows(), 1);
    layout->addWidget(m_salesMessage);
    showMessage(u"Run a sync to see your apps' downloads and conversion rates here."_s);
}

void DashboardWidget::setUpControls()
{
    m_appPicker->setObjectName(u"dashboardAppPicker"_s);
    m_appPicker->setAccessibleName(u"App"_s);
    m_appPicker->setMinimumContentsLength(24);
    m_from->setObjectName(u"dashboardFrom"_s);
    m_to->setObjectName(u"dashboardTo"_s);
    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(u"yyyy-MM-dd"_s);
    }
    m_message->setObjectName(u"dashboardMessage"_s);
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText); // may quote app names and database errors

    m_currencyPicker->setObjectName(u"dashboardCurrencyPicker"_s);
    m_currencyPicker->setAccessibleName(u"Currency of proceeds"_s);
    m_currencyPicker->setToolTip(
        u"Proceeds are shown per currency of proceeds, never added across currencies"_s);
    m_currencyPicker->setEnabled(false);
    connect(m_currencyPicker, &QComboBox::currentIndexChanged, this, &DashboardWidget::showCurrency);
    connect(m_appPicker, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_populating) {
            reloadSeries();
        }
    });
    connect(m_from, &QDateEdit::editingFinished, this, &DashboardWidget::reloadSeries);
    connect(m_to, &QDateEdit::editingFinished, this, &DashboardWidget::reloadSeries);
}

void DashboardWidget::setUpCharts()
{
    m_downloads->setName(u"Downloads (first-time + redownloads)"_s);
    m_downloads->setObjectName(u"downloadsSeries"_s);
    m_impressions->setName(u"Unique impressions"_s);
    m_impressions->setObjectName(u"impressionsSeries"_s);
    m_conversion->setName(u"Conversion rate"_s);
    m_conversion->setObjectName(u"conversionSeries"_s);
    // The charts take ownership of their series.
    // Impressions outnumber downloads many times over: each gets its own scale (left and right) so both
    // curves are readable.
    attach(m_countsView, m_impressions, m_impressionsAxis, Qt::AlignLeft);
    attach(m_countsView, m_downloads, m_downloadsAxis, Qt::AlignRight);
    attach(m_rateView, m_conversion, m_rateAxis, Qt::AlignLeft);
    m_units->setName(u"Units (without updates)"_s);
    m_units->setObjectName(u"unitsSeries"_s);
    m_proceedsView->chart()->legend()->hide(); // one currency at a time, named in the title
    attach(m_unitsView, m_units, m_unitsAxis, Qt::AlignLeft);
    m_proceedsLine->setObjectName(u"proceedsShownSeries"_s);
    attach(m_proceedsView, m_proceedsLine, m_proceedsAxis, Qt::AlignLeft);
    m_salesMessage->setObjectName(u"dashboardSalesMessage"_s);
    m_salesMessage->setWordWrap(true);
    m_salesMessage->hide();
}

QLayout *DashboardWidget::buildControlsRow()
{
    auto *reload = new QPushButton(u"&Reload"_s, this);
    reload->setObjectName(u"dashboardReloadButton"_s);
    connect(reload, &QPushButton::clicked, this, &DashboardWidget::refresh);
    auto *controls = new QHBoxLayout;
    auto *appLabel = new QLabel(u"A&pp:"_s, this);
    appLabel->setBuddy(m_appPicker);
    auto *fromLabel = new QLabel(u"&From:"_s, this);
    fromLabel->setBuddy(m_from);
    auto *toLabel = new QLabel(u"T&o:"_s, this);
    toLabel->setBuddy(m_to);
    controls->addWidget(appLabel);
    controls->addWidget(m_appPicker, 1);
    controls->addWidget(fromLabel);
    controls->addWidget(m_from);
    controls->addWidget(toLabel);
    controls->addWidget(m_to);
    auto *currencyLabel = new QLabel(u"&Currency:"_s, this);
    currencyLabel->setBuddy(m_currencyPicker);
    controls->addWidget(currencyLabel);
    controls->addWidget(m_currencyPicker);
    controls->addWidget(reload);
    return controls;
}

// Two rows, side by side: conversion above, money below.
QWidget *DashboardWidget::buildChartRows()
{
    auto *charts = new QSplitter(Qt::Horizontal, this);
    charts->setObjectName(u"dashboardCharts"_s);
    charts->addWidget(m_countsView);
    charts->addWidget(m_rateView);
    charts->setStretchFactor(0, 3);
    charts->setStretchFactor(1, 2);
    auto *salesCharts = new QSplitter(Qt::Horizontal, this);
    salesCharts->setObjectName(u"dashboardSalesCharts"_s);
    salesCharts->addWidget(m_unitsView);
    salesCharts->addWidget(m_proceedsView);
    salesCharts->setStretchFactor(0, 1);
    salesCharts->setStretchFactor(1, 1);
    auto *rows = new QSplitter(Qt::Vertical, this);
    rows->addWidget(charts);
    rows->addWidget(salesCharts);
    return rows;
}

void DashboardWidget::setSettings(const config::Settings &settings)
{
    m_settings = settings;
    m_hasSettings = true;
    refresh();
}

QString DashboardWidget::selectedAppId() const
{
    return m_appPicker->currentData().toString();
}

void DashboardWidget::refresh()
{
    if (!m_hasSettings) {
        return;
    }
    runInBackground(
        this, [settings = m_settings] { return loadDashboardApps(settings); },
        [this](Result<QList<DashboardApp>> apps) {
            if (apps) {
                showApps(apps.value());
            } else {
                showMessage(apps.errorMessage());
            }
            Q_EMIT appsLoaded();
        });
}

void DashboardWidget::showApps(const QList<DashboardApp> &apps)
{
    const QString previous = selectedAppId();
    const bool firstLoad = m_apps.isEmpty();
    m_apps = apps;
    m_populating = true; // one reload below, not one per item added
    m_appPicker->clear();
    for (const DashboardApp &app : apps) {
        m_appPicker->addItem(app.name.isEmpty() ? app.appId : app.name, app.appId);
    }
    const int index = m_appPicker->findData(previous);
    m_appPicker->setCurrentIndex(index >= 0 ? index : 0);
    m_populating = false;
    if (apps.isEmpty()) {
        showMessage(u"The destination holds no daily analytics yet: run Sync now."_s);
        return;
    }
    QDate first = apps.constFirst().firstDate;
    QDate last = apps.constFirst().lastDate;
    for (const DashboardApp &app : apps) {
        first = std::min(first, app.firstDate);
        last = std::max(last, app.lastDate);
    }
    m_from->setDateRange(first, last);
    m_to->setDateRange(first, last);
    if (firstLoad) {
        // The most recent month by default: what people check first.
        m_from->setDate(std::max(first, last.addDays(-(kDefaultDays - 1))));
        m_to->setDate(last);
    }
    reloadSeries();
}

void DashboardWidget::reloadSeries()
{
    const QString appId = selectedAppId();
    if (!m_hasSettings || appId.isEmpty()) {
        return;
    }
    const QDate from = m_from->date();
    const QDate to = m_to->date();
    if (from > to) {
        showMessage(u"The start date is after the end date."_s);
        return;
    }
    reloadSales(appId, from, to);
    const int generation = ++m_seriesGeneration;
    runInBackground(
        this,
        [settings = m_settings, appId, from, to] { return loadDailyMetrics(settings, appId, from, to); },
        [this, generation, from, to](Result<QList<DailyMetrics>> metrics) {
            if (generation != m_seriesGeneration) {
                return; // a newer choice is on its way
            }
            if (!metrics) {
                showMessage(metrics.errorMessage());
                return;
            }
            showMetrics(metrics.value());
            for (QChartView *view : {m_countsView, m_rateView}) {
                view->chart()
                    ->axes(Qt::Horizontal)
                    .constFirst()
                    ->setRange(from.startOfDay(), to.startOfDay());
            }
            double impressions = 0;
            double downloads = 0;
            double rate = 0;
            for (const DailyMetrics &day : std::as_const(m_metrics)) {
                impressions = std::max(impressions, day.uniqueImpressions);
                downloads = std::max(downloads, day.downloads);
                rate = std::max(rate, day.conversionRate.value_or(0));
            }
            fitValueAxis(m_impressionsAxis, impressions);
            fitValueAxis(m_downloadsAxis, downloads);
            fitValueAxis(m_rateAxis, rate);
            Q_EMIT seriesLoaded();
        });
}

void DashboardWidget::showMetrics(const QList<DailyMetrics> &metrics)
{
    m_metrics = metrics;
    QList<QPointF> downloads;
    QList<QPointF> impressions;
    QList<QPointF> conversion;
    for (const DailyMetrics &day : metrics) {
        const qreal x = chartX(day.date);
        downloads << QPointF(x, day.downloads);
        impressions << QPointF(x, day.uniqueImpressions);
        if (day.conversionRate) {
            conversion << QPointF(x, *day.conversionRate);
        }
    }
    // replace() redraws once per series, not once per point.
    m_downloads->replace(downloads);
    m_impressions->replace(impressions);
    m_conversion->replace(conversion);
    m_message->setVisible(metrics.isEmpty());
    if (metrics.isEmpty()) {
        m_message->setText(u"No analytics for this app in the chosen days."_s);
    }
}

void DashboardWidget::reloadSales(const QString &appId, const QDate &from, const QDate &to)
{
    const int generation = ++m_salesGeneration;
    runInBackground(
        this, [settings = m_settings, appId, from, to] { return loadDailySales(settings, appId, from, to); },
        [this, generation, from, to](Result<QList<metrics::DailySales>> sales) {
            if (generation != m_salesGeneration) {
                return;
            }
            m_salesMessage->setVisible(!sales);
            m_salesMessage->setText(sales ? QString() : sales.errorMessage());
            showSales(sales ? sales.value() : QList<metrics::DailySales>(), from, to);
            Q_EMIT salesLoaded();
        });
}

void DashboardWidget::showSales(const QList<metrics::DailySales> &sales, const QDate &from, const QDate &to)
{
    m_sales = sales;
    QList<QPointF> units;
    QMap<QString, QList<QPointF>> proceeds;
    QMap<QString, int> daysWithProceeds;
    double maxUnits = 0;
    for (const metrics::DailySales &day : sales) {
        units << QPointF(chartX(day.date), day.units);
        maxUnits = std::max(maxUnits, day.units);
        for (auto it = day.proceedsByCurrency.cbegin(); it != day.proceedsByCurrency.cend(); ++it) {
            proceeds[it.key()] << QPointF(chartX(day.date), it.value());
            ++daysWithProceeds[it.key()];
        }
    }
    m_units->replace(units);
    // One line per currency, made anew: the currencies change with the app and the days.
    qDeleteAll(m_proceeds);
    m_proceeds.clear();
    for (auto it = proceeds.cbegin(); it != proceeds.cend(); ++it) {
        auto *series = new QLineSeries(this);
        series->setName(it.key());
        series->setObjectName(u"proceedsSeries_"_s + it.key());
        series->replace(it.value()); // its points go on the chart when its currency is picked
        m_proceeds << series;
    }
    for (QChartView *view : {m_unitsView, m_proceedsView}) {
        view->chart()->axes(Qt::Horizontal).constFirst()->setRange(from.startOfDay(), to.startOfDay());
    }
    fitValueAxis(m_unitsAxis, maxUnits);
    // Amounts in different currencies share no scale: the picker shows one currency at a time, the one
    // with proceeds on the most days first (or the one chosen before, when the app still has it).
    QStringList currencies = proceeds.keys();
    std::stable_sort(currencies.begin(), currencies.end(), [&](const QString &a, const QString &b) {
        return daysWithProceeds.value(a) > daysWithProceeds.value(b);
    });
    const QString previous = m_currencyPicker->currentText();
    const QSignalBlocker blocker(m_currencyPicker);
    m_currencyPicker->clear();
    m_currencyPicker->addItems(currencies);
    m_currencyPicker->setEnabled(!currencies.isEmpty());
    m_currencyPicker->setCurrentIndex(std::max(0, int(currencies.indexOf(previous))));
    showCurrency();
}

void DashboardWidget::showCurrency()
{
    // One line on the chart, with the picked currency's points (the per-currency series stay off it).
    const QString currency = m_currencyPicker->currentText();
    QList<QPointF> points;
    for (const QLineSeries *series : std::as_const(m_proceeds)) {
        if (series->name() == currency) {
            points = series->points();
        }
    }
    double maxProceeds = 0;
    for (const QPointF &point : std::as_const(points)) {
        maxProceeds = std::max(maxProceeds, point.y());
    }
    m_proceedsLine->setName(currency);
    m_proceedsLine->replace(points);
    m_proceedsView->chart()->setTitle(currency.isEmpty()
                                          ? u"Developer proceeds per day"_s
                                          : u"Developer proceeds per day in %1"_s.arg(currency));
    fitValueAxis(m_proceedsAxis, maxProceeds);
}

void DashboardWidget::showMessage(const QString &text)
{
    m_message->setText(text);
    m_message->setVisible(true);
}

} // namespace ascsync::ui
