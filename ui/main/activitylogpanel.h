#pragma once

#include "activitylogmodel.h"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QTableView;

namespace ascsync::ui {

class ActivityLogFilter;

// The activity log: the messages of syncs and checks, filtered by level and text, copied as text.
class ActivityLogPanel : public QWidget {
    Q_OBJECT
public:
    explicit ActivityLogPanel(QWidget *parent = nullptr);

    ActivityLogModel *model() const { return m_model; }
    void append(ActivityLevel level, const QString &text);

    // The visible (filtered) lines, as copied.
    QString selectedText() const;
    QString allText() const;

public Q_SLOTS:
    void copySelected();
    void copyAll();

private:
    ActivityLogModel *m_model;
    ActivityLogFilter *m_filter;
    QComboBox *m_level;
    QLineEdit *m_search;
    QTableView *m_view;
};

} // namespace ascsync::ui
