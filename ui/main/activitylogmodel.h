#pragma once

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>

namespace ascsync::ui {

// What the user reads about syncs and checks (not developer diagnostics: those go to lcUi).
enum class ActivityLevel { Info, Warning, Error };

struct ActivityEntry {
    QDateTime time;
    ActivityLevel level = ActivityLevel::Info;
    QString text;
};

QString activityLevelName(ActivityLevel level);

// The activity log's rows: time, level, message. Bounded, so a long-running app does not grow without end:
// the oldest entries are dropped past kMaxEntries.
class ActivityLogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TimeColumn, LevelColumn, MessageColumn };
    static constexpr int kMaxEntries = 5000;
    static constexpr int LevelRole = Qt::UserRole + 1; // int(ActivityLevel)

    using QAbstractTableModel::QAbstractTableModel;

    void append(ActivityLevel level, const QString &text);
    const QList<ActivityEntry> &entries() const { return m_entries; }
    // One line per entry, "time  level  message", as copied to the clipboard.
    static QString lineFor(const ActivityEntry &entry);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<ActivityEntry> m_entries;
};

} // namespace ascsync::ui
