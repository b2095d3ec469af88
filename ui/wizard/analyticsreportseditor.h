#pragma once

#include <QStringList>
#include <QWidget>

class QTreeWidget;

namespace ascsync::ui {

// Which analytics reports to sync: Apple's reports grouped by category (App Store engagement, Commerce, App
// usage, ...) with what each holds, one checkbox each, a category checkbox for all of it. Part of the sync
// settings editor (wizard and settings dialog); the streams it gives are those of `ascsync sync --streams`.
class AnalyticsReportsEditor : public QWidget {
    Q_OBJECT
public:
    explicit AnalyticsReportsEditor(QWidget *parent = nullptr);

    // "analytics" checks every report; "analytics:TABLE" checks one. Other families are ignored.
    void setStreams(const QStringList &streams);
    // "analytics" when every report is checked, else one "analytics:TABLE" each (streams this editor does not
    // show, e.g. a report added on the command line, are kept).
    QStringList streams() const;
    int checkedCount() const;

Q_SIGNALS:
    void changed();

private:
    QTreeWidget *m_tree;
    QStringList m_unlisted;
};

} // namespace ascsync::ui
