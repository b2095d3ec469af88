#pragma once

#include <QHash>
#include <QTimer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace ascsync::ui {

// The progress of a running sync: one bar for the whole run and one per stream family (analytics, sales,
// finance), the Cancel button, and what the last run came to.
class SyncProgressPanel : public QWidget {
    Q_OBJECT
public:
    explicit SyncProgressPanel(QWidget *parent = nullptr);

    void runStarted();
    void setProgress(const QString &stream, int done, int total);
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
    QTimer m_repaint;
};

} // namespace ascsync::ui
