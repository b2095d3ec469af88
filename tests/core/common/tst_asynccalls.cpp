// The two helpers every asynchronous core call leans on: blockingCall (the command line's form) and
// forEachInTurn (one step after another, stopping at the first error).
#include "core/common/blockingcall.h"
#include "core/common/inturn.h"

#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace ascsync;

class TestAsyncCalls : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void blockingCallWaitsForALaterAnswer()
    {
        const int value = blockingCall<int>(
            [](std::function<void(int)> done) { QTimer::singleShot(20, [done] { done(42); }); });
        QCOMPARE(value, 42);
    }

    void blockingCallTakesAnAnswerGivenAtOnce()
    {
        const QString value =
            blockingCall<QString>([](const std::function<void(QString)> &done) { done(u"now"_s); });
        QCOMPARE(value, u"now"_s);
    }

    void stepsRunOneAfterAnother()
    {
        QStringList events;
        int running = 0;
        int mostAtOnce = 0;
        std::optional<Status> finished;
        int finishedCount = 0;
        forEachInTurn<int>(
            {30, 5, 15},
            [&](const int &delay, std::function<void(Status)> next) {
                events << u"start %1"_s.arg(delay);
                mostAtOnce = std::max(mostAtOnce, ++running);
                QTimer::singleShot(delay, [&, delay, next] {
                    --running;
                    events << u"end %1"_s.arg(delay);
                    next({});
                });
            },
            [&](const Status &status) {
                finished = status;
                ++finishedCount;
            });
        QTRY_VERIFY(finished.has_value());
        QVERIFY(finished->ok());
        QCOMPARE(mostAtOnce, 1);
        QCOMPARE(events, QStringList({u"start 30"_s, u"end 30"_s, u"start 5"_s, u"end 5"_s, u"start 15"_s,
                                      u"end 15"_s}));
        QTest::qWait(50);
        QCOMPARE(finishedCount, 1);
    }

    void theFirstErrorEndsTheTurns()
    {
        QList<int> started;
        std::optional<Status> finished;
        forEachInTurn<int>(
            {1, 2, 3},
            [&](const int &item, std::function<void(Status)> next) {
                started << item;
                QTimer::singleShot(1, [item, next] {
                    next(item == 2 ? Status(makeError(u"test.two"_s, u"two failed"_s)) : Status{});
                });
            },
            [&](const Status &status) { finished = status; });
        QTRY_VERIFY(finished.has_value());
        QCOMPARE(finished->error().code, u"test.two"_s);
        QCOMPARE(started, QList<int>({1, 2}));
    }

    void noItemsFinishAtOnce()
    {
        bool finished = false;
        forEachInTurn<int>(
            {}, [](const int &, const std::function<void(Status)> &) { QFAIL("no step for no items"); },
            [&](const Status &status) { finished = status.ok(); });
        QVERIFY(finished);
    }
};

QTEST_GUILESS_MAIN(TestAsyncCalls)
#include "tst_asynccalls.moc"
