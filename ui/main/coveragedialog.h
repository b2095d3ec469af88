#pragma once

#include "core/config/settings.h"

#include <QDialog>
#include <QHash>

class QLabel;

namespace ascsync::ui {

class CoverageCalendar;

// The coverage calendar of the configured destination, opened from the main window's per-app status. The
// coverage is computed on a worker thread (a big destination has many instances and days): the dialog shows
// "Computing…" until it arrives.
class CoverageDialog : public QDialog {
    Q_OBJECT

public:
    // `appNames`: app ID -> name; `appId`: the app shown first (empty: the first one).
    CoverageDialog(const config::Settings &settings, QHash<QString, QString> appNames, QString appId,
                   QWidget *parent = nullptr);

    CoverageCalendar *calendar() const { return m_calendar; }

Q_SIGNALS:
    void coverageShown(); // the computed coverage is on screen (or the reason it is not)

private:
    QHash<QString, QString> m_appNames;
    QString m_appId;
    QLabel *m_note = nullptr;
    CoverageCalendar *m_calendar = nullptr;
};

} // namespace ascsync::ui
