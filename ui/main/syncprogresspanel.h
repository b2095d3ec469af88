#pragma once

#include "core/sync/unitprogress.h"

#include <QElapsedTimer>
#include <QHash>
#include <QTimer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace ascsync::ui {

// The progress of a running sync, compact so the apps table keeps the room: one bar for the whole run with
// Cancel, one small bar per stream family (analytics, sales, finance) on one line, the unit being loaded
// (app, report, date, rows so far, rows per second, estimate; Apple's request budget while pacing), and what
// the last run came to.
class SyncProgressPanel : public QWidget {
    Q_OBJECT
public:
    explicit SyncProgressPanel(QWidget *parent = nullptr);

    void runStarted();
    void setProgress(const QString &stream, int done, int total);
    void setUnitActivity(const ascsync::sync::UnitActivity &activity);
    void runFinished(const QString &outcomeText, bool ok);

Q_SIGNALS:
    void cancelRequested();

private:
    struct StreamProgress {
        int done = 0;
        int total = 0;
    };
    static constexpr int kRepaintIntervalMs = 100;
    void showProgress();
    void updateOverall();

    QProgressBar *m_overall;
    QHash<QString, QProgressBar *> m_streamBars;
    QHash<QString, StreamProgress> m_streams;
    QPushButton *m_cancel;
    QLabel *m_outcome;
    QLabel *m_unit;
    sync::UnitRateMeter m_meter;
    QElapsedTimer m_clock;
    QTimer m_repaint;
};

} // namespace ascsync::ui
