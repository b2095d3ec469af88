#pragma once

#include "activitylogmodel.h"

#include <QSortFilterProxyModel>

namespace ascsync::ui {

// Shows the log entries at or above a level whose message contains a text (case-insensitive).
class ActivityLogFilter : public QSortFilterProxyModel {
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    void setMinimumLevel(ActivityLevel level);
    void setText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    ActivityLevel m_minimumLevel = ActivityLevel::Info;
    QString m_text;
};

} // namespace ascsync::ui
