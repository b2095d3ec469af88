#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include <functional>

class QWidget;

namespace ascsync::ui {

// Shows the application's screens one after another and saves each window as a PNG (for docs/screenshots and
// packaging). Each step prepares its screen -- which may take a while, e.g. a connection test -- and then
// calls `capture` with the widget to photograph; the tour settles the layout, grabs the widget's window,
// and moves on. A step that never captures is skipped after a timeout, and reported.
class ScreenshotTour : public QObject {
    Q_OBJECT
public:
    using Capture = std::function<void(QWidget *widget)>;
    using Step = std::function<void(const Capture &capture)>;

    explicit ScreenshotTour(QString outputDir, QObject *parent = nullptr);

    // `name` becomes NN-name.png (NN: the step's position, so the files sort in tour order).
    void addStep(const QString &name, Step step);
    void setStepTimeoutMs(int ms) { m_stepTimeout.setInterval(ms); }

    // Runs the steps in order; finished() follows the last one.
    void start();

    QStringList savedFiles() const { return m_saved; }
    QStringList failures() const { return m_failures; }

Q_SIGNALS:
    // ok: every step saved its picture.
    void finished(bool ok);

private:
    struct Entry {
        QString name;
        Step step;
    };

    void runStep();
    void save(int index, QWidget *widget);
    void nextStep();

    QString m_outputDir;
    QList<Entry> m_steps;
    int m_current = -1;
    QTimer m_stepTimeout;
    QStringList m_saved;
    QStringList m_failures;
};

} // namespace ascsync::ui
