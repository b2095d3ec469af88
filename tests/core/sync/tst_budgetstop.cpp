// Visible pacing and the clean stop when Apple's hourly request budget is spent.

#include "core/api/apiclient.h"
#include "core/auth/p8key.h"
#include "core/sync/pacingreporter.h"
#include "core/sync/syncplan.h"
#include "tests/testkit/scriptedserver.h"
#include "tests/testkit/testkeys.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace ascsync;

namespace {

ScriptedReply withBudget(int status, int remaining, const QByteArray &body = "{\"data\":[]}")
{
    ScriptedReply reply = ScriptedReply::json(status, body);
    reply.headers.append(
        qMakePair(QByteArray("X-Rate-Limit"),
                  QByteArray("user-hour-lim:3600;user-hour-rem:") + QByteArray::number(remaining) + ';'));
    return reply;
}

class RecordingObserver : public sync::SyncObserver {
public:
    void message(Level, const QString &text) override { messages << text; }
    void progress(const QString &, int, int) override {}
    QStringList messages;
};

} // namespace

class TestBudgetStop : public QObject {
    Q_OBJECT

private:
    testkeys::KeyPtr m_raw = testkeys::generateEc("P-256");

    std::unique_ptr<api::ApiClient> clientFor(const ScriptedServer &server, api::ApiOptions options = {})
    {
        auto key = auth::P8Key::fromPem(testkeys::pkcs8Pem(m_raw.get()));
        auth::TokenClaims claims;
        claims.issuerId = u"57246542-96fe-1a63-e053-0824d011072a"_s;
        claims.keyId = u"2X9R4HXF34"_s;
        options.baseUrl = QUrl(QString::fromLatin1(server.origin()));
        options.backoffBase = std::chrono::milliseconds(5);
        options.backoffCap = std::chrono::milliseconds(20);
        return std::make_unique<api::ApiClient>(options,
                                                std::make_shared<auth::TokenProvider>(key.value(), claims));
    }

private Q_SLOTS:
    void spentBudgetStopsWithoutAnotherRequest()
    {
        ScriptedServer server;
        server.script("/v1/apps", {withBudget(200, 0)});
        auto client = clientFor(server);
        QVERIFY(client->get(u"/v1/apps"_s));
        QVERIFY(!client->budgetResumesAt());
        const auto second = client->get(u"/v1/apps"_s);
        QVERIFY(!second);
        QCOMPARE(second.error().code, u"api.budgetSpent"_s);
        QVERIFY(second.errorMessage().startsWith(u"Apple's hourly request budget is spent; the next sync "
                                                 u"resumes after "_s));
        QCOMPARE(server.count("/v1/apps"), 1);
        QVERIFY(client->budgetResumesAt());
        QVERIFY(client->budgetResumesAt() > QDateTime::currentDateTimeUtc().addSecs(3000));
    }

    void longRetryAfterStopsInsteadOfWaiting()
    {
        ScriptedServer server;
        ScriptedReply limited = withBudget(429, 5, "{\"errors\":[]}");
        limited.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("600")));
        server.script("/v1/apps", {limited});
        api::ApiOptions options;
        options.longestBudgetWait = std::chrono::milliseconds(60'000);
        auto client = clientFor(server, options);
        const auto outcome = client->get(u"/v1/apps"_s);
        QVERIFY(!outcome);
        QCOMPARE(outcome.error().code, u"api.budgetSpent"_s);
        QCOMPARE(server.count("/v1/apps"), 1);
        QVERIFY(client->budgetResumesAt() > QDateTime::currentDateTimeUtc().addSecs(500));
    }

    void everyBudgetWaitIsTold()
    {
        ScriptedServer server;
        ScriptedReply limited = withBudget(429, 50, "{\"errors\":[]}");
        limited.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("0")));
        server.script("/v1/apps", {withBudget(200, 50), limited, withBudget(200, 49)});
        api::ApiOptions options;
        options.rateLimitReserve = 100;
        QList<api::BudgetWait> waits;
        options.onBudgetWait = [&waits](const api::BudgetWait &wait) { waits << wait; };
        auto client = clientFor(server, options);
        QVERIFY(client->get(u"/v1/apps"_s));
        QVERIFY(client->get(u"/v1/apps"_s));
        // Pacing before the second request (50 left, below the reserve), the 429, pacing before the retry.
        QCOMPARE(waits.size(), 3);
        QVERIFY(!waits[0].refused);
        QCOMPARE(waits[0].limit.remaining, 50);
        QCOMPARE(waits[0].delay, std::chrono::milliseconds(1000));
        QVERIFY(waits[1].refused);
    }

    void pacingMessageSaysWhatIsLeftThePaceAndTheEnd()
    {
        api::BudgetWait wait;
        wait.delay = std::chrono::milliseconds(7200);
        wait.limit = {500, 87};
        const QDateTime now(QDate(2026, 11, 20), QTime(14, 0), Qt::UTC);
        const QString text = sync::PacingReporter::describe(wait, 100, now);
        QVERIFY2(
            text.startsWith(u"Apple's request budget is low: 87 of 500 requests left this hour; pacing at "
                            u"one request every 7.2 s; about 100 requests to go, expected end about "_s),
            qPrintable(text));
        QVERIFY(text.contains(now.addSecs(720).toLocalTime().toString(u"HH:mm"_s)));

        RecordingObserver observer;
        sync::PacingReporter reporter(observer, [] { return 10; });
        reporter.onWait(wait);
        reporter.onWait(wait); // within the interval: not repeated
        wait.refused = true;
        reporter.onWait(wait); // a refusal is always told
        QCOMPARE(observer.messages.size(), 2);
        QVERIFY(observer.messages[1].startsWith(u"Apple refused a request for now"_s));
    }

    void planEstimatesHoursOfBudget()
    {
        sync::SyncPlan plan;
        plan.newInstances = 5000;
        plan.salesRequests = 35;
        QCOMPARE(plan.hoursOfBudget(), 0); // budget unknown
        plan.budget = api::RateLimit{3600, 1000};
        QCOMPARE(plan.requestsToCome(), 5035);
        QCOMPARE(plan.hoursOfBudget(), 2); // 4035 beyond what is left now
        plan.newInstances = 900;
        QCOMPARE(plan.hoursOfBudget(), 0);
        QVERIFY(plan.toText().contains(u"fits in Apple's budget: 1000 of 3600 requests left this hour"_s));
        QCOMPARE(plan.toJson().value(u"requests"_s).toObject().value(u"segmentListings"_s).toInt(), 900);
    }
};

QTEST_GUILESS_MAIN(TestBudgetStop)
#include "tst_budgetstop.moc"
