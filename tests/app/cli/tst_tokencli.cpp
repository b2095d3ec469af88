// `ascsync token` end to end: the real executable, real key files, and an independent verifier (Node's
// crypto) over thousands of signatures.
#include "ascsync/testpaths.h"
#include "core/auth/jwt.h"
#include "tests/testkit/testkeys.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QString kIssuer = u"57246542-96fe-1a63-e053-0824d011072a"_s;
const QString kKeyId = u"2X9R4HXF34"_s;

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run runCli(const QStringList &arguments,
           const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment(),
           const QByteArray &input = QByteArray())
{
    QProcess process;
    QProcessEnvironment clean = environment;
    for (const char *name : {"ASC_ISSUER_ID", "ASC_KEY_ID", "ASC_KEY_FILE"}) {
        if (!environment.contains(u"KEEP_"_s + QString::fromLatin1(name))) {
            clean.remove(QString::fromLatin1(name));
        }
    }
    process.setProcessEnvironment(clean);
    process.start(QStringLiteral(ASCSYNC_CLI_PATH), QStringList{u"token"_s} + arguments);
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(30000)) {
        qFatal("ascsync token did not finish");
    }
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

} // namespace

class TestTokenCli : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    testkeys::KeyPtr m_raw = testkeys::generateEc("P-256");
    QString m_keyFile;
    QString m_publicKeyFile;
    QString m_node;

    Run verifyWithNode(const QStringList &tokens, const QString &issuer = kIssuer)
    {
        QProcess node;
        QStringList arguments{QStringLiteral(ASCSYNC_VERIFY_SCRIPT), u"--public-key"_s, m_publicKeyFile,
                              u"--kid"_s, kKeyId};
        if (!issuer.isEmpty()) {
            arguments << u"--iss"_s << issuer;
        }
        node.start(m_node, arguments);
        node.write(tokens.join(u'\n').toLatin1());
        node.closeWriteChannel();
        if (!node.waitForFinished(120000)) {
            qFatal("node verifier did not finish");
        }
        return {node.exitCode(), QString::fromUtf8(node.readAllStandardOutput()),
                QString::fromUtf8(node.readAllStandardError())};
    }

    QString write(const QString &name, const QByteArray &bytes)
    {
        QFile file(m_dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) {
            qFatal("cannot write");
        }
        return file.fileName();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_node = QStandardPaths::findExecutable(u"node"_s);
        QVERIFY2(!m_node.isEmpty(),
                 "Node.js is required as the independent verifier (apt-get install nodejs)");
        m_keyFile = write(u"AuthKey_2X9R4HXF34.p8"_s, testkeys::appleStylePem(m_raw.get()));
        m_publicKeyFile = write(u"public.pem"_s, testkeys::publicKeyPem(m_raw.get()));
    }

    void printsOnlyTheToken()
    {
        const Run run =
            runCli({u"--issuer-id"_s, kIssuer, u"--key-id"_s, kKeyId, u"--key-file"_s, m_keyFile});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(QRegularExpression(u"^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\n$"_s)
                     .match(run.out)
                     .hasMatch(),
                 qPrintable(run.out));
        QVERIFY(!run.err.contains(run.out.trimmed())); // the token is not repeated in the diagnostics
        const Run verified = verifyWithNode({run.out.trimmed()});
        QVERIFY2(verified.exitCode == 0, qPrintable(verified.err));
    }

    void cliTokensVerifyIndependently()
    {
        QStringList tokens;
        for (int i = 0; i < 40; ++i) {
            const Run run = runCli({u"--issuer-id"_s, kIssuer, u"--key-id"_s, kKeyId, u"--key-file"_s,
                                    m_keyFile, u"--lifetime"_s, QString::number(60 + 20 * i)});
            QCOMPARE(run.exitCode, 0);
            tokens << run.out.trimmed();
        }
        const Run verified = verifyWithNode(tokens);
        QVERIFY2(verified.exitCode == 0, qPrintable(verified.err));
        QCOMPARE(verified.out.trimmed(), u"verified 40 tokens"_s);
    }

    void manySignaturesVerifyIndependently()
    {
        // Thousands of signatures make R or S halves with leading zero bytes certain; Node must accept them
        // all.
        auto key = ascsync::auth::P8Key::fromFile(m_keyFile);
        QVERIFY(key.ok());
        QStringList tokens;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (int i = 0; i < 3000; ++i) {
            ascsync::auth::TokenClaims claims;
            claims.issuerId = kIssuer;
            claims.keyId = kKeyId;
            claims.scope = {u"GET /v1/apps?cursor="_s + QString::number(i)};
            tokens << ascsync::auth::signToken(key.value(), claims, now)->token;
        }
        const Run verified = verifyWithNode(tokens);
        QVERIFY2(verified.exitCode == 0, qPrintable(verified.err));
        QCOMPARE(verified.out.trimmed(), u"verified 3000 tokens"_s);
    }

    void verifierRejectsTamperedTokens()
    {
        // The independent verifier must be able to fail, or the tests above prove nothing.
        const Run run =
            runCli({u"--issuer-id"_s, kIssuer, u"--key-id"_s, kKeyId, u"--key-file"_s, m_keyFile});
        QStringList parts = run.out.trimmed().split(u'.');
        QByteArray payload = QByteArray::fromBase64(parts[1].toLatin1(), QByteArray::Base64UrlEncoding);
        payload.replace("appstoreconnect-v1", "appstoreconnect-v2");
        const QString forged = parts[0] + u'.' +
                               QString::fromLatin1(payload.toBase64(QByteArray::Base64UrlEncoding |
                                                                    QByteArray::OmitTrailingEquals)) +
                               u'.' + parts[2];
        QVERIFY(verifyWithNode({forged}).exitCode != 0);
        QByteArray signature = QByteArray::fromBase64(parts[2].toLatin1(), QByteArray::Base64UrlEncoding);
        signature[5] = static_cast<char>(signature[5] ^ 0x40);
        const QString badSignature = parts[0] + u'.' + parts[1] + u'.' +
                                     QString::fromLatin1(signature.toBase64(QByteArray::Base64UrlEncoding |
                                                                            QByteArray::OmitTrailingEquals));
        const Run rejected = verifyWithNode({badSignature});
        QVERIFY(rejected.exitCode != 0);
        QVERIFY(rejected.err.contains(u"does not verify"_s));
    }

    void environmentFallbacksAndFlagPrecedence()
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"ASC_ISSUER_ID"_s, kIssuer);
        environment.insert(u"ASC_KEY_ID"_s, kKeyId);
        environment.insert(u"ASC_KEY_FILE"_s, m_keyFile);
        for (const char *name : {"ASC_ISSUER_ID", "ASC_KEY_ID", "ASC_KEY_FILE"}) {
            environment.insert(u"KEEP_"_s + QString::fromLatin1(name), u"1"_s);
        }
        const Run fromEnvironment = runCli({}, environment);
        QCOMPARE(fromEnvironment.exitCode, 0);
        QVERIFY(verifyWithNode({fromEnvironment.out.trimmed()}).exitCode == 0);

        // A flag wins over the environment: a wrong key file in the flag must fail even with a good variable.
        const Run overridden = runCli({u"--key-file"_s, m_dir.filePath(u"missing.p8"_s)}, environment);
        QCOMPARE(overridden.exitCode, 1);
        QVERIFY(overridden.err.contains(u"does not exist"_s));
    }

    void readsKeyFromStandardInput()
    {
        const Run run = runCli({u"--issuer-id"_s, kIssuer, u"--key-id"_s, kKeyId, u"--key-file"_s, u"-"_s},
                               QProcessEnvironment::systemEnvironment(), testkeys::pkcs8Pem(m_raw.get()));
        QCOMPARE(run.exitCode, 0);
        QVERIFY(verifyWithNode({run.out.trimmed()}).exitCode == 0);
    }

    void individualKey()
    {
        const Run run = runCli({u"--individual"_s, u"--key-id"_s, kKeyId, u"--key-file"_s, m_keyFile});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(verifyWithNode({run.out.trimmed()}, QString()).exitCode == 0);
    }

    void errors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        const QStringList ids{u"--issuer-id"_s, kIssuer, u"--key-id"_s, kKeyId};
        QTest::newRow("no issuer") << QStringList{u"--key-id"_s, kKeyId, u"--key-file"_s, u"x"_s} << 2
                                   << u"no Issuer ID"_s;
        QTest::newRow("no key id") << QStringList{u"--issuer-id"_s, kIssuer, u"--key-file"_s, u"x"_s} << 2
                                   << u"no Key ID"_s;
        QTest::newRow("no key file") << ids << 2 << u"no key file"_s;
        QTest::newRow("bad issuer") << QStringList{u"--issuer-id"_s, u"2X9R4HXF34"_s, u"--key-id"_s,
                                                   kKeyId,           u"--key-file"_s, u"x"_s}
                                    << 2 << u"looks like a Key ID"_s;
        QTest::newRow("bad key id") << QStringList{u"--issuer-id"_s, kIssuer,         u"--key-id"_s,
                                                   u"abc"_s,         u"--key-file"_s, u"x"_s}
                                    << 2 << u"exactly 10"_s;
        QTest::newRow("lifetime too long")
            << ids + QStringList{u"--key-file"_s, u"KEY"_s, u"--lifetime"_s, u"1201"_s} << 2
            << u"at most 1200"_s;
        QTest::newRow("lifetime not a number")
            << ids + QStringList{u"--key-file"_s, u"KEY"_s, u"--lifetime"_s, u"20m"_s} << 2
            << u"whole number"_s;
        QTest::newRow("bad scope") << ids + QStringList{u"--key-file"_s, u"KEY"_s, u"--scope"_s, u"apps"_s}
                                   << 2 << u"not of the form"_s;
        QTest::newRow("unknown flag") << QStringList{u"--frobnicate"_s} << 2 << u"Unknown option"_s;
        QTest::newRow("missing key file")
            << ids + QStringList{u"--key-file"_s, u"/nonexistent/AuthKey.p8"_s} << 1 << u"does not exist"_s;
        QTest::newRow("public key given")
            << ids + QStringList{u"--key-file"_s, u"PUBLIC"_s} << 1 << u"public key"_s;
    }

    void errors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        arguments.replaceInStrings(u"KEY"_s, m_keyFile);
        arguments.replaceInStrings(u"PUBLIC"_s, m_publicKeyFile);
        const Run run = runCli(arguments);
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY2(run.out.isEmpty(), "nothing but a token may ever reach stdout");
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
        QVERIFY(run.err.startsWith(u"ascsync token: "_s));
        QVERIFY2(!run.err.contains(u"PRIVATE KEY"_s) && !run.err.contains(u"MIG"_s),
                 "key material in a message");
    }
};

QTEST_GUILESS_MAIN(TestTokenCli)
#include "tst_tokencli.moc"
