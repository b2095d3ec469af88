// The pull schedule's grammar and the units, crontab line and next run made from it. Where systemd-analyze
// exists, systemd itself checks the generated units and calendar events (not a copy of its rules).
#include "ascsync/version.h"
#include "core/schedule/scheduleunits.h"
#include "core/schedule/syncschedule.h"

#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using ascsync::schedule::SyncInvocation;
using ascsync::schedule::SyncSchedule;

namespace {

SyncSchedule parsed(const QString &text)
{
    const auto schedule = SyncSchedule::parse(text);
    if (!schedule) {
        qFatal("%s does not parse: %s", qPrintable(text), qPrintable(schedule.errorMessage()));
    }
    return schedule.value();
}

struct ProcessResult {
    int exitCode = -1;
    QString output;
};

ProcessResult run(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    if (!process.waitForFinished(60000)) {
        return {};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromLocal8Bit(process.readAll())};
}

} // namespace

class TestSyncSchedule : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parsesEveryForm_data();
    void parsesEveryForm();
    void refusesWithAMessage_data();
    void refusesWithAMessage();
    void nextRun_data();
    void nextRun();
    void unitsRunTheSyncOnTheCalendar();
    void quotesPathsForSystemdAndCron();
    void manualHasNoCalendar();
    void invalidStartHasNoNextRun();
    void runInTheSpringForwardGapIsSkipped();
    void systemdAgreesOnCalendarAndNextRun();
    void systemdAcceptsTheUnits();
};

void TestSyncSchedule::parsesEveryForm_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("canonical");
    QTest::addColumn<QString>("onCalendar");
    QTest::addColumn<QString>("cron");
    QTest::newRow("default") << u"daily 06:00"_s << u"daily 06:00"_s << u"*-*-* 06:00:00"_s << u"0 6 * * *"_s;
    QTest::newRow("spaces and case") << u"  Daily   7:05 "_s << u"daily 07:05"_s << u"*-*-* 07:05:00"_s
                                     << u"5 7 * * *"_s;
    QTest::newRow("hourly") << u"hourly"_s << u"hourly"_s << u"*-*-* *:00:00"_s << u"0 * * * *"_s;
    QTest::newRow("every 1h is hourly")
        << u"every 1h"_s << u"hourly"_s << u"*-*-* *:00:00"_s << u"0 * * * *"_s;
    QTest::newRow("every 6h") << u"every 6h"_s << u"every 6h"_s << u"*-*-* 00/6:00:00"_s << u"0 */6 * * *"_s;
    QTest::newRow("every 12h") << u"EVERY 12H"_s << u"every 12h"_s << u"*-*-* 00/12:00:00"_s
                               << u"0 */12 * * *"_s;
    QTest::newRow("weekly short") << u"weekly mon 06:00"_s << u"weekly mon 06:00"_s << u"Mon *-*-* 06:00:00"_s
                                  << u"0 6 * * 1"_s;
    QTest::newRow("weekly sunday is cron 0")
        << u"weekly Sunday 23:59"_s << u"weekly sun 23:59"_s << u"Sun *-*-* 23:59:00"_s << u"59 23 * * 0"_s;
    QTest::newRow("manual") << u"manual"_s << u"manual"_s << QString() << QString();
}

void TestSyncSchedule::parsesEveryForm()
{
    QFETCH(QString, text);
    QFETCH(QString, canonical);
    QFETCH(QString, onCalendar);
    QFETCH(QString, cron);
    const SyncSchedule schedule = parsed(text);
    QCOMPARE(schedule.toString(), canonical);
    QCOMPARE(schedule.onCalendar(), onCalendar);
    QCOMPARE(schedule.cronFields(), cron);
    QCOMPARE(parsed(canonical).toString(), canonical); // the settings text survives a round trip
    QVERIFY(!schedule.describe().isEmpty());
}

