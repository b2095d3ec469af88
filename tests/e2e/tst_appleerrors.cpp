// Apple's errors mapped to the fix (issue 18), end to end: the simulator answers as App Store Connect does
// (unsigned agreements, a key whose role cannot download reports, an individual key, a wrong vendor number,
// a bad key, a report not published yet, a stopped ONGOING request) and the real CLI prints what happened and
// what to do, on stderr and in --json, and exits non-zero; a report not published yet is skipped, not
// recorded as zero sales.
#include "tests/testkit/sandboxprocess.h"
#include "tests/testkit/testkeys.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace {

QStringList worldFlags()
{
    return {u"--seed"_s,          u"11"_s,         u"--apps"_s,  u"2"_s,
            u"--history-start"_s, u"2026-10-27"_s, u"--today"_s, u"2026-11-20"_s,
            u"--traffic-scale"_s, u"0.05"_s};
}

QString joined(const QJsonValue &array)
{
    QStringList lines;
    for (const QJsonValue &line : array.toArray()) {
        lines << line.toString();
    }
    return lines.join(u'\n');
}

// A key of our own, registered with the simulator through --keys: its .p8 file and the keys-file entry.
struct ExtraKey {
    QString keyId;
    QString issuerId; // empty: an individual key
    QString keyFile;
    QJsonObject entry;
};

ExtraKey makeKey(const QString &dir, const QString &keyId, const QString &issuerId, const QString &role)
{
    ExtraKey key;
    key.keyId = keyId;
    key.issuerId = issuerId;
    const testkeys::KeyPtr pair = testkeys::generateEc("P-256");
    key.keyFile = dir + u"/AuthKey_"_s + keyId + u".p8"_s;
    QFile file(key.keyFile);
    if (file.open(QIODevice::WriteOnly)) {
        file.write(testkeys::appleStylePem(pair.get()));
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    }
    key.entry = {{u"keyId"_s, keyId},
                 {u"publicKeyPem"_s, QString::fromLatin1(testkeys::publicKeyPem(pair.get()))},
                 {u"role"_s, role}};
    if (!issuerId.isEmpty()) {
        key.entry.insert(u"issuerId"_s, issuerId);
    }
    return key;
}

} // namespace

