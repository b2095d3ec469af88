// The demo account's simulator as a user meets it: found beside the app in a build (every executable in
// build/<preset>/bin), a small world (a month of history), and a child that ends with the app however the app
// ends (SIGTERM at logout, Ctrl-C, a closed terminal, a crash or SIGKILL).
#include "ascsync/testpaths.h"
#include "ui/common/demosandbox.h"

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using ascsync::ui::DemoSandbox;

namespace {

// Running, and not a zombie waiting for its parent.
bool processAlive(qint64 pid)
{
    QFile stat(u"/proc/%1/stat"_s.arg(pid));
    if (!stat.open(QIODevice::ReadOnly)) {
        return false;
    }
    const QByteArray line = stat.readAll();
    const qsizetype end = line.lastIndexOf(')');
    return end > 0 && line.size() > end + 2 && line.at(end + 2) != 'Z' && line.at(end + 2) != 'X';
}

} // namespace

class TestDemoSandbox : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void findsTheSimulatorBesideTheApp()
    {
        qunsetenv("ASCSYNC_SANDBOX_PATH");
        const QString found = DemoSandbox::findExecutable();
        QVERIFY2(!found.isEmpty(), "ascsync-sandbox is not beside the executables of this build");
        QCOMPARE(QFileInfo(found).canonicalFilePath(),
                 QFileInfo(QStringLiteral(ASCSYNC_SANDBOX_PATH)).canonicalFilePath());
        // As installed: the app, the command line and the simulator share one folder.
        const QDir bin(QCoreApplication::applicationDirPath());
        for (const QString &name : {u"ascsync"_s, u"ascsync-gui"_s, u"ascsync-sandbox"_s}) {
            QVERIFY2(QFileInfo(bin.filePath(name)).isExecutable(), qPrintable(bin.filePath(name)));
        }
    }

    void theDemoWorldIsSmall()
    {
        const QStringList arguments = DemoSandbox::defaultWorldArguments();
        const qsizetype at = arguments.indexOf(u"--history-start"_s);
        QVERIFY2(at >= 0, qPrintable(arguments.join(u' ')));
        const QDate start = QDate::fromString(arguments.value(at + 1), Qt::ISODate);
        QVERIFY(start.isValid());
        const qint64 days = start.daysTo(QDateTime::currentDateTimeUtc().date());
        QVERIFY2(days > 0 && days <= 31, qPrintable(arguments.value(at + 1)));
        const QStringList streams = DemoSandbox::demoStreams();
        QVERIFY(!streams.contains(u"analytics"_s)); // never every analytics report
        QVERIFY(streams.contains(u"analytics:downloads"_s));
        QVERIFY(streams.contains(u"analytics:discovery_and_engagement"_s));
        QVERIFY(streams.contains(u"sales:SALES/SUMMARY/DAILY"_s)); // the dashboard's money charts
    }

    void theSimulatorEndsWithTheApp_data()
    {
        QTest::addColumn<int>("signalNumber");
        QTest::newRow("SIGTERM (logout)") << int(SIGTERM);
        QTest::newRow("SIGINT (Ctrl-C)") << int(SIGINT);
        QTest::newRow("SIGHUP (terminal closed)") << int(SIGHUP);
        QTest::newRow("SIGKILL (crash)") << int(SIGKILL);
    }

    void theSimulatorEndsWithTheApp()
    {
        QFETCH(int, signalNumber);
        QProcess app;
        app.setProgram(QStringLiteral(ASCSYNC_DEMO_HOLDER_PATH));
        app.setProcessChannelMode(QProcess::SeparateChannels);
        app.start();
        QVERIFY(app.waitForStarted());
        QByteArray output;
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         output += app.readAllStandardOutput();
                         return output.contains('\n') || app.state() == QProcess::NotRunning;
                     },
                     60000),
                 "the demo simulator did not start");
        QVERIFY2(output.startsWith("ready "), app.readAllStandardError().constData());
        const qint64 simulator = output.mid(6).trimmed().toLongLong();
        QVERIFY(simulator > 0);
        QVERIFY(processAlive(simulator));

        // processId() is 0 once the app has ended, and kill(0, …) would signal this test's whole
        // process group (ctest and CI included).
        const auto appPid = pid_t(app.processId());
        QVERIFY2(appPid > 0, "the app ended before it was signalled");
        ::kill(appPid, signalNumber);
        QVERIFY(app.waitForFinished(60000));
        if (signalNumber != SIGKILL) {
            // Quit through the event loop, as File > Quit: a normal exit, not death by the signal.
            QCOMPARE(app.exitStatus(), QProcess::NormalExit);
            QCOMPARE(app.exitCode(), 0);
        }
        QTRY_VERIFY2_WITH_TIMEOUT(!processAlive(simulator), "the demo simulator outlived the app", 30000);
    }
};

QTEST_GUILESS_MAIN(TestDemoSandbox)
#include "tst_demosandbox.moc"
