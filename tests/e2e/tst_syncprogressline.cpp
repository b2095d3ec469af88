// `ascsync sync` on a terminal (a real pseudo-terminal, through script(1)): the rewritten progress line names
// the unit being loaded (app, report, date) beside the stream's unit count, and every line it wrote is
// cleared before a message is printed.
#include "ascsync/testpaths.h"
#include "tests/testkit/sandboxprocess.h"

#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QString shellQuoted(const QString &text)
{
    QString quoted = text;
    quoted.replace(u"'"_s, u"'\\''"_s);
    return u"'"_s + quoted + u"'"_s;
}

} // namespace

class TestSyncProgressLine : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void theTerminalLineNamesTheUnit()
    {
        if (QStandardPaths::findExecutable(u"script"_s).isEmpty()) {
            QSKIP("script(1) (util-linux) is needed for a pseudo-terminal");
        }
        QTemporaryDir dir;
        SandboxProcess sandbox;
        QVERIFY(
            sandbox.start(dir.filePath(u"sandbox"_s),
                          {u"--seed"_s, u"11"_s, u"--apps"_s, u"1"_s, u"--history-start"_s, u"2026-11-14"_s,
                           u"--today"_s, u"2026-11-20"_s, u"--traffic-scale"_s, u"0.05"_s}));
        QStringList command{QStringLiteral(ASCSYNC_CLI_PATH),
                            u"sync"_s,
                            u"--config"_s,
                            dir.filePath(u"a.conf"_s),
                            u"--destination"_s,
                            u"sqlite:"_s + dir.filePath(u"a.db"_s),
                            u"--streams"_s,
                            u"analytics:downloads"_s};
        command += sandbox.keyArguments(u"reader"_s);
        QStringList quoted;
        for (const QString &part : command) {
            quoted << shellQuoted(part);
        }
        QProcess terminal;
        terminal.start(u"script"_s, {u"-qfec"_s, quoted.join(u' '), u"/dev/null"_s});
        QVERIFY(terminal.waitForFinished(300000));
        const QString screen = QString::fromUtf8(terminal.readAllStandardOutput());
        QCOMPARE(terminal.exitCode(), 0);
        const QRegularExpression unitLine(
            u"\ranalytics: \\d+/\\d+ · [^·\r\n]+ · App Downloads Standard · 2026-11-\\d\\d: (loading|[\\d,]+ rows)"_s);
        QVERIFY2(unitLine.match(screen).hasMatch(), qPrintable(screen));
        QVERIFY2(screen.contains(u"units loaded"_s), qPrintable(screen));
    }
};

QTEST_GUILESS_MAIN(TestSyncProgressLine)
#include "tst_syncprogressline.moc"