class TestAppleErrors : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    SandboxProcess m_plain;
    SandboxProcess m_agreements; // --faults agreements=1
    SandboxProcess m_notYet;     // --faults notyet=1
    SandboxProcess m_budget;     // --rate-limit 3: Apple's 429 RATE_LIMIT_EXCEEDED after three requests
    ExtraKey m_developer;        // a team key with the Developer role
    ExtraKey m_individual;       // an individual key (no issuer ID)

    CliRun sync(const SandboxProcess &sandbox, const QString &name, const QStringList &streams,
                const QStringList &keyArguments, const QString &vendorNumber = QString())
    {
        return runAscsync(
            QStringList{u"sync"_s, u"--config"_s, m_dir.filePath(name + u".conf"_s), u"--destination"_s,
                        u"sqlite:"_s + m_dir.filePath(name + u".db"_s), u"--vendor-number"_s,
                        vendorNumber.isEmpty() ? sandbox.vendorNumber() : vendorNumber, u"--streams"_s,
                        streams.join(u','), u"--as-of"_s, u"2026-11-20T18:00:00Z"_s, u"--json"_s} +
            keyArguments);
    }

    QStringList ownKey(const SandboxProcess &sandbox, const ExtraKey &key) const
    {
        return {u"--issuer-id"_s, key.issuerId, u"--key-id"_s,       key.keyId,
                u"--key-file"_s,  key.keyFile,  u"--api-base-url"_s, sandbox.apiBaseUrl()};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_developer = makeKey(m_dir.path(), u"DEVKEY0001"_s,
                              QUuid::createUuid().toString(QUuid::WithoutBraces), u"DEVELOPER"_s);
        m_individual = makeKey(m_dir.path(), u"INDKEY0001"_s, QString(), u"ADMIN"_s);
        QFile keys(m_dir.filePath(u"keys.json"_s));
        QVERIFY(keys.open(QIODevice::WriteOnly));
        keys.write(QJsonDocument(QJsonArray{m_developer.entry, m_individual.entry}).toJson());
        keys.close();
        QVERIFY(m_plain.start(m_dir.filePath(u"plain"_s),
                              worldFlags() + QStringList{u"--keys"_s, keys.fileName()}));
        QVERIFY(m_agreements.start(m_dir.filePath(u"agreements"_s),
                                   worldFlags() + QStringList{u"--faults"_s, u"agreements=1"_s}));
        QVERIFY(m_budget.start(m_dir.filePath(u"budget"_s),
                               worldFlags() + QStringList{u"--rate-limit"_s, u"3"_s}));
        QVERIFY(m_notYet.start(m_dir.filePath(u"notyet"_s),
                               worldFlags() + QStringList{u"--faults"_s, u"notyet=1"_s}));
    }

    void errorSaysTheFix_data()
    {
        QTest::addColumn<QString>("sandbox");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("vendorNumber");
        QTest::addColumn<QStringList>("streams");
        QTest::addColumn<QStringList>("expected"); // every one in the failure, on stderr and in --json

        const QStringList sales{u"sales:SALES/SUMMARY/DAILY"_s};
        QTest::newRow("agreements") << u"agreements"_s << u"reader"_s << QString() << sales
                                    << QStringList{u"FORBIDDEN.REQUIRED_AGREEMENTS_MISSING_OR_EXPIRED"_s,
                                                   u"Account Holder must sign or renew"_s,
                                                   u"Business (Agreements, Tax, and Banking)"_s};
        QTest::newRow("agreements, finance")
            << u"agreements"_s << u"reader"_s << QString() << QStringList{u"finance"_s}
            << QStringList{u"a required agreement is missing or has expired"_s};
        QTest::newRow("role") << u"plain"_s << u"developer"_s << QString() << sales
                              << QStringList{
                                     u"this key's role does not allow it"_s,
                                     u"Sales and Trends reports need a key with the Admin, Finance or "
                                     u"Sales role"_s};
        QTest::newRow("role, finance")
            << u"plain"_s << u"developer"_s << QString() << QStringList{u"finance"_s}
            << QStringList{u"finance reports need a key with the Admin or Finance role"_s};
        QTest::newRow("individual key")
            << u"plain"_s << u"individual"_s << QString() << sales
            << QStringList{u"individual API keys cannot download Sales and Trends or finance reports"_s,
                           u"Team Keys"_s};
        QTest::newRow("vendor number")
            << u"plain"_s << u"reader"_s << u"12345678"_s << sales
            << QStringList{u"did not accept the vendor number"_s,
                           u"check the vendor number in App Store Connect under Payments and Financial "
                           u"Reports"_s};
        QTest::newRow("bad key") << u"plain"_s << u"wrong"_s << QString() << sales
                                 << QStringList{u"rejected the credentials"_s, u"HTTP 401"_s};
    }

    void errorSaysTheFix()
    {
        QFETCH(QString, sandbox);
        QFETCH(QString, key);
        QFETCH(QString, vendorNumber);
        QFETCH(QStringList, streams);
        QFETCH(QStringList, expected);
        const SandboxProcess &server = sandbox == u"agreements"_s ? m_agreements : m_plain;
        QStringList keyArguments = server.keyArguments(u"reader"_s);
        if (key == u"developer"_s) {
            keyArguments = ownKey(server, m_developer);
        } else if (key == u"individual"_s) {
            keyArguments = ownKey(server, m_individual);
        } else if (key == u"wrong"_s) {
            // The reader's key file under the admin's key ID: the signature does not verify.
            const QStringList admin = server.keyArguments(u"admin"_s);
            keyArguments[keyArguments.indexOf(u"--key-id"_s) + 1] =
                admin.value(admin.indexOf(u"--key-id"_s) + 1);
        }
        const CliRun run =
            sync(server, QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'_').remove(u','),
                 streams, keyArguments, vendorNumber);
        QVERIFY2(run.exitCode == 1, run.err.constData());
        const QString failures = joined(QJsonDocument::fromJson(run.out).object().value(u"failures"_s));
        const QString err = QString::fromUtf8(run.err);
        for (const QString &text : expected) {
            QVERIFY2(failures.contains(text, Qt::CaseInsensitive), qPrintable(failures));
            QVERIFY2(err.contains(text, Qt::CaseInsensitive), qPrintable(err));
        }
        // One message for the stream, not one per day: these errors are the same for every file.
        QVERIFY2(failures.count(expected.first(), Qt::CaseInsensitive) == 1, qPrintable(failures));
    }

    void notPublishedYetIsNotZeroSales()
    {
        const CliRun run =
            sync(m_notYet, u"notyet"_s, {u"sales:SALES/SUMMARY/DAILY"_s}, m_notYet.keyArguments(u"reader"_s));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject summary = QJsonDocument::fromJson(run.out).object();
        QVERIFY2(joined(summary.value(u"failures"_s)).isEmpty(), run.out.constData());
        const QString notes = joined(summary.value(u"notes"_s));
        QVERIFY2(
            notes.contains(u"Not published by Apple yet (HTTP 404), so nothing was written for them (not "
                           u"zero sales)"_s),
            qPrintable(notes));
        QVERIFY2(notes.contains(u"by about 5 am Pacific Time"_s) && notes.contains(u"asks again on the next "
                                                                                   u"sync"_s),
                 qPrintable(notes));
        QVERIFY(run.err.contains("Not published by Apple yet"));
        QVERIFY(summary.value(u"unitsPending"_s).toInt() > 20);
        QCOMPARE(summary.value(u"unitsEmpty"_s).toInt(), 0);
        // Nothing recorded as loaded: the next sync asks for every one of these days again.
        const QString connection = QUuid::createUuid().toString();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
            db.setDatabaseName(m_dir.filePath(u"notyet.db"_s));
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(u"SELECT count(*) FROM _ascsync_loads WHERE stream LIKE 'sales/%'"_s));
            QVERIFY(query.next());
            QCOMPARE(query.value(0).toInt(), 0);
        }
        QSqlDatabase::removeDatabase(connection);
    }

    void spentBudgetSaysWhenToRunAgain()
    {
        const CliRun run =
            sync(m_budget, u"budget"_s, {u"sales:SALES/SUMMARY/DAILY"_s}, m_budget.keyArguments(u"reader"_s));
        QCOMPARE(run.exitCode, 3); // README "Exit codes": stopped cleanly, run again later
        const QString failures = joined(QJsonDocument::fromJson(run.out).object().value(u"failures"_s));
        QVERIFY2(failures.contains(u"Apple's hourly request budget is spent; the next sync resumes after"_s),
                 qPrintable(failures));
        QVERIFY(run.err.contains("run `ascsync sync` again then"));
    }

    void stoppedRequestSaysToCreateANewOne()
    {
        // The simulator stops the last enabled app's ONGOING request for inactivity.
        const CliRun run =
            sync(m_plain, u"stopped"_s, {u"analytics:downloads"_s}, m_plain.keyArguments(u"reader"_s));
        const QString notes = joined(QJsonDocument::fromJson(run.out).object().value(u"notes"_s));
        QVERIFY2(notes.contains(u"Apple stopped the app's ONGOING analytics report request for inactivity "
                                u"(stoppedDueToInactivity)"_s),
                 qPrintable(notes + QString::fromUtf8(run.err)));
        QVERIFY2(notes.contains(u"Create a new ONGOING request with an Admin key"_s), qPrintable(notes));
        QCOMPARE(notes.count(u"stoppedDueToInactivity"_s), 1); // the one stopped app only
    }
};

QTEST_GUILESS_MAIN(TestAppleErrors)
#include "tst_appleerrors.moc"
