#include "screenshottour.h"

#include "uilog.h"

#include <QDir>
#include <QPixmap>
#include <QWidget>

using namespace Qt::StringLiterals;

namespace ascsync::ui {

namespace {

constexpr int kDefaultStepTimeoutMs = 60'000;
// Time for layouts, style polish and pending paints after a screen changes, before it is photographed.
constexpr int kSettleMs = 300;

} // namespace

ScreenshotTour::ScreenshotTour(QString outputDir, QObject *parent)
    : QObject(parent)
    , m_outputDir(std::move(outputDir))
{
    m_stepTimeout.setSingleShot(true);
    m_stepTimeout.setInterval(kDefaultStepTimeoutMs);
    connect(&m_stepTimeout, &QTimer::timeout, this, [this] {
        const QString failure = u"step %1 (%2) showed nothing to capture within %3 s"_s.arg(m_current + 1)
                                    .arg(m_steps.at(m_current).name)
                                    .arg(m_stepTimeout.interval() / 1000);
        qCWarning(lcUi).noquote() << "screenshot tour:" << failure;
        m_failures << failure;
        nextStep();
    });
}

void ScreenshotTour::addStep(const QString &name, Step step)
{
    m_steps.append({name, std::move(step)});
}

void ScreenshotTour::start()
{
    if (!QDir().mkpath(m_outputDir)) {
        m_failures << u"cannot create %1"_s.arg(m_outputDir);
        Q_EMIT finished(false);
        return;
    }
    m_current = -1;
    nextStep();
}

void ScreenshotTour::nextStep()
{
    m_stepTimeout.stop();
    ++m_current;
    if (m_current >= m_steps.size()) {
        Q_EMIT finished(m_failures.isEmpty());
        return;
    }
    // Queued, so a step that captures synchronously does not recurse into the next one.
    QTimer::singleShot(0, this, &ScreenshotTour::runStep);
}

void ScreenshotTour::runStep()
{
    const int index = m_current;
    m_stepTimeout.start();
    m_steps.at(index).step([this, index](QWidget *widget) {
        if (index != m_current) {
            return; // a late capture of a step that already timed out
        }
        m_stepTimeout.stop();
        const QPointer<QWidget> target(widget);
        QTimer::singleShot(kSettleMs, this, [this, index, target] {
            save(index, target);
            nextStep();
        });
    });
}

void ScreenshotTour::save(int index, QWidget *widget)
{
    const QString name = m_steps.at(index).name;
    if (widget == nullptr) {
        m_failures << u"step %1 (%2) closed its window before the capture"_s.arg(index + 1).arg(name);
        return;
    }
    QWidget *window = widget->window();
    const QString path =
        QDir(m_outputDir).filePath(u"%1-%2.png"_s.arg(index + 1, 2, 10, QChar(u'0')).arg(name));
    if (!window->grab().save(path)) {
        m_failures << u"cannot write %1"_s.arg(path);
        return;
    }
    qCInfo(lcUi).noquote() << "screenshot tour: saved" << path;
    m_saved << path;
}

} // namespace ascsync::ui
