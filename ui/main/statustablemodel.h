#pragma once

#include "core/status/appstatus.h"

#include <QAbstractTableModel>
#include <QHash>

namespace ascsync::ui {

// The per-app status table of the main window: one row per app of a status::StatusReport, with the
// readiness as icon, colour and words, and the next steps in the tooltip.
class StatusTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        AppColumn,
        ReadinessColumn,
        RequestsColumn,
        ReportsColumn,
        LastLoadedColumn,
        LastSyncColumn,
        NextStepColumn
    };
    static constexpr int kColumnCount = NextStepColumn + 1;
    // The app's Apple ID under this role, for selection and tests.
    static constexpr int AppIdRole = Qt::UserRole + 1;

    using QAbstractTableModel::QAbstractTableModel;

    // What the last sync of this session loaded for an app (its analytics units and their rows).
    struct LoadTally {
        int units = 0;
        qint64 rows = 0;
    };

    void setReport(const status::StatusReport &report);
    // Keyed by app name, as the sync names its units; apps absent from it got nothing new.
    void setLastSync(const QHash<QString, LoadTally> &byApp);
    const status::StatusReport &report() const { return m_report; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const status::AppStatus &app, int column) const;
    QString tooltip(const status::AppStatus &app) const;

    status::StatusReport m_report;
    QHash<QString, LoadTally> m_lastSync;
    bool m_synced = false; // a sync ended in this session
};

} // namespace ascsync::ui
