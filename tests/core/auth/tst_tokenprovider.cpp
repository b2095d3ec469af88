// Token reuse and refresh, driven by an injected clock, and concurrent use from several threads.
#include "core/auth/tokenprovider.h"
#include "tests/testkit/testkeys.h"

#include <QMutex>
#include <QSet>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace Qt::StringLiterals;
using namespace ascsync::auth;

class TestTokenProvider : public QObject {
    Q_OBJECT

private:
    testkeys::KeyPtr m_raw = testkeys::generateEc("P-256");
    P8Key m_key = P8Key::fromPem(testkeys::pkcs8Pem(m_raw.get())).value();
    const TokenClaims m_claims = [] {
        TokenClaims claims;
        claims.issuerId = u"57246542-96fe-1a63-e053-0824d011072a"_s;
        claims.keyId = u"2X9R4HXF34"_s;
        return claims;
    }();

private Q_SLOTS:
    void reusesUntilShortlyBeforeExpiry()
    {
        QDateTime now = QDateTime(QDate(2026, 1, 10), QTime(8, 0), Qt::UTC);
        TokenProvider provider(
            m_key, m_claims, [&] { return now; }, std::chrono::seconds(120));

        const auto first = provider.token();
        QVERIFY(first.ok());
        // Expiry is iat + 1200 = now - 30 + 1200: reuse while more than 120 s remain.
        now = now.addSecs(1000);
        QCOMPARE(provider.token()->token, first->token);
        now = now.addSecs(49); // 1170 - 1049 = 121 s left
        QCOMPARE(provider.token()->token, first->token);
        now = now.addSecs(1); // exactly 120 s left: refresh
        const auto second = provider.token();
        QVERIFY(second->token != first->token);
        QVERIFY(second->expiresAt > first->expiresAt);
        QCOMPARE(provider.token()->token, second->token);
    }

    void refreshesAfterExpiryAndClockJumps()
    {
        QDateTime now = QDateTime(QDate(2026, 1, 10), QTime(8, 0), Qt::UTC);
        TokenProvider provider(m_key, m_claims, [&] { return now; });
        const auto first = provider.token();
        now = now.addDays(1); // laptop woke from sleep
        const auto second = provider.token();
        QVERIFY(second->token != first->token);
        QVERIFY(second->issuedAt <= now);
        QVERIFY(now.secsTo(second->expiresAt) <= 1200);
    }

    void invalidateForcesANewToken()
    {
        QDateTime now = QDateTime(QDate(2026, 1, 10), QTime(8, 0), Qt::UTC);
        TokenProvider provider(m_key, m_claims, [&] { return now; });
        const auto first = provider.token();
        provider.invalidate();
        now = now.addSecs(1); // a different iat guarantees a different token
        QVERIFY(provider.token()->token != first->token);
    }

    void shortLifetimeStillReused()
    {
        QDateTime now = QDateTime(QDate(2026, 1, 10), QTime(8, 0), Qt::UTC);
        TokenClaims claims = m_claims;
        claims.lifetime = std::chrono::seconds(120);
        // The margin is capped at half the lifetime, so a short-lived token is not re-signed on every call.
        TokenProvider provider(
            m_key, claims, [&] { return now; }, std::chrono::seconds(600));
        const auto first = provider.token();
        now = now.addSecs(20);
        QCOMPARE(provider.token()->token, first->token);
    }

    void reportsSigningErrors()
    {
        TokenClaims claims = m_claims;
        claims.lifetime = std::chrono::seconds(3600);
        TokenProvider provider(m_key, claims);
        QCOMPARE(provider.token().error().code, u"token.badLifetime"_s);
    }

    void safeFromManyThreads()
    {
        std::atomic<qint64> seconds{QDateTime(QDate(2026, 1, 10), QTime(8, 0), Qt::UTC).toSecsSinceEpoch()};
        TokenProvider provider(m_key, m_claims, [&] {
            // Every call advances the clock, so threads race through many refreshes.
            return QDateTime::fromSecsSinceEpoch(seconds.fetch_add(3), Qt::UTC);
        });
        QMutex mutex;
        QSet<QString> seen;
        std::atomic<int> failures{0};
        QList<QThread *> threads;
        for (int t = 0; t < 4; ++t) {
            threads << QThread::create([&] {
                for (int i = 0; i < 300; ++i) {
                    const auto token = provider.token();
                    if (!token.ok() || token->token.count(u'.') != 2) {
                        ++failures;
                        continue;
                    }
                    QMutexLocker lock(&mutex);
                    seen.insert(token->token);
                }
            });
            threads.last()->start();
        }
        for (QThread *thread : threads) {
            QVERIFY(thread->wait(60000));
            delete thread;
        }
        QCOMPARE(failures.load(), 0);
        // 1200 calls x 3 s = 3600 s of clock: a handful of refreshes, far fewer tokens than calls.
        QVERIFY2(seen.size() >= 3 && seen.size() < 100, qPrintable(QString::number(seen.size())));
    }
};

QTEST_GUILESS_MAIN(TestTokenProvider)
#include "tst_tokenprovider.moc"
