#pragma once

#include "core/config/settings.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLayout;
class QLineEdit;
class QRadioButton;
class QSpinBox;
class QTimeEdit;

namespace ascsync::ui {

class AnalyticsReportsEditor;
class ValidationLabel;

// When and what to pull: the schedule, how many days back a first sync goes, what to do when Apple adds or
// changes a column (migration policy), which report families and which analytics reports to sync, and the
// optional raw archive (folder, size and age limits). Used by the
// wizard's Sync page and the settings dialog's Sync tab.
class SyncSettingsEditor : public QWidget {
    Q_OBJECT
public:
    explicit SyncSettingsEditor(QWidget *parent = nullptr);

    void load(const config::Settings &settings);
    void applyTo(config::Settings &settings) const;
    bool isValid() const;
    // Sales and finance are skipped without a vendor number: the editor says so.
    void setVendorNumberKnown(bool known);

Q_SIGNALS:
    void changed();

private:
    QString scheduleText() const;
    void check();
    void nameFields();
    void addScheduleRows(QFormLayout *form);
    QLayout *makePolicyColumn();
    QLayout *makeFamiliesColumn();
    void watchFields();
    QWidget *makeArchiveRow();
    Status archiveStatus() const; // the archive fields: an error when they cannot be saved
    void checkArchive();          // shows archiveStatus() under the fields
    void chooseArchiveFolder();

    QComboBox *m_schedule;   // manual, hourly, every few hours, daily, weekly
    QComboBox *m_everyHours; // 2 3 4 6 8 12
    QComboBox *m_weekday;    // Monday ... Sunday
    QTimeEdit *m_at;         // daily and weekly
    ValidationLabel *m_scheduleMessage;
    QSpinBox *m_backfillDays;
    QRadioButton *m_evolve;
    QRadioButton *m_ignore;
    QRadioButton *m_fail;
    QCheckBox *m_analytics;
    AnalyticsReportsEditor *m_reports; // which analytics reports, by Apple's category
    QCheckBox *m_sales;
    QCheckBox *m_finance;
    ValidationLabel *m_familiesMessage;
    QLineEdit *m_archiveFolder;  // empty: no raw archive
    QLineEdit *m_archiveMaxSize; // "20G"; empty: no limit
    QSpinBox *m_archiveMaxAge;   // days; 0: no limit
    ValidationLabel *m_archiveMessage;
    QString m_unknownSchedule;     // a settings text the grammar refuses: kept until another is chosen
    QStringList m_detailedStreams; // e.g. "analytics:downloads": kept while their family stays chosen
    bool m_vendorNumberKnown = true;
};

} // namespace ascsync::ui
