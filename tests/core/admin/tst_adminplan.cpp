// What the admin setup asks for, and the curl script that carries it: exact bodies, shell-safe quoting,
// the token in one variable, and no key material anywhere.
#include "core/admin/adminplan.h"
#include "core/admin/curlscript.h"
#include "tests/testkit/testkeys.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ascsync;
using namespace ascsync::admin;

class TestAdminPlan : public QObject {
    Q_OBJECT

private:
    static api::ReportRequestInfo request(const QString &id, const QString &access, bool stopped = false)
    {
        return {id, access, stopped};
    }

private Q_SLOTS:
    void plansMissingAndStoppedRequests()
    {
        const QList<AppRequests> apps{
            {u"100"_s,
             u"Complete"_s,
             {request(u"a"_s, u"ONGOING"_s), request(u"b"_s, u"ONE_TIME_SNAPSHOT"_s)}},
            {u"200"_s, u"Bare"_s, {}},
            {u"300"_s,
             u"Stopped"_s,
             {request(u"c"_s, u"ONGOING"_s, true), request(u"d"_s, u"ONE_TIME_SNAPSHOT"_s)}},
            {u"400"_s, u"Snapshot only"_s, {request(u"e"_s, u"ONE_TIME_SNAPSHOT"_s)}},
        };
        const QList<AdminAction> actions = planActions(apps);
        QCOMPARE(actions.size(), 5);
        QCOMPARE(actions[0].appId, u"200"_s);
        QCOMPARE(actions[0].accessType, u"ONGOING"_s);
        QCOMPARE(actions[1].accessType, u"ONE_TIME_SNAPSHOT"_s);
        QCOMPARE(actions[2].kind, AdminAction::Kind::DeleteStopped);
        QCOMPARE(actions[2].requestId, u"c"_s);
        QCOMPARE(actions[3].kind, AdminAction::Kind::Create);
        QCOMPARE(actions[3].appId, u"300"_s);
        QCOMPARE(actions[4].appId, u"400"_s);
        QCOMPARE(actions[4].accessType, u"ONGOING"_s);
        QCOMPARE(appsNeedingSetup(apps), 3);
    }

    void rendersARunnableScript()
    {
        auto raw = testkeys::generateEc("P-256");
        const QByteArray pem = testkeys::pkcs8Pem(raw.get());
        auto key = auth::P8Key::fromPem(pem);
        auth::TokenClaims claims;
        claims.issuerId = u"57246542-96fe-1a63-e053-0824d011072a"_s;
        claims.keyId = u"2X9R4HXF34"_s;
        const auto token = auth::signToken(key.value(), claims, QDateTime::currentDateTimeUtc());
        QVERIFY(token.ok());
        const QList<AdminAction> actions{
            {AdminAction::Kind::DeleteStopped, u"300"_s, u"Bob's\nApp"_s, u"ONGOING"_s, u"req-1"_s},
            {AdminAction::Kind::Create, u"300"_s, u"Bob's\nApp"_s, u"ONGOING"_s, {}},
        };
        const QString script =
            renderCurlScript(actions, token.value(), QUrl(u"https://api.appstoreconnect.apple.com"_s));
        QVERIFY(script.startsWith(u"#!/bin/sh\n"_s));
        QCOMPARE(script.count(token->token), 1); // set once, used through $ASC_ADMIN_TOKEN
        QVERIFY(script.contains(u"ASC_ADMIN_TOKEN='%1'"_s.arg(token->token)));
        QVERIFY(script.contains(
            u"asc_curl -X DELETE \\\n  'https://api.appstoreconnect.apple.com/v1/analyticsReportRequests/req-1'"_s));
        // The token reaches curl on standard input, never in its arguments.
        QVERIFY(script.contains(u"| curl -sS -H @- \"$@\""_s));
        QVERIFY(script.contains(u"'https://api.appstoreconnect.apple.com/v1/analyticsReportRequests'\n"_s));
        // The app name cannot break out of its comment line.
        for (const QString &line : script.split(u'\n')) {
            QVERIFY2(!line.startsWith(u"App"_s), qPrintable(line));
        }
        // The body is Apple's exact document.
        const QRegularExpression data(u"--data '([^']*)'"_s);
        const auto match = data.match(script);
        QVERIFY(match.hasMatch());
        const QJsonObject body = QJsonDocument::fromJson(match.captured(1).toUtf8()).object();
        QCOMPARE(body.value(u"data"_s).toObject().value(u"type"_s).toString(), u"analyticsReportRequests"_s);
        QCOMPARE(body.value(u"data"_s)
                     .toObject()
                     .value(u"attributes"_s)
                     .toObject()
                     .value(u"accessType"_s)
                     .toString(),
                 u"ONGOING"_s);
        QCOMPARE(body.value(u"data"_s)
                     .toObject()
                     .value(u"relationships"_s)
                     .toObject()
                     .value(u"app"_s)
                     .toObject()
                     .value(u"data"_s)
                     .toObject()
                     .value(u"id"_s)
                     .toString(),
                 u"300"_s);
        QVERIFY(script.contains(u"expires at"_s));
        QVERIFY(!script.contains(u"PRIVATE KEY"_s));
        QVERIFY(!script.contains(QString::fromLatin1(pem.split('\n').value(1))));
    }

    void emptyPlanSaysSo()
    {
        auth::SignedToken token{u"t.t.t"_s, QDateTime::currentDateTimeUtc(),
                                QDateTime::currentDateTimeUtc().addSecs(1200)};
        const QString script = renderCurlScript({}, token, QUrl(u"https://api.appstoreconnect.apple.com"_s));
        QVERIFY(script.contains(u"Nothing to do"_s));
        QVERIFY(!script.contains(u"curl "_s));
    }
};

QTEST_GUILESS_MAIN(TestAdminPlan)
#include "tst_adminplan.moc"
