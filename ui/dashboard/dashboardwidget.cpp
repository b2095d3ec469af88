#include "dashboard/dashboardwidget.h"

#include "common/backgroundtask.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateEdit>
#include <QDateTimeAxis>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QPushButton>
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
    auto *axisY = new QValueAxis(chart);
    axisY->setLabelFormat(u"%.0f"_s);
    axisY->setMin(0);
    chart->addAxis(axisY, Qt::AlignLeft);
    auto *view = new QChartView(chart, parent);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(200);
    return view;
}

void attach(QChartView *view, QLineSeries *series)
{
    view->chart()->addSeries(series);
    const auto axes = view->chart()->axes();
    for (QAbstractAxis *axis : axes) {
        series->attachAxis(axis);
    }
}

void fitAxes(QChartView *view, const QDate &from, const QDate &to, double maxY)
{
    for (QAbstractAxis *axis : view->chart()->axes(Qt::Horizontal)) {
        axis->setRange(from.startOfDay(), to.startOfDay());
    }
    for (QAbstractAxis *axis : view->chart()->axes(Qt::Vertical)) {
        if (auto *values = qobject_cast<QValueAxis *>(axis)) {
            values->setRange(0, maxY > 0 ? maxY * 1.1 : 1);
            values->applyNiceNumbers();
        }
    }
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

    m_downloads->setName(u"Downloads (first-time + redownloads)"_s);
    m_downloads->setObjectName(u"downloadsSeries"_s);
    m_impressions->setName(u"Unique impressions"_s);
    m_impressions->setObjectName(u"impressionsSeries"_s);
    m_conversion->setName(u"Conversion rate"_s);
    m_conversion->setObjectName(u"conversionSeries"_s);
    // The charts take ownership of their series.
    attach(m_countsView, m_downloads);
    attach(m_countsView, m_impressions);
    attach(m_rateView, m_conversion);
    if (auto *rateAxis = qobject_cast<QValueAxis *>(m_rateView->chart()->axes(Qt::Vertical).value(0))) {
        rateAxis->setLabelFormat(u"%.1f"_s);
    }

    auto *reload = new QPushButton(u"&Reload"_s, this);
    reload->setObjectName(u"dashboardReloadButton"_s);
    connect(reload, &QPushButton::clicked, this, &DashboardWidget::refresh);
    connect(m_appPicker, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_populating) {
            reloadSeries();
        }
    });
    connect(m_from, &QDateEdit::editingFinished, this, &DashboardWidget::reloadSeries);
    connect(m_to, &QDateEdit::editingFinished, this, &DashboardWidget::reloadSeries);

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
    controls->addWidget(reload);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_message);
    layout->addWidget(m_countsView, 3);
    layout->addWidget(m_rateView, 2);
    showMessage(u"Run a sync to see your apps' downloads and conversion rates here."_s);
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
            fitAxes(m_countsView, from, to, [&] {
                double top = 0;
                for (const DailyMetrics &day : m_metrics) {
                    top = std::max({top, day.downloads, day.uniqueImpressions});
                }
                return top;
            }());
            fitAxes(m_rateView, from, to, [&] {
                double top = 0;
                for (const DailyMetrics &day : m_metrics) {
                    top = std::max(top, day.conversionRate.value_or(0));
                }
                return top;
            }());
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

void DashboardWidget::showMessage(const QString &text)
{
    m_message->setText(text);
    m_message->setVisible(true);
}

} // namespace ascsync::ui
