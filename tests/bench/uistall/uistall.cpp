// bench_uistall: how long the UI thread stops answering while the main window runs a large sync.
//
// Starts the real simulator at full traffic scale, opens MainWindow (offscreen unless QT_QPA_PLATFORM says
// otherwise), clicks Sync now and, until the sync, the status read and the dashboard that follow it are done,
// measures the gaps between the ticks of a 5 ms precise timer on the UI thread. A gap well over 5 ms is time
// the event loop could not run: a stall a user would feel. Prints max, p99, p50 and how many gaps passed
// 16 ms (one frame at 60 Hz) and 100 ms.
#include "tests/ui/main/uitestenvironment.h"
#include "ui/dashboard/dashboardwidget.h"
#include "ui/main/mainwindow.h"
#include "ui/main/runhistorymodel.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>

using namespace Qt::StringLiterals;

namespace {

constexpr int kTickMs = 5;

qint64 threadCpuNs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return qint64(now.tv_sec) * 1000000000 + now.tv_nsec;
}

// Times every event the UI thread handles, so a stall can be told apart from the thread simply not getting
// a CPU (2 busy cores): the longest handlers are printed with their event type and receiver.
class TimedApplication : public QApplication {
public:
    using QApplication::QApplication;

    bool notify(QObject *receiver, QEvent *event) override
    {
        if (QThread::currentThread() != thread()) {
            return QApplication::notify(receiver, event);
        }
        const int type = int(event->type());
        const QByteArray receiverClass = receiver->metaObject()->className();
        const QString receiverName = receiver->objectName();
        QElapsedTimer timer;
        timer.start();
        const bool handled = QApplication::notify(receiver, event);
        const qint64 ms = timer.elapsed();
        Tally &tally = m_tally[u"event %1 to %2"_s.arg(type).arg(QString::fromLatin1(receiverClass))];
        ++tally.count;
        tally.ns += timer.nsecsElapsed();
        if (ms >= 50 && m_depth == 0) {
            m_slow.append(u"%1 ms: event %2 to %3 %4"_s.arg(ms).arg(type).arg(
                QString::fromLatin1(receiverClass), receiverName));
        }
        return handled;
    }
    void printSlowEvents() const
    {
        QList<QPair<qint64, QString>> busiest;
        for (auto it = m_tally.cbegin(); it != m_tally.cend(); ++it) {
            busiest.append(
                qMakePair(it->ns, u"%1 x %2: %3 ms"_s.arg(it->count).arg(it.key()).arg(it->ns / 1000000)));
        }
        std::sort(busiest.begin(), busiest.end(),
                  [](const auto &a, const auto &b) { return a.first > b.first; });
        std::printf("Busiest UI-thread event kinds (nested time counts twice):\n");
        for (qsizetype i = 0; i < std::min<qsizetype>(8, busiest.size()); ++i) {
            std::printf("  %s\n", qPrintable(busiest.at(i).second));
        }
        std::printf("UI-thread events that took 50 ms or more: %lld\n", qlonglong(m_slow.size()));
        for (const QString &line : m_slow) {
            std::printf("  %s\n", qPrintable(line));
        }
    }

private:
    struct Tally {
        qint64 count = 0;
        qint64 ns = 0;
    };
    int m_depth = 0;
    QStringList m_slow;
    QHash<QString, Tally> m_tally;
};

