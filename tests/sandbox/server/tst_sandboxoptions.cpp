// ascsync-sandbox's command line, parsed without starting anything.

#include "sandbox/server/sandboxoptions.h"

#include <QTest>

using namespace Qt::StringLiterals;
using ascsync::sandbox::SandboxOptions;
using ascsync::sandbox::SandboxOptionsParser;

class TestSandboxOptions : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void defaults();
    void everyOption();
    void errors_data();
    void errors();
    void helpMentionsEveryOption();
};

void TestSandboxOptions::defaults()
{
    const SandboxOptionsParser::Outcome parsed = SandboxOptionsParser::parse({u"ascsync-sandbox"_s});
    QVERIFY(parsed.error.isEmpty());
    QVERIFY(!parsed.helpRequested);
    QCOMPARE(parsed.options.port, quint16(0));
    QCOMPARE(parsed.options.rateLimit, 3600);
    QCOMPARE(parsed.options.reportDelaySeconds, 60);
    QCOMPARE(parsed.options.urlTtlSeconds, 300);
    QCOMPARE(parsed.options.enabledApps, -1);
    QCOMPARE(parsed.options.historyStart, QDate(2024, 1, 1));
    QVERIFY(!parsed.options.today.isValid());
    QCOMPARE(parsed.options.legacySalesLayoutBefore, QDate(2016, 1, 1));
    QVERIFY(SandboxOptionsParser::parse({u"x"_s, u"--help"_s}).helpRequested);
}

void TestSandboxOptions::everyOption()
{
    const SandboxOptionsParser::Outcome parsed =
        SandboxOptionsParser::parse({u"x"_s,
                                     u"--port"_s,
                                     u"8080"_s,
                                     u"--segment-port"_s,
                                     u"8081"_s,
                                     u"--state-dir"_s,
                                     u"/tmp/s"_s,
                                     u"--keys"_s,
                                     u"/tmp/k.json"_s,
                                     u"--seed"_s,
                                     u"42"_s,
                                     u"--apps"_s,
                                     u"5"_s,
                                     u"--enabled-apps"_s,
                                     u"2"_s,
                                     u"--history-start"_s,
                                     u"2024-06-01"_s,
                                     u"--today"_s,
                                     u"2025-01-31"_s,
                                     u"--latency-ms"_s,
                                     u"15"_s,
                                     u"--rate-limit"_s,
                                     u"100"_s,
                                     u"--faults"_s,
                                     u"http500=0.1,drift=0.5"_s,
                                     u"--requests-log"_s,
                                     u"/tmp/r.jsonl"_s,
                                     u"--report-delay-seconds"_s,
                                     u"0"_s,
                                     u"--url-ttl-seconds"_s,
                                     u"30"_s,
                                     u"--slow-ms"_s,
                                     u"250"_s,
                                     u"--legacy-sales-before"_s,
                                     u"2024-09-01"_s,
                                     u"--report-versions"_s,
                                     u"SUBSCRIPTION=1_4,SUBSCRIBER=1_5"_s});
    QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
    const SandboxOptions &options = parsed.options;
    QCOMPARE(options.port, quint16(8080));
    QCOMPARE(options.segmentPort, quint16(8081));
    QCOMPARE(options.stateDir, u"/tmp/s"_s);
    QCOMPARE(options.keysFile, u"/tmp/k.json"_s);
    QCOMPARE(options.seed, quint64(42));
    QCOMPARE(options.apps, 5);
    QCOMPARE(options.enabledApps, 2);
    QCOMPARE(options.historyStart, QDate(2024, 6, 1));
    QCOMPARE(options.today, QDate(2025, 1, 31));
    QCOMPARE(options.latencyMs, 15);
    QCOMPARE(options.rateLimit, 100);
    QCOMPARE(options.faults, u"http500=0.1,drift=0.5"_s);
    QCOMPARE(options.requestsLog, u"/tmp/r.jsonl"_s);
    QCOMPARE(options.reportDelaySeconds, 0);
    QCOMPARE(options.urlTtlSeconds, 30);
    QCOMPARE(options.slowMs, 250);
    QCOMPARE(options.legacySalesLayoutBefore, QDate(2024, 9, 1));
    QCOMPARE(options.salesReportVersions,
             (QMap<QString, QString>{{u"SUBSCRIPTION"_s, u"1_4"_s}, {u"SUBSCRIBER"_s, u"1_5"_s}}));
}

void TestSandboxOptions::errors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("port too big") << QStringList{u"--port"_s, u"70000"_s} << u"--port"_s;
    QTest::newRow("negative latency") << QStringList{u"--latency-ms"_s, u"-1"_s} << u"--latency-ms"_s;
    QTest::newRow("zero apps") << QStringList{u"--apps"_s, u"0"_s} << u"--apps"_s;
    QTest::newRow("zero rate limit") << QStringList{u"--rate-limit"_s, u"0"_s} << u"--rate-limit"_s;
    QTest::newRow("bad date") << QStringList{u"--history-start"_s, u"2024-13-01"_s} << u"--history-start"_s;
    QTest::newRow("bad legacy date") << QStringList{u"--legacy-sales-before"_s, u"2016"_s}
                                     << u"--legacy-sales-before"_s;
    QTest::newRow("today before history") << QStringList{u"--today"_s, u"2023-12-31"_s} << u"--today"_s;
    QTest::newRow("enabled beyond apps")
        << QStringList{u"--apps"_s, u"1"_s, u"--enabled-apps"_s, u"2"_s} << u"--enabled-apps"_s;
    QTest::newRow("unknown fault") << QStringList{u"--faults"_s, u"meteor=1"_s} << u"meteor"_s;
    QTest::newRow("report version without a type")
        << QStringList{u"--report-versions"_s, u"1_4"_s} << u"--report-versions"_s;
    QTest::newRow("positional") << QStringList{u"extra"_s} << u"extra"_s;
    QTest::newRow("missing value") << QStringList{u"--seed"_s} << u"seed"_s;
}

void TestSandboxOptions::errors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    arguments.prepend(u"ascsync-sandbox"_s);
    const SandboxOptionsParser::Outcome parsed = SandboxOptionsParser::parse(arguments);
    QVERIFY2(parsed.error.contains(mentions), qPrintable(parsed.error));
}

void TestSandboxOptions::helpMentionsEveryOption()
{
    const QString help = SandboxOptionsParser::helpText();
    for (const QString &option :
         {u"--port"_s, u"--segment-port"_s, u"--state-dir"_s, u"--keys"_s, u"--seed"_s, u"--apps"_s,
          u"--enabled-apps"_s, u"--history-start"_s, u"--today"_s, u"--latency-ms"_s, u"--rate-limit"_s,
          u"--faults"_s, u"--requests-log"_s, u"--report-delay-seconds"_s, u"--url-ttl-seconds"_s,
          u"--slow-ms"_s, u"--report-versions"_s})
        QVERIFY2(help.contains(option), qPrintable(option));
    QVERIFY(help.contains(u"3600"_s)); // the rate limit's default, taken from SandboxOptions
}

QTEST_GUILESS_MAIN(TestSandboxOptions)
#include "tst_sandboxoptions.moc"
