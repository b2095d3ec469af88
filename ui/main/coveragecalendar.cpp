#include "coveragecalendar.h"

#include "coveragecalendarmodel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ascsync::ui {

namespace {

const QList<status::CoverageState> kStates = {
    status::CoverageState::Loaded,  status::CoverageState::NoData,  status::CoverageState::NotPublished,
    status::CoverageState::Pending, status::CoverageState::Missing, status::CoverageState::DeletedUnloaded};

} // namespace

CoverageCalendar::CoverageCalendar(QWidget *parent)
    : QWidget(parent)
    , m_model(new CoverageCalendarModel(this))
{
    m_picker = new QComboBox(this);
    m_picker->setObjectName(u"coverageSeries"_s);
    m_picker->setAccessibleName(u"App and report"_s);
    m_previous = new QToolButton(this);
    m_previous->setObjectName(u"coveragePreviousMonth"_s);
    m_previous->setArrowType(Qt::LeftArrow);
    m_previous->setToolTip(u"Previous month"_s);
    m_next = new QToolButton(this);
    m_next->setObjectName(u"coverageNextMonth"_s);
    m_next->setArrowType(Qt::RightArrow);
    m_next->setToolTip(u"Next month"_s);
    m_month = new QLabel(this);
    m_month->setObjectName(u"coverageMonth"_s);
    m_month->setAlignment(Qt::AlignCenter);
    auto *navigation = new QHBoxLayout;
    navigation->addWidget(m_picker, 1);
    navigation->addWidget(m_previous);
    navigation->addWidget(m_month);
    navigation->addWidget(m_next);

    m_grid = new QTableView(this);
    m_grid->setObjectName(u"coverageGrid"_s);
    m_grid->setModel(m_model);
    m_grid->verticalHeader()->hide();
    m_grid->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_grid->verticalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_grid->setSelectionMode(QAbstractItemView::SingleSelection);
    m_grid->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_grid->setMinimumSize(360, 240);

    m_legend = new QLabel(this);
    m_legend->setObjectName(u"coverageLegend"_s);
    m_legend->setTextFormat(Qt::RichText);
    m_legend->setWordWrap(true);
    m_summary = new QLabel(this);
    m_summary->setObjectName(u"coverageSummary"_s);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(navigation);
    layout->addWidget(m_grid, 1);
    layout->addWidget(m_legend);
    layout->addWidget(m_summary);

    connect(m_picker, &QComboBox::currentIndexChanged, this, &CoverageCalendar::showSeries);
    connect(m_previous, &QToolButton::clicked, this, [this] { stepMonth(-1); });
    connect(m_next, &QToolButton::clicked, this, [this] { stepMonth(1); });
    showMonth(m_model->year(), m_model->month());
}

void CoverageCalendar::setReport(const status::CoverageReport &report,
                                 const QHash<QString, QString> &appNames)
{
    m_report = report;
    m_appNames = appNames;
    const QSignalBlocker block(m_picker);
    m_picker->clear();
    for (const status::CoverageSeries &series : m_report.series) {
        const QString app =
            series.appId.isEmpty() ? u"Sales (vendor-wide)"_s : m_appNames.value(series.appId, series.appId);
        m_picker->addItem(u"%1 — %2 (%3)"_s.arg(app, series.reportName, series.granularity.toLower()));
    }
    m_series = -1;
    if (!m_report.series.isEmpty()) {
        m_picker->setCurrentIndex(0);
        showSeries(0);
    } else {
        m_model->setSeries({});
        m_summary->setText(u"Nothing is loaded yet: click Sync now."_s);
        updateLegend();
    }
    if (m_report.today.isValid())
        showMonth(m_report.today.year(), m_report.today.month());
}

bool CoverageCalendar::selectSeries(const QString &appId, const QString &table)
{
    for (qsizetype i = 0; i < m_report.series.size(); ++i) {
        const status::CoverageSeries &series = m_report.series[i];
        if (series.appId == appId && (table.isEmpty() || series.table == table)) {
            m_picker->setCurrentIndex(int(i)); // shows it through currentIndexChanged
            showSeries(int(i));
            return true;
        }
    }
    return false;
}

void CoverageCalendar::showSeries(int index)
{
    if (index < 0 || index >= m_report.series.size() || index == m_series)
        return;
    m_series = index;
    const status::CoverageSeries &series = m_report.series[index];
    m_model->setSeries(series);
    status::CoverageReport one;
    one.today = m_report.today;
    one.series = {series};
    const QStringList warnings = one.warnings(m_appNames.value(series.appId));
    m_summary->setText(warnings.isEmpty() ? u"No gaps in this report."_s : warnings.join(u'\n'));
    updateLegend();
}

void CoverageCalendar::showMonth(int year, int month)
{
    m_model->setMonth(year, month);
    m_month->setText(QLocale().toString(QDate(m_model->year(), m_model->month(), 1), u"MMMM yyyy"_s));
}

void CoverageCalendar::stepMonth(int months)
{
    const QDate first = QDate(m_model->year(), m_model->month(), 1).addMonths(months);
    showMonth(first.year(), first.month());
}

void CoverageCalendar::updateLegend()
{
    const status::CoverageSeries *series = currentSeries();
    // Three states a row, so the legend keeps its shape at any width.
    QString html = u"<table cellspacing=\"2\"><tr>"_s;
    for (qsizetype i = 0; i < kStates.size(); ++i) {
        const status::CoverageState state = kStates[i];
        const QString count = series ? u" (%1)"_s.arg(series->count(state)) : QString();
        if (i > 0 && i % 3 == 0)
            html += u"</tr><tr>"_s;
        html +=
            u"<td style=\"background-color:%1\">&nbsp;&nbsp;&nbsp;&nbsp;</td><td nowrap>%2%3&nbsp;&nbsp;</td>"_s
                .arg(CoverageCalendarModel::colorFor(state).name(), status::describe(state).toHtmlEscaped(),
                     count);
    }
    m_legend->setText(html + u"</tr></table>"_s);
}

} // namespace ascsync::ui