void TestSyncSchedule::refusesWithAMessage_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("hint");
    QTest::newRow("empty") << QString() << u"schedule.invalid"_s << u"daily HH:MM"_s;
    QTest::newRow("cron syntax") << u"0 6 * * *"_s << u"schedule.invalid"_s << u"weekly DAY HH:MM"_s;
    QTest::newRow("hour 24") << u"daily 24:00"_s << u"schedule.time"_s << u"24-hour"_s;
    QTest::newRow("minute 60") << u"daily 06:60"_s << u"schedule.time"_s << u"HH:MM"_s;
    QTest::newRow("no time") << u"daily"_s << u"schedule.invalid"_s << u"daily HH:MM"_s;
    QTest::newRow("am/pm") << u"daily 6am"_s << u"schedule.time"_s << u"24-hour"_s;
    QTest::newRow("uneven hours") << u"every 5h"_s << u"schedule.hours"_s << u"1, 2, 3, 4, 6, 8 or 12"_s;
    QTest::newRow("zero hours") << u"every 0h"_s << u"schedule.hours"_s << u"evenly spaced"_s;
    QTest::newRow("minutes") << u"every 30m"_s << u"schedule.invalid"_s << u"every Nh"_s;
    QTest::newRow("bad weekday") << u"weekly funday 06:00"_s << u"schedule.weekday"_s << u"mon, tue"_s;
    QTest::newRow("weekly without day") << u"weekly 06:00"_s << u"schedule.invalid"_s << u"weekly DAY"_s;
}

void TestSyncSchedule::refusesWithAMessage()
{
    QFETCH(QString, text);
    QFETCH(QString, code);
    QFETCH(QString, hint);
    const auto schedule = SyncSchedule::parse(text);
    QVERIFY(!schedule);
    QCOMPARE(schedule.error().code, code);
    QVERIFY2(schedule.errorMessage().contains(u'"' + text + u'"'), qPrintable(schedule.errorMessage()));
    QVERIFY2(schedule.errorMessage().contains(hint), qPrintable(schedule.errorMessage()));
}

void TestSyncSchedule::nextRun_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("after");
    QTest::addColumn<QDateTime>("expected");
    const QDate friday(2026, 11, 27);
    QTest::newRow("daily later today")
        << u"daily 06:00"_s << QDateTime(friday, QTime(5, 59)) << QDateTime(friday, QTime(6, 0));
    QTest::newRow("daily exactly now is tomorrow")
        << u"daily 06:00"_s << QDateTime(friday, QTime(6, 0)) << QDateTime(friday.addDays(1), QTime(6, 0));
    QTest::newRow("daily across a month") << u"daily 00:30"_s << QDateTime(QDate(2026, 11, 30), QTime(1, 0))
                                          << QDateTime(QDate(2026, 12, 1), QTime(0, 30));
    QTest::newRow("hourly") << u"hourly"_s << QDateTime(friday, QTime(7, 1))
                            << QDateTime(friday, QTime(8, 0));
    QTest::newRow("every 6h") << u"every 6h"_s << QDateTime(friday, QTime(7, 1))
                              << QDateTime(friday, QTime(12, 0));
    QTest::newRow("every 6h past 18:00")
        << u"every 6h"_s << QDateTime(friday, QTime(18, 0)) << QDateTime(friday.addDays(1), QTime(0, 0));
    QTest::newRow("weekly next monday") << u"weekly mon 06:00"_s << QDateTime(friday, QTime(7, 0))
                                        << QDateTime(QDate(2026, 11, 30), QTime(6, 0));
    QTest::newRow("weekly same day later")
        << u"weekly fri 09:00"_s << QDateTime(friday, QTime(7, 0)) << QDateTime(friday, QTime(9, 0));
    QTest::newRow("weekly same day passed") << u"weekly fri 06:00"_s << QDateTime(friday, QTime(7, 0))
                                            << QDateTime(friday.addDays(7), QTime(6, 0));
}

void TestSyncSchedule::nextRun()
{
    QFETCH(QString, text);
    QFETCH(QDateTime, after);
    QFETCH(QDateTime, expected);
    QCOMPARE(parsed(text).nextRun(after), expected);
}

