#pragma once

#include "core/status/coverage.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QDate>
#include <QHash>

namespace ascsync::ui {

// One month of one app's report series as a calendar grid: 6 weeks of 7 days, Monday first. Each day cell
// carries the coverage state of its date (for weekly and monthly series, the state of the period it falls
// in), its colour, and a tooltip saying which instance loaded it or why it is not there.
class CoverageCalendarModel : public QAbstractTableModel {
    Q_OBJECT

public:
    static constexpr int StateRole = Qt::UserRole + 1; // int(status::CoverageState); invalid: no state known
    static constexpr int DateRole = Qt::UserRole + 2;  // the cell's QDate; invalid: outside the month

    explicit CoverageCalendarModel(QObject *parent = nullptr);

    void setSeries(const status::CoverageSeries &series);
    void setMonth(int year, int month);
    int year() const { return m_first.year(); }
    int month() const { return m_first.month(); }
    QModelIndex indexOf(QDate date) const;

    static QColor colorFor(status::CoverageState state);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QDate dateAt(const QModelIndex &index) const;
    const status::CoverageDay *dayOf(QDate date) const;
    QString tooltipFor(QDate date, const status::CoverageDay &day) const;

    QString m_granularity;
    QHash<QDate, status::CoverageDay> m_days; // every calendar day, also inside weekly and monthly periods
    QDate m_first;                            // first day of the month shown
};

} // namespace ascsync::ui
