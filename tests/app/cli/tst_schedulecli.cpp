// `ascsync schedule` through the real binary, with a private XDG_CONFIG_HOME and HOME. systemctl is kept off
// PATH (so CI needs no user systemd): install falls back to a crontab line and writes nothing, and
// --no-enable lets install, show and remove work on the unit files alone.
#include "ascsync/testpaths.h"
#include "ascsync/version.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QString kCli = QStringLiteral(ASCSYNC_CLI_PATH);

struct CliResult {
    int exitCode = -1;
    QString out;
    QString err;
};

} // namespace

class TestScheduleCli : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void withoutSystemdPrintsTheCrontabLineAndWritesNothing();
    void cronOptionPrintsAQuotedLine();
    void installShowRemoveTheUnitFiles();
    void configFromTheEnvironmentGoesIntoTheUnit();
    void unitsGoToHomeConfigWithoutXdgConfigHome();
    void refusesBadInput_data();
    void refusesBadInput();

private:
    CliResult schedule(const QStringList &arguments, const QProcessEnvironment &environment) const;
    QProcessEnvironment environment() const;
    void writeSettings(const QString &path, const QString &schedule) const;
    QString unitDirectory() const { return m_dir->filePath(u"config/systemd/user"_s); }
    QString timerPath() const { return unitDirectory() + u"/" ASCSYNC_APP_ID "-sync.timer"_s; }
    QString servicePath() const { return unitDirectory() + u"/" ASCSYNC_APP_ID "-sync.service"_s; }
    QString defaultSettings() const { return m_dir->filePath(u"config/ascsync/ascsync.conf"_s); }
    static QString readAll(const QString &path);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestScheduleCli::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(QDir().mkpath(m_dir->filePath(u"empty-bin"_s)));
    QVERIFY(QDir().mkpath(m_dir->filePath(u"home"_s)));
}

QProcessEnvironment TestScheduleCli::environment() const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"HOME"_s, m_dir->filePath(u"home"_s));
    environment.insert(u"XDG_CONFIG_HOME"_s, m_dir->filePath(u"config"_s));
    environment.insert(u"PATH"_s, m_dir->filePath(u"empty-bin"_s)); // no systemctl
    environment.remove(u"ASCSYNC_CONFIG"_s);
    return environment;
}