void TestSyncSchedule::unitsRunTheSyncOnTheCalendar()
{
    const SyncSchedule schedule = parsed(u"every 6h"_s);
    const auto units = ascsync::schedule::makeScheduleUnits(
        schedule, SyncInvocation{u"/usr/bin/ascsync"_s, u"/home/ana/.config/ascsync/work.conf"_s});
    QCOMPARE(units.serviceName, QStringLiteral(ASCSYNC_APP_ID "-sync.service"));
    QCOMPARE(units.timerName, QStringLiteral(ASCSYNC_APP_ID "-sync.timer"));
    QVERIFY(units.serviceText.contains(
        u"\nExecStart=/usr/bin/ascsync sync --config /home/ana/.config/ascsync/work.conf\n"_s));
    QVERIFY(units.serviceText.contains(u"\nType=oneshot\n"_s));
    QVERIFY(units.timerText.contains(u"\nOnCalendar=*-*-* 00/6:00:00\n"_s));
    QVERIFY(units.timerText.contains(u"\nPersistent=true\n"_s));
    QVERIFY(units.timerText.contains(u"\nRandomizedDelaySec=10min\n"_s));
    QVERIFY(units.timerText.contains(u"\nUnit="_s + units.serviceName + u'\n'));
    QVERIFY(units.timerText.contains(u"\n[Install]\nWantedBy=timers.target\n"_s));
    QCOMPARE(ascsync::schedule::scheduleOfTimer(units.timerText), u"every 6h"_s);
    QCOMPARE(ascsync::schedule::scheduleOfTimer(u"[Timer]\nOnCalendar=daily\n"_s), QString());

    // Without --config, the scheduled run reads the default settings file, like the user's own runs.
    const auto plain =
        ascsync::schedule::makeScheduleUnits(schedule, SyncInvocation{u"/usr/bin/ascsync"_s, {}});
    QVERIFY(plain.serviceText.contains(u"\nExecStart=/usr/bin/ascsync sync\n"_s));
    QCOMPARE(ascsync::schedule::cronLine(schedule, SyncInvocation{u"/usr/bin/ascsync"_s, {}}),
             u"0 */6 * * * /usr/bin/ascsync sync"_s);
}

void TestSyncSchedule::quotesPathsForSystemdAndCron()
{
    const SyncSchedule schedule = parsed(u"daily 06:00"_s);
    const SyncInvocation invocation{u"/opt/my apps/ascsync"_s, u"/home/ana/50% \"it's\" $HOME.conf"_s};
    const auto units = ascsync::schedule::makeScheduleUnits(schedule, invocation);
    // systemd: double quotes with C escapes; % and $ doubled so they are neither specifiers nor variables.
    QVERIFY2(
        units.serviceText.contains(
            u"\nExecStart=\"/opt/my apps/ascsync\" sync --config \"/home/ana/50%% \\\"it's\\\" $$HOME.conf\"\n"_s),
        qPrintable(units.serviceText));
    // cron: shell single quotes, and % escaped because cron turns a bare % into a newline.
    QCOMPARE(ascsync::schedule::cronLine(schedule, invocation),
             u"0 6 * * * '/opt/my apps/ascsync' sync --config '/home/ana/50\\% \"it'\\''s\" $HOME.conf'"_s);
}

void TestSyncSchedule::manualHasNoCalendar()
{
    const SyncSchedule schedule = parsed(u"manual"_s);
    QVERIFY(schedule.isManual());
    QVERIFY(!schedule.nextRun(QDateTime::currentDateTime()).isValid());
    QCOMPARE(schedule.randomizedDelayMinutes(), 0);
}

void TestSyncSchedule::invalidStartHasNoNextRun()
{
    // Found by fuzz_schedule (issue 17): from an invalid moment (a default QDateTime, or a local time inside
    // a daylight-saving gap) the searches of `every Nh` and `weekly` never ended.
    for (const QString &text : {u"hourly"_s, u"every 6h"_s, u"daily 06:00"_s, u"weekly sun 02:30"_s}) {
        QVERIFY2(!parsed(text).nextRun(QDateTime()).isValid(), qPrintable(text));
    }
}

void TestSyncSchedule::runInTheSpringForwardGapIsSkipped()
{
    // Found by fuzz_schedule (issue 17): from the evening before the spring-forward change, "daily 02:00"
    // returned the invalid 02:00 of the day that has none. systemd skips that day
    // (`TZ=America/Los_Angeles systemd-analyze calendar --base-time='2024-03-10 00:15' '*-*-* 02:30'`).
    const QByteArray oldTz = qgetenv("TZ");
    qputenv("TZ", "America/Los_Angeles");
    const auto restore = qScopeGuard([&oldTz] {
        if (oldTz.isNull()) {
            qunsetenv("TZ");
        } else {
            qputenv("TZ", oldTz);
        }
    });
    const QDateTime evening(QDate(2024, 3, 9), QTime(21, 0));
    QCOMPARE(parsed(u"daily 02:00"_s).nextRun(evening), QDateTime(QDate(2024, 3, 11), QTime(2, 0)));
    QCOMPARE(parsed(u"weekly sun 02:30"_s).nextRun(evening), QDateTime(QDate(2024, 3, 17), QTime(2, 30)));
    QCOMPARE(parsed(u"every 2h"_s).nextRun(QDateTime(QDate(2024, 3, 10), QTime(1, 30))),
             QDateTime(QDate(2024, 3, 10), QTime(4, 0)));
}