class StallMeter : public QObject {
public:
    StallMeter()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(kTickMs);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            const qint64 cpu = threadCpuNs();
            const qint64 gapUs = (now - m_last) / 1000;
            m_gapsUs.append(gapUs);
            if (gapUs > 100000) {
                m_longGaps.append(LongGap{m_last / 1000000, gapUs / 1000, (cpu - m_lastCpu) / 1000000});
            }
            m_last = now;
            m_lastCpu = cpu;
        });
    }
    void start()
    {
        m_gapsUs.clear();
        m_clock.start();
        m_last = 0;
        m_lastCpu = threadCpuNs();
        m_timer.start();
    }
    void stop() { m_timer.stop(); }

    void print() const
    {
        QList<qint64> sorted = m_gapsUs;
        std::sort(sorted.begin(), sorted.end());
        if (sorted.isEmpty()) {
            std::printf("no samples\n");
            return;
        }
        const auto percentile = [&sorted](double p) {
            return sorted.at(std::min<qsizetype>(sorted.size() - 1, qsizetype(p * double(sorted.size()))));
        };
        const auto over = [&sorted](qint64 us) {
            return std::count_if(sorted.cbegin(), sorted.cend(), [us](qint64 gap) { return gap > us; });
        };
        std::printf("UI thread, %lld samples of a %d ms timer over %.1f s:\n", qlonglong(sorted.size()),
                    kTickMs, double(m_clock.elapsed()) / 1000.0);
        std::printf("  max gap  %8.1f ms\n", double(sorted.last()) / 1000.0);
        std::printf("  p99 gap  %8.1f ms\n", double(percentile(0.99)) / 1000.0);
        std::printf("  p50 gap  %8.1f ms\n", double(percentile(0.50)) / 1000.0);
        std::printf("  gaps > 16 ms: %lld, > 100 ms: %lld\n", qlonglong(over(16000)),
                    qlonglong(over(100000)));
        for (const LongGap &gap : m_longGaps) {
            std::printf(
                "  %lld ms gap starting %.1f s into the run; the UI thread used %lld ms of CPU in it\n",
                qlonglong(gap.lengthMs), double(gap.atMs) / 1000.0, qlonglong(gap.cpuMs));
        }
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    QList<qint64> m_gapsUs;
    struct LongGap {
        qint64 atMs = 0;
        qint64 lengthMs = 0;
        qint64 cpuMs = 0; // near 0: the thread was waiting for a CPU or a lock, not working
    };
    QList<LongGap> m_longGaps;
    qint64 m_lastCpu = 0;
};

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    std::setvbuf(stdout, nullptr, _IOLBF, 0); // results appear as they come, also through a pipe
    TimedApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"ascsync"_s);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Measures UI-thread stalls of the main window during a large sync."_s);
    parser.addHelpOption();
    const QCommandLineOption apps(u"apps"_s, u"Simulated apps (default 3)."_s, u"N"_s, u"3"_s);
    const QCommandLineOption scale(u"traffic-scale"_s, u"Simulator traffic scale (default 1: full)."_s,
                                   u"F"_s, u"1"_s);
    const QCommandLineOption historyStart(u"history-start"_s, u"First day of data (default 2026-11-14)."_s,
                                          u"DATE"_s, u"2026-11-14"_s);
    const QCommandLineOption today(u"today"_s, u"Simulated today (default 2026-11-20)."_s, u"DATE"_s,
                                   u"2026-11-20"_s);
    const QCommandLineOption streams(u"streams"_s, u"Streams to sync (default: analytics,sales)."_s,
                                     u"LIST"_s, u"analytics,sales"_s);
    parser.addOptions({apps, scale, historyStart, today, streams});
    parser.process(app);

    UiTestEnvironment environment;
    if (!environment.start({u"--seed"_s, u"3"_s, u"--apps"_s, parser.value(apps), u"--traffic-scale"_s,
                            parser.value(scale), u"--history-start"_s, parser.value(historyStart),
                            u"--today"_s, parser.value(today)})) {
        std::fprintf(stderr, "bench_uistall: the simulator did not start\n");
        return 1;
    }
    ascsync::config::Settings settings = environment.readerSettings(parser.value(streams).split(u','));
    settings.backfillDays = 0;
    if (!environment.writeSettings(settings)) {
        return 1;
    }

    ascsync::ui::MainWindow window(environment.settingsPath());
    window.show();
    StallMeter meter;
    QElapsedTimer syncClock;
    int pending = 0; // sync, then the status read and the dashboard it triggers
    const auto finishedOne = [&] {
        if (--pending == 0) {
            meter.stop();
            QCoreApplication::quit();
        }
    };
    bool syncDone = false;
    QObject::connect(&window, &ascsync::ui::MainWindow::syncFinished, &app, [&](bool ok) {
        syncDone = true;
        const auto &runs = window.historyModel()->runs();
        const QJsonObject summary = runs.isEmpty() ? QJsonObject() : runs.constFirst().summary;
        std::printf("sync %s in %.1f s: %d units, %lld rows loaded\n", ok ? "succeeded" : "FAILED",
                    double(syncClock.elapsed()) / 1000.0, summary.value(u"unitsLoaded"_s).toInt(),
                    qlonglong(summary.value(u"rowsLoaded"_s).toInteger()));
        pending = 2;
    });
    QObject::connect(&window, &ascsync::ui::MainWindow::statusRefreshed, &app, [&] {
        if (syncDone) {
            finishedOne();
        }
    });
    QObject::connect(window.dashboard(), &ascsync::ui::DashboardWidget::seriesLoaded, &app, [&] {
        if (syncDone) {
            finishedOne();
        }
    });
    QTimer::singleShot(0, &app, [&] {
        meter.start();
        syncClock.start();
        window.syncNow();
    });
    const int exit = QApplication::exec();
    meter.print();
    app.printSlowEvents();
    return exit;
}
