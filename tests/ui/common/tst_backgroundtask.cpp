// runInBackground: results reach the UI thread, a destroyed receiver drops them, and the app can wait
// (bounded) for reads still running when it quits.

#include "ui/common/backgroundtask.h"

#include <QSemaphore>
#include <QTest>

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
        QVERIFY(!waitForBackgroundThreads(100)); // still blocked: the app would leave without destructors
        release.release();
        QVERIFY(waitForBackgroundThreads(5000));
    }
};

QTEST_MAIN(TestBackgroundTask)
#include "tst_backgroundtask.moc"
