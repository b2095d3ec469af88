// The client's own key loading and token signing (core/auth) against the simulator's independent
// verifier: two implementations written from the same notes must agree, or one of them is wrong.

#include "sandboxharness.h"

#include "core/auth/jwt.h"
#include "core/auth/p8key.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace ascsync::sandbox;
using namespace ascsync::sandbox::test;

class TestSandboxInterop : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void clientLoadsTheSimulatorsKeysAndIsAccepted();
    void clientScopedTokens();

private:
    QByteArray clientToken(bool admin, const QStringList &scope = {}) const;

    std::unique_ptr<SandboxHarness> m_harness;
};

void TestSandboxInterop::initTestCase()
{
    m_harness = std::make_unique<SandboxHarness>();
    QString error;
    QVERIFY2(m_harness->start(&error), qPrintable(error));
}

void TestSandboxInterop::cleanup()
{
    const QStringList problems = m_harness->takeProblems();
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

QByteArray TestSandboxInterop::clientToken(bool admin, const QStringList &scope) const
{
    const TeamCredentials &credentials = m_harness->server().credentials();
    const RegisteredKey &key = admin ? credentials.admin() : credentials.reader();
    const auto p8 =
        ascsync::auth::P8Key::fromFile(admin ? credentials.adminKeyFile() : credentials.readerKeyFile());
    if (!p8) {
        qWarning() << "the client cannot load the simulator's .p8:" << p8.errorMessage();
        return {};
    }
    ascsync::auth::TokenClaims claims;
    claims.issuerId = key.issuerId;
    claims.keyId = key.keyId;
    claims.scope = scope;
    const auto token = ascsync::auth::signToken(*p8, claims, m_harness->now());
    if (!token) {
        qWarning() << "the client cannot sign:" << token.errorMessage();
        return {};
    }
    return token->token.toLatin1();
}

void TestSandboxInterop::clientLoadsTheSimulatorsKeysAndIsAccepted()
{
    const QByteArray admin = clientToken(true);
    QVERIFY(!admin.isEmpty());
    QCOMPARE(m_harness->get(u"/v1/apps"_s, admin).status, 200);
    const QByteArray reader = clientToken(false);
    QVERIFY(!reader.isEmpty());
    QCOMPARE(m_harness->get(u"/v1/apps"_s, reader).status, 200);
    // The token stays valid for its whole lifetime on the server's clock, and not beyond.
    m_harness->advance(19 * 60);
    QCOMPARE(m_harness->get(u"/v1/apps"_s, admin).status, 200);
    m_harness->advance(2 * 60);
    QCOMPARE(m_harness->get(u"/v1/apps"_s, admin).status, 401);
}

void TestSandboxInterop::clientScopedTokens()
{
    const QByteArray scoped = clientToken(true, {u"GET /v1/apps?fields[apps]=name"_s});
    QVERIFY(!scoped.isEmpty());
    QCOMPARE(m_harness->get(u"/v1/apps?limit=200&fields[apps]=name"_s, scoped).status, 200);
    QCOMPARE(m_harness->get(u"/v1/apps"_s, scoped).status, 403);
}

QTEST_GUILESS_MAIN(TestSandboxInterop)
#include "tst_sandboxinterop.moc"
