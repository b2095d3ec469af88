#pragma once

#include "core/storage/runrecord.h"

#include <QAbstractTableModel>

namespace ascsync::ui {

// The destination's recent sync runs (also scheduled headless ones), newest first.
class RunHistoryModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { StartedColumn, DurationColumn, OutcomeColumn, UnitsColumn, RowsColumn };

    using QAbstractTableModel::QAbstractTableModel;

    void setRuns(const QList<storage::RunRecord> &runs);
    const QList<storage::RunRecord> &runs() const { return m_runs; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<storage::RunRecord> m_runs;
};

} // namespace ascsync::ui