void TestSyncSchedule::systemdAgreesOnCalendarAndNextRun()
{
    const QString analyze = QStandardPaths::findExecutable(u"systemd-analyze"_s);
    if (analyze.isEmpty()) {
        QSKIP("systemd-analyze is not installed (package systemd)");
    }
    static const QRegularExpression normalized(u"Normalized form: (.+)\n"_s);
    static const QRegularExpression nextElapse(
        u"Next elapse: \\w+ (\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2})"_s);
    for (const QString &text : {u"hourly"_s, u"every 2h"_s, u"every 8h"_s, u"daily 06:00"_s, u"daily 23:45"_s,
                                u"weekly mon 06:00"_s, u"weekly sun 00:15"_s}) {
        const SyncSchedule schedule = parsed(text);
        // Either side of the call, so a minute turning over while systemd-analyze runs cannot fail the test.
        const QDateTime before = schedule.nextRun(QDateTime::currentDateTime());
        const ProcessResult result = run(analyze, {u"calendar"_s, schedule.onCalendar()});
        const QDateTime after = schedule.nextRun(QDateTime::currentDateTime());
        QVERIFY2(result.exitCode == 0, qPrintable(text + u": "_s + result.output));
        QCOMPARE(normalized.match(result.output).captured(1).trimmed(), schedule.onCalendar());
        const QDateTime systemdNext =
            QDateTime::fromString(nextElapse.match(result.output).captured(1), u"yyyy-MM-dd HH:mm:ss"_s);
        QVERIFY2(systemdNext == before || systemdNext == after,
                 qPrintable(u"%1: systemd says %2, ascsync %3"_s.arg(text, systemdNext.toString(Qt::ISODate),
                                                                     before.toString(Qt::ISODate))));
    }
}

void TestSyncSchedule::systemdAcceptsTheUnits()
{
    const QString analyze = QStandardPaths::findExecutable(u"systemd-analyze"_s);
    if (analyze.isEmpty()) {
        QSKIP("systemd-analyze is not installed (package systemd)");
    }
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    // The service must name an executable that exists: this test's own binary stands in for ascsync.
    const SyncInvocation invocation{QCoreApplication::applicationFilePath(),
                                    directory.filePath(u"my settings 100%.conf"_s)};
    for (const QString &text : {u"hourly"_s, u"every 6h"_s, u"daily 06:00"_s, u"weekly wed 12:30"_s}) {
        const auto units = ascsync::schedule::makeScheduleUnits(parsed(text), invocation);
        QStringList paths;
        for (const auto &[name, content] :
             {std::pair{units.serviceName, units.serviceText}, std::pair{units.timerName, units.timerText}}) {
            QFile file(directory.filePath(name));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(content.toUtf8());
            paths << file.fileName();
        }
        // verify loads the units in a scratch manager and prints every setting it ignores or refuses.
        const ProcessResult result = run(analyze, QStringList{u"verify"_s} + paths);
        QVERIFY2(result.exitCode == 0 && result.output.trimmed().isEmpty(),
                 qPrintable(text + u": "_s + result.output));
    }
    // And the check can fail: the same units with a calendar event systemd does not understand are refused.
    QFile timer(directory.filePath(ascsync::schedule::unitStem() + u".timer"_s));
    QVERIFY(timer.open(QIODevice::ReadOnly));
    const QString broken = QString::fromUtf8(timer.readAll())
                               .replace(u"OnCalendar=Wed *-*-* 12:30:00"_s, u"OnCalendar=*-*-* 25:00:00"_s);
    timer.close();
    QVERIFY(broken.contains(u"25:00:00"_s));
    QVERIFY(timer.open(QIODevice::WriteOnly | QIODevice::Truncate));
    timer.write(broken.toUtf8());
    timer.close();
    const ProcessResult refused = run(analyze, {u"verify"_s, timer.fileName()});
    QVERIFY2(refused.exitCode != 0 && refused.output.contains(u"calendar"_s), qPrintable(refused.output));
}

QTEST_GUILESS_MAIN(TestSyncSchedule)
#include "tst_syncschedule.moc"
