#include "runhistorymodel.h"

#include "themeicons.h"

#include <QJsonArray>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace ascsync::ui {

namespace {

QString outcomeWords(const storage::RunRecord &run)
{
    if (run.outcome.isEmpty()) {
        return run.finishedAt.isValid() ? u"unknown"_s : u"running or interrupted"_s;
    }
    if (run.outcome == u"ok"_s) {
        return u"succeeded"_s;
    }
    return run.outcome;
}

QString durationText(const storage::RunRecord &run)
{
    if (!run.finishedAt.isValid()) {
        return {};
    }
    const qint64 seconds = run.startedAt.secsTo(run.finishedAt);
    return seconds < 120 ? u"%1 s"_s.arg(seconds) : u"%1 min"_s.arg(seconds / 60);
}

} // namespace

void RunHistoryModel::setRuns(const QList<storage::RunRecord> &runs)
{
    beginResetModel();
    m_runs = runs;
    endResetModel();
}

int RunHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_runs.size());
}

int RunHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : RowsColumn + 1;
}

QVariant RunHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_runs.size()) {
        return {};
    }
    const storage::RunRecord &run = m_runs.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case StartedColumn:
            return QLocale().toString(run.startedAt.toLocalTime(), QLocale::ShortFormat);
        case DurationColumn:
            return durationText(run);
        case OutcomeColumn:
            return outcomeWords(run);
        case UnitsColumn:
            return run.summary.value(u"unitsLoaded"_s).toInt();
        case RowsColumn:
            return run.summary.value(u"rowsLoaded"_s).toInteger();
        default:
            return {};
        }
    }
    if (role == Qt::DecorationRole && index.column() == OutcomeColumn) {
        if (run.outcome == u"ok"_s) {
            return themeIcon(u"emblem-ok"_s, QStyle::SP_DialogApplyButton);
        }
        if (run.outcome == u"failed"_s) {
            return themeIcon(u"dialog-error"_s, QStyle::SP_MessageBoxCritical);
        }
        return {};
    }
    if (role == Qt::ToolTipRole) {
        QStringList lines;
        const QJsonArray failures = run.summary.value(u"failures"_s).toArray();
        for (const QJsonValue &failure : failures) {
            lines << failure.toString();
        }
        const QJsonArray notes = run.summary.value(u"notes"_s).toArray();
        for (const QJsonValue &note : notes) {
            lines << note.toString();
        }
        return lines.isEmpty() ? QVariant() : QVariant(lines.join(u'\n'));
    }
    return {};
}

QVariant RunHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case StartedColumn:
        return u"Started"_s;
    case DurationColumn:
        return u"Took"_s;
    case OutcomeColumn:
        return u"Outcome"_s;
    case UnitsColumn:
        return u"Units loaded"_s;
    case RowsColumn:
        return u"Rows"_s;
    default:
        return {};
    }
}

} // namespace ascsync::ui