CliResult TestScheduleCli::schedule(const QStringList &arguments,
                                    const QProcessEnvironment &environment) const
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(kCli, QStringList{u"schedule"_s} + arguments);
    if (!process.waitForFinished(60000)) {
        return {};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

void TestScheduleCli::writeSettings(const QString &path, const QString &schedule) const
{
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("[credentials]\nkeyId=2X9R4HXF34\nkeyFile=/keys/AuthKey_2X9R4HXF34.p8\n[sync]\nschedule=" +
               schedule.toUtf8() + '\n');
}

QString TestScheduleCli::readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

void TestScheduleCli::withoutSystemdPrintsTheCrontabLineAndWritesNothing()
{
    writeSettings(defaultSettings(), u"weekly tue 07:15"_s);
    const CliResult result = schedule({u"install"_s}, environment());
    QCOMPARE(result.exitCode, 1); // nothing is scheduled: the command did not do its job
    QCOMPARE(result.out, u"15 7 * * 2 "_s + QFileInfo(kCli).canonicalFilePath() + u" sync\n"_s);
    QVERIFY2(result.err.contains(u"systemctl is not on PATH"_s), qPrintable(result.err));
    QVERIFY2(result.err.contains(u"Nothing was written"_s), qPrintable(result.err));
    QVERIFY2(result.err.contains(u"crontab -e"_s), qPrintable(result.err));
    QVERIFY(!QFileInfo::exists(m_dir->filePath(u"config/systemd"_s)));

    // show works without systemd too: the schedule, no units, the next run computed from the settings.
    const CliResult shown = schedule({u"show"_s}, environment());
    QCOMPARE(shown.exitCode, 0);
    QVERIFY2(shown.out.contains(u"Schedule: weekly tue 07:15 (every Tuesday at 07:15)"_s),
             qPrintable(shown.out));
    QVERIFY2(shown.out.contains(u"Not installed: "_s + timerPath()), qPrintable(shown.out));
    QVERIFY2(shown.out.contains(u"systemd: not usable (systemctl is not on PATH"_s), qPrintable(shown.out));
    QVERIFY2(shown.out.contains(u"Next run: Tue "_s), qPrintable(shown.out));
}

void TestScheduleCli::cronOptionPrintsAQuotedLine()
{
    const QString settings = m_dir->filePath(u"my settings/ascsync 100%.conf"_s);
    writeSettings(settings, u"every 6h"_s);
    const CliResult result = schedule({u"install"_s, u"--cron"_s, u"--config"_s, settings}, environment());
    QCOMPARE(result.exitCode, 0);
    QString quoted = settings;
    quoted.replace(u'%', u"\\%"_s);
    QCOMPARE(result.out, u"0 */6 * * * "_s + QFileInfo(kCli).canonicalFilePath() + u" sync --config '"_s +
                             quoted + u"'\n"_s);
    QVERIFY(!QFileInfo::exists(unitDirectory()));
}

void TestScheduleCli::installShowRemoveTheUnitFiles()
{
    const QString settings = m_dir->filePath(u"work.conf"_s);
    writeSettings(settings, u"daily 06:30"_s);
    const QStringList common{u"--no-enable"_s, u"--config"_s, settings};

    const CliResult installed = schedule(QStringList{u"install"_s} + common, environment());
    QVERIFY2(installed.exitCode == 0, qPrintable(installed.err));
    QVERIFY2(installed.out.contains(u"Wrote "_s + timerPath()), qPrintable(installed.out));
    QVERIFY2(installed.out.contains(u"systemctl --user enable --now " ASCSYNC_APP_ID "-sync.timer"_s),
             qPrintable(installed.out));
    const QString service = readAll(servicePath());
    const QString timer = readAll(timerPath());
    QVERIFY2(service.contains(u"\nExecStart="_s + QFileInfo(kCli).canonicalFilePath() + u" sync --config "_s +
                              settings + u'\n'),
             qPrintable(service));
    QVERIFY2(timer.contains(u"\nOnCalendar=*-*-* 06:30:00\n"_s), qPrintable(timer));
    QVERIFY(timer.contains(u"\nPersistent=true\n"_s));
    QVERIFY(timer.contains(u"\nRandomizedDelaySec=15min\n"_s));

    if (const QString analyze = QStandardPaths::findExecutable(u"systemd-analyze"_s); !analyze.isEmpty()) {
        QProcess verify;
        verify.setProcessChannelMode(QProcess::MergedChannels);
        verify.start(analyze, {u"verify"_s, servicePath(), timerPath()});
        QVERIFY(verify.waitForFinished(60000));
        QVERIFY2(verify.exitCode() == 0, verify.readAll().constData());
    }

    CliResult shown = schedule(QStringList{u"show"_s} + common, environment());
    QCOMPARE(shown.exitCode, 0);
    QVERIFY2(shown.out.contains(u"Installed: "_s + servicePath()), qPrintable(shown.out));
    QVERIFY2(shown.out.contains(u"Installed: "_s + timerPath()), qPrintable(shown.out));
    QVERIFY(!shown.out.contains(u"The timer runs"_s));

    // The settings change: show says the timer is stale, install rewrites it.
    writeSettings(settings, u"hourly"_s);
    shown = schedule(QStringList{u"show"_s} + common, environment());
    QVERIFY2(shown.out.contains(u"The timer runs \"daily 06:30\" but the settings say \"hourly\""_s),
             qPrintable(shown.out));
    QCOMPARE(schedule(QStringList{u"install"_s} + common, environment()).exitCode, 0);
    QVERIFY(readAll(timerPath()).contains(u"\nOnCalendar=*-*-* *:00:00\n"_s));

    const CliResult removed = schedule(QStringList{u"remove"_s} + common, environment());
    QCOMPARE(removed.exitCode, 0);
    QVERIFY2(removed.out.contains(u"Removed "_s + timerPath()), qPrintable(removed.out));
    QVERIFY(!QFileInfo::exists(timerPath()));
    QVERIFY(!QFileInfo::exists(servicePath()));
    const CliResult again = schedule(QStringList{u"remove"_s} + common, environment());
    QCOMPARE(again.exitCode, 0);
    QVERIFY2(again.out.contains(u"No scheduled sync was installed"_s), qPrintable(again.out));
}

void TestScheduleCli::configFromTheEnvironmentGoesIntoTheUnit()
{
    const QString settings = m_dir->filePath(u"from-env.conf"_s);
    writeSettings(settings, u"every 12h"_s);
    QProcessEnvironment environmentWithConfig = environment();
    environmentWithConfig.insert(u"ASCSYNC_CONFIG"_s, settings);
    QCOMPARE(schedule({u"install"_s, u"--no-enable"_s}, environmentWithConfig).exitCode, 0);
    QVERIFY(readAll(servicePath()).contains(u" sync --config "_s + settings + u'\n'));
    QVERIFY(readAll(timerPath()).contains(u"\nOnCalendar=*-*-* 00/12:00:00\n"_s));
}

void TestScheduleCli::unitsGoToHomeConfigWithoutXdgConfigHome()
{
    QProcessEnvironment plain = environment();
    plain.remove(u"XDG_CONFIG_HOME"_s);
    writeSettings(m_dir->filePath(u"home/.config/ascsync/ascsync.conf"_s), u"daily 06:00"_s);
    QCOMPARE(schedule({u"install"_s, u"--no-enable"_s}, plain).exitCode, 0);
    QVERIFY(QFileInfo::exists(m_dir->filePath(u"home/.config/systemd/user/" ASCSYNC_APP_ID "-sync.timer"_s)));
    QVERIFY(readAll(m_dir->filePath(u"home/.config/systemd/user/" ASCSYNC_APP_ID "-sync.service"_s))
                .contains(u" sync\n"_s)); // the default settings file: no --config
}

void TestScheduleCli::refusesBadInput_data()
{
    QTest::addColumn<QString>("settingsSchedule");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::newRow("no action") << u"daily 06:00"_s << QStringList{} << 2 << u"install, show or remove"_s;
    QTest::newRow("unknown action") << u"daily 06:00"_s << QStringList{u"start"_s} << 2
                                    << u"unknown action \"start\""_s;
    QTest::newRow("unknown option") << u"daily 06:00"_s << QStringList{u"install"_s, u"--now"_s} << 2
                                    << u"Unknown option 'now'"_s;
    QTest::newRow("cron with show") << u"daily 06:00"_s << QStringList{u"show"_s, u"--cron"_s} << 2
                                    << u"--cron goes with install only"_s;
    QTest::newRow("manual schedule") << u"manual"_s << QStringList{u"install"_s, u"--no-enable"_s} << 1
                                     << u"is \"manual\", so there is nothing to install"_s;
    QTest::newRow("invalid schedule")
        << u"every 5h"_s << QStringList{u"install"_s, u"--no-enable"_s} << 1 << u"Fix sync/schedule in "_s;
    QTest::newRow("line break in the config path") // issue 13: no injected crontab or unit line
        << u"daily 06:00"_s
        << QStringList{u"install"_s, u"--cron"_s, u"--config"_s, u"/tmp/a\n* * * * * touch x"_s} << 2
        << u"contains a line break or another control character"_s;
    QTest::newRow("invalid schedule, cron")
        << u"daily 25:00"_s << QStringList{u"install"_s, u"--cron"_s} << 1 << u"HH:MM on a 24-hour clock"_s;
}

void TestScheduleCli::refusesBadInput()
{
    QFETCH(QString, settingsSchedule);
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    writeSettings(defaultSettings(), settingsSchedule);
    const CliResult result = schedule(arguments, environment());
    QCOMPARE(result.exitCode, exitCode);
    QVERIFY2(result.err.contains(message), qPrintable(result.err));
    QVERIFY(result.out.isEmpty());
    QVERIFY(!QFileInfo::exists(unitDirectory())); // a refused command leaves nothing behind
}

QTEST_GUILESS_MAIN(TestScheduleCli)
#include "tst_schedulecli.moc"
