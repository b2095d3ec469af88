#include "activitylogmodel.h"

#include "themeicons.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace ascsync::ui {

QString activityLevelName(ActivityLevel level)
{
    switch (level) {
    case ActivityLevel::Info:
        return u"Info"_s;
    case ActivityLevel::Warning:
        return u"Warning"_s;
    case ActivityLevel::Error:
        return u"Error"_s;
    }
    return {};
}

void ActivityLogModel::append(ActivityLevel level, const QString &text)
{
    if (m_entries.size() >= kMaxEntries) {
        beginRemoveRows({}, 0, 0);
        m_entries.removeFirst();
        endRemoveRows();
    }
    const int row = int(m_entries.size());
    beginInsertRows({}, row, row);
    m_entries.append(ActivityEntry{QDateTime::currentDateTime(), level, text});
    endInsertRows();
}

QString ActivityLogModel::lineFor(const ActivityEntry &entry)
{
    return entry.time.toString(Qt::ISODate) + u"  "_s + activityLevelName(entry.level) + u"  "_s + entry.text;
}

int ActivityLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int ActivityLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : MessageColumn + 1;
}

QVariant ActivityLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size()) {
        return {};
    }
    const ActivityEntry &entry = m_entries.at(index.row());
    if (role == LevelRole) {
        return int(entry.level);
    }
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case TimeColumn:
            return QLocale().toString(entry.time.time(), QLocale::ShortFormat);
        case LevelColumn:
            return activityLevelName(entry.level);
        case MessageColumn:
            return entry.text;
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == MessageColumn) {
        return entry.text;
    }
    if (role == Qt::DecorationRole && index.column() == LevelColumn) {
        switch (entry.level) {
        case ActivityLevel::Info:
            return themeIcon(u"dialog-information"_s, QStyle::SP_MessageBoxInformation);
        case ActivityLevel::Warning:
            return themeIcon(u"dialog-warning"_s, QStyle::SP_MessageBoxWarning);
        case ActivityLevel::Error:
            return themeIcon(u"dialog-error"_s, QStyle::SP_MessageBoxCritical);
        }
    }
    return {};
}

QVariant ActivityLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case TimeColumn:
        return u"Time"_s;
    case LevelColumn:
        return u"Level"_s;
    case MessageColumn:
        return u"Message"_s;
    default:
        return {};
    }
}

} // namespace ascsync::ui
