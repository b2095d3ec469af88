#include "activitylogfilter.h"

namespace ascsync::ui {

void ActivityLogFilter::setMinimumLevel(ActivityLevel level)
{
    m_minimumLevel = level;
    invalidateFilter();
}

void ActivityLogFilter::setText(const QString &text)
{
    m_text = text;
    invalidateFilter();
}

bool ActivityLogFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex message =
        sourceModel()->index(sourceRow, ActivityLogModel::MessageColumn, sourceParent);
    if (sourceModel()->data(message, ActivityLogModel::LevelRole).toInt() < int(m_minimumLevel)) {
        return false;
    }
    return m_text.isEmpty() || message.data().toString().contains(m_text, Qt::CaseInsensitive);
}

} // namespace ascsync::ui
