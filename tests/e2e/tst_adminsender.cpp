// core/admin's sender against the real simulator: the outcomes a user reads after "Send requests now" —
// created, already there (a race with someone else's request), deleted, refused for a key without the Admin
// role.

#include "core/admin/adminplan.h"
#include "core/admin/adminsender.h"
#include "core/admin/requestcollector.h"
#include "core/api/analyticsendpoints.h"
#include "core/api/apiclient.h"
#include "core/auth/p8key.h"
#include "core/auth/tokenprovider.h"
#include "tests/testkit/sandboxprocess.h"

#include <QTemporaryDir>
#include <QTest>

using namespace ascsync;

class AdminSenderTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void createsAndReportsWhatAlreadyExists();
    void deletesStoppedRequestsAndRecreatesThem();
    void keyWithoutAdminRoleStopsAtTheFirstRefusal();

private:
    std::unique_ptr<api::ApiClient> client(const QString &which) const;
    QList<admin::AppRequests> requests(api::ApiClient &view, const QStringList &apps = {});

    QTemporaryDir m_root;
    SandboxProcess m_sandbox;
};

std::unique_ptr<api::ApiClient> AdminSenderTest::client(const QString &which) const
{
    const QJsonObject key = m_sandbox.credentials().value(which).toObject();
    auto p8 = auth::P8Key::fromFile(key.value(QStringLiteral("keyFile")).toString());
    if (!p8) {
        qWarning() << p8.errorMessage();
        return {};
    }
    auth::TokenClaims claims;
    claims.issuerId = key.value(QStringLiteral("issuerId")).toString();
    claims.keyId = key.value(QStringLiteral("keyId")).toString();
    api::ApiOptions options;
    options.baseUrl = QUrl(m_sandbox.apiBaseUrl());
    options.backoffBase = std::chrono::milliseconds(50);
    return std::make_unique<api::ApiClient>(
        options, std::make_shared<auth::TokenProvider>(std::move(p8).value(), claims));
}

QList<admin::AppRequests> AdminSenderTest::requests(api::ApiClient &view, const QStringList &apps)
{
    auto collected = admin::collectAppRequests(view, apps);
    if (!collected) {
        qWarning() << collected.errorMessage();
        return {};
    }
    return collected.value();
}

void AdminSenderTest::initTestCase()
{
    QVERIFY(m_root.isValid());
    // Four apps: the first two enabled (the second one stopped for inactivity), the last two without
    // requests.
    QVERIFY(m_sandbox.start(m_root.filePath(QStringLiteral("sandbox")),
                            {QStringLiteral("--seed"), QStringLiteral("9"), QStringLiteral("--apps"),
                             QStringLiteral("4"), QStringLiteral("--enabled-apps"), QStringLiteral("2"),
                             QStringLiteral("--traffic-scale"), QStringLiteral("0.05")}));
}

void AdminSenderTest::createsAndReportsWhatAlreadyExists()
{
    auto admin = client(QStringLiteral("admin"));
    QVERIFY(admin);
    const QList<admin::AppRequests> before = requests(*admin);
    QCOMPARE(before.size(), 4);
    const QString appId = before.at(2).appId;
    QList<admin::AdminAction> actions = admin::planActions({before.at(2)});
    QCOMPARE(actions.size(), 2);

    // Someone else creates the ONGOING request between the plan and the send: Apple answers 409, and the
    // outcome names the request that exists.
    api::AnalyticsEndpoints endpoints(*admin);
    const auto raced = endpoints.createRequest(appId, QStringLiteral("ONGOING"));
    QVERIFY(raced);
    QCOMPARE(raced->status, 201);
    const QString racedId =
        raced->json().value(QStringLiteral("data")).toObject().value(QStringLiteral("id")).toString();

    const QList<admin::ActionOutcome> outcomes = admin::sendActions(actions, endpoints);
    QCOMPARE(outcomes.size(), 2);
    for (const admin::ActionOutcome &outcome : outcomes) {
        if (outcome.action.accessType == QStringLiteral("ONGOING")) {
            QCOMPARE(int(outcome.kind), int(admin::ActionOutcome::Kind::AlreadyExists));
            QCOMPARE(outcome.requestId, racedId);
            QVERIFY(outcome.message.contains(QStringLiteral("already exists")));
        } else {
            QCOMPARE(int(outcome.kind), int(admin::ActionOutcome::Kind::Created));
            QVERIFY(!outcome.requestId.isEmpty());
            QVERIFY(outcome.message.contains(QStringLiteral("24 to 72 hours")));
        }
    }
    QCOMPARE(admin::appsNeedingSetup(requests(*admin, {appId})), 0);
}

void AdminSenderTest::deletesStoppedRequestsAndRecreatesThem()
{
    auto admin = client(QStringLiteral("admin"));
    QVERIFY(admin);
    const QList<admin::AppRequests> stopped = requests(*admin, {requests(*admin).at(1).appId});
    const QList<admin::AdminAction> actions = admin::planActions(stopped);
    QCOMPARE(actions.size(), 2);
    QCOMPARE(int(actions.at(0).kind), int(admin::AdminAction::Kind::DeleteStopped));
    api::AnalyticsEndpoints endpoints(*admin);
    const QList<admin::ActionOutcome> outcomes = admin::sendActions(actions, endpoints);
    QCOMPARE(outcomes.size(), 2);
    QCOMPARE(int(outcomes.at(0).kind), int(admin::ActionOutcome::Kind::Deleted));
    QCOMPARE(int(outcomes.at(1).kind), int(admin::ActionOutcome::Kind::Created));
    const QList<admin::AppRequests> after = requests(*admin, {stopped.first().appId});
    QCOMPARE(admin::appsNeedingSetup(after), 0);
    for (const api::ReportRequestInfo &request : after.first().requests) {
        QVERIFY(request.id != actions.at(0).requestId);
        QVERIFY(!request.stoppedDueToInactivity);
    }
    // Deleting what is already gone counts as done: a second click must not turn into an error.
    const QList<admin::ActionOutcome> again = admin::sendActions({actions.at(0)}, endpoints);
    QCOMPARE(int(again.at(0).kind), int(admin::ActionOutcome::Kind::Deleted));
}

void AdminSenderTest::keyWithoutAdminRoleStopsAtTheFirstRefusal()
{
    auto reader = client(QStringLiteral("reader"));
    QVERIFY(reader);
    const QList<admin::AppRequests> all = requests(*reader);
    const QList<admin::AdminAction> actions = admin::planActions({all.at(3)});
    QCOMPARE(actions.size(), 2);
    api::AnalyticsEndpoints endpoints(*reader);
    const QList<admin::ActionOutcome> outcomes = admin::sendActions(actions, endpoints);
    QCOMPARE(outcomes.size(), 1); // every further call would be refused the same way
    QCOMPARE(int(outcomes.first().kind), int(admin::ActionOutcome::Kind::NotAdmin));
    QVERIFY(outcomes.first().message.contains(QStringLiteral("Admin role")));
    QCOMPARE(admin::appsNeedingSetup(requests(*reader, {all.at(3).appId})), 1);
}

QTEST_GUILESS_MAIN(AdminSenderTest)
#include "tst_adminsender.moc"
