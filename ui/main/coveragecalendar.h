#pragma once

#include "core/status/coverage.h"

#include <QHash>
#include <QWidget>

class QComboBox;
class QLabel;
class QTableView;
class QToolButton;

namespace ascsync::ui {

class CoverageCalendarModel;

// Coverage at a glance (README "Coverage"): a month grid per app and report, a colour per state, a legend
// with the counts of the series shown, and the gaps with what may recover them. Shows a report computed
// elsewhere (status::computeCoverage on a worker thread): it never reads the destination itself.
class CoverageCalendar : public QWidget {
    Q_OBJECT

public:
    explicit CoverageCalendar(QWidget *parent = nullptr);

    // `appNames`: app ID -> name, for the series picker and the warnings.
    void setReport(const status::CoverageReport &report, const QHash<QString, QString> &appNames = {});
    // Shows the first series of `appId` (of `table` when given); false when there is none.
    bool selectSeries(const QString &appId, const QString &table = {});
    void showMonth(int year, int month);

    CoverageCalendarModel *model() const { return m_model; }
    const status::CoverageReport &report() const { return m_report; }
    // The series shown, or nullptr.
    const status::CoverageSeries *currentSeries() const
    {
        return m_series >= 0 ? &m_report.series[m_series] : nullptr;
    }
    QTableView *grid() const { return m_grid; }

private:
    void showSeries(int index);
    void stepMonth(int months);
    void updateLegend();

    status::CoverageReport m_report;
    QHash<QString, QString> m_appNames;
    int m_series = -1;
    CoverageCalendarModel *m_model = nullptr;
    QComboBox *m_picker = nullptr;
    QToolButton *m_previous = nullptr;
    QToolButton *m_next = nullptr;
    QLabel *m_month = nullptr;
    QTableView *m_grid = nullptr;
    QLabel *m_legend = nullptr;
    QLabel *m_summary = nullptr;
};

} // namespace ascsync::ui
