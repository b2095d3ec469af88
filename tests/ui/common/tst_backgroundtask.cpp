// runInBackground: results reach the UI thread, a destroyed receiver drops them, and the app leaving stops
// a database read still running and waits for its thread.

#include "ui/common/backgroundtask.h"

#include <QSemaphore>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <optional>

using namespace Qt::StringLiterals;
using namespace ascsync::ui;

class TestBackgroundTask : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void resultArrivesOnTheReceiversThread()
    {
        QObject receiver;
        QThread *seenOn = nullptr;
        int result = 0;
        runInBackground(
            &receiver, [] { return 42; },
            [&](int value) {
                seenOn = QThread::currentThread();
                result = value;
            });
        QTRY_COMPARE(result, 42);
        QCOMPARE(seenOn, QThread::currentThread());
        QVERIFY(waitForBackgroundThreads(5000));
    }

    void destroyedReceiverDropsTheResult()
    {
        auto *receiver = new QObject;
        QSemaphore release;
        bool delivered = false;
        runInBackground(
            receiver,
            [&release] {
                release.acquire();
                return 1;
            },
            [&](int) { delivered = true; });
        delete receiver;
        release.release();
        QVERIFY(waitForBackgroundThreads(5000));
        QCoreApplication::processEvents();
        QTest::qWait(50);
        QVERIFY(!delivered);
    }

    void quittingWaitsOnlyAsLongAsAllowed()
    {
        QObject receiver;
        QSemaphore release;
        runInBackground(
            &receiver,
            [&release] {
                release.acquire();
                return 0;
            },
            [](int) {});
        QVERIFY(!waitForBackgroundThreads(100)); // still blocked
        release.release();
        QVERIFY(waitForBackgroundThreads(5000));
    }

    // Last: the process-wide interrupter stays interrupted afterwards, as when the app leaves.
    void leavingStopsADatabaseReadStillRunning()
    {
        QTemporaryDir dir;
        const auto spec = ascsync::storage::DestinationSpec::parse(u"sqlite:"_s + dir.filePath(u"read.db"_s));
        QVERIFY(spec);
        QObject receiver;
        std::atomic<bool> running{false};
        std::optional<QString> answer;
        runInBackground(
            &receiver,
            [&running, spec = spec.value()]() -> QString {
                auto destination = ascsync::storage::Destination::open(spec, {}, backgroundReadOptions());
                if (!destination) {
                    return destination.errorMessage();
                }
                running = true;
                const auto counted = destination.value()->query(
                    u"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"_s,
                    [](const QStringList &) {}, [](const QList<QString> &) { return true; });
                return counted ? u"finished"_s : counted.error().code;
            },
            [&answer](QString result) { answer = result; });
        QTRY_VERIFY(running);
        QVERIFY(!waitForBackgroundThreads(100)); // an endless statement: it runs until stopped
        finishBackgroundThreads();
        QTRY_VERIFY(answer.has_value());
        QVERIFY2(*answer != u"finished"_s, qPrintable(*answer));
    }
};

QTEST_MAIN(TestBackgroundTask)
#include "tst_backgroundtask.moc"
