#include "statustablemodel.h"

#include "themeicons.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace ascsync::ui {

namespace {

QString requestsText(const status::AppStatus &app)
{
    QString ongoing;
    switch (app.ongoing) {
    case status::OngoingState::Active:
        ongoing = u"ongoing active"_s;
        break;
    case status::OngoingState::StoppedForInactivity:
        ongoing = u"ongoing stopped"_s;
        break;
    case status::OngoingState::Missing:
        ongoing = u"no ongoing"_s;
        break;
    }
    const QString snapshot =
        app.snapshot == status::SnapshotState::Present ? u"snapshot present"_s : u"no snapshot"_s;
    return ongoing + u", "_s + snapshot;
}

} // namespace

void StatusTableModel::setReport(const status::StatusReport &report)
{
    beginResetModel();
    m_report = report;
    endResetModel();
}

void StatusTableModel::setLastSync(const QHash<QString, LoadTally> &byApp)
{
    beginResetModel();
    m_lastSync = byApp;
    m_synced = true;
    endResetModel();
}

int StatusTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_report.apps.size());
}

int StatusTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : kColumnCount;
}

QVariant StatusTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_report.apps.size()) {
        return {};
    }
    const status::AppStatus &app = m_report.apps.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(app, index.column());
    case Qt::DecorationRole:
        return index.column() == ReadinessColumn ? QVariant(readinessIcon(app.readiness)) : QVariant();
    case Qt::BackgroundRole:
        return index.column() == ReadinessColumn ? QVariant(readinessColor(app.readiness)) : QVariant();
    case Qt::ForegroundRole:
        // The background is always light, so keep the text dark even under a dark theme.
        return index.column() == ReadinessColumn ? QVariant(QColor(Qt::black)) : QVariant();
    case Qt::ToolTipRole:
        return tooltip(app);
    case Qt::TextAlignmentRole:
        return index.column() == ReportsColumn ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
                                               : QVariant();
    case AppIdRole:
        return app.appId;
    default:
        return {};
    }
}

QVariant StatusTableModel::display(const status::AppStatus &app, int column) const
{
    switch (column) {
    case AppColumn:
        return app.name.isEmpty() ? app.appId : app.name;
    case ReadinessColumn:
        return readinessLabel(app.readiness);
    case RequestsColumn:
        return requestsText(app);
    case ReportsColumn:
        return app.reportCount;
    case LastLoadedColumn:
        return app.lastLoadedAt.isValid()
                   ? QLocale().toString(app.lastLoadedAt.toLocalTime(), QLocale::ShortFormat)
                   : (m_report.destinationChecked ? u"never"_s : u"not checked"_s);
    case LastSyncColumn: {
        if (!m_synced) {
            return u"—"_s;
        }
        const LoadTally tally = m_lastSync.value(app.name);
        return tally.units == 0 ? u"nothing new"_s
                                : u"%1 units, %2 rows"_s.arg(tally.units).arg(QLocale().toString(tally.rows));
    }
    case NextStepColumn:
        return app.nextSteps.isEmpty() ? u"Nothing to do"_s : app.nextSteps.constFirst();
    default:
        return {};
    }
}

QString StatusTableModel::tooltip(const status::AppStatus &app) const
{
    QString text = u"<b>%1</b> (%2, Apple ID %3)<br>%4"_s.arg(
        app.name.toHtmlEscaped(), app.bundleId.toHtmlEscaped(), app.appId, readinessLabel(app.readiness));
    if (!app.nextSteps.isEmpty()) {
        text += u"<br><br><b>Next steps</b><ul>"_s;
        for (const QString &step : app.nextSteps) {
            text += u"<li>"_s + step.toHtmlEscaped() + u"</li>"_s;
        }
        text += u"</ul>"_s;
    }
    if (!app.gaps.isEmpty()) {
        text += u"<b>Gaps</b><ul>"_s;
        for (const QString &gap : app.gaps) {
            text += u"<li>"_s + gap.toHtmlEscaped() + u"</li>"_s;
        }
        text += u"</ul>"_s;
    }
    return text;
}

QVariant StatusTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case AppColumn:
        return u"App"_s;
    case ReadinessColumn:
        return u"Status"_s;
    case RequestsColumn:
        return u"Report requests"_s;
    case ReportsColumn:
        return u"Reports"_s;
    case LastLoadedColumn:
        return u"Last loaded"_s;
    case LastSyncColumn:
        return u"Last sync loaded"_s;
    case NextStepColumn:
        return u"Next step"_s;
    default:
        return {};
    }
}

} // namespace ascsync::ui
