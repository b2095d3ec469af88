// The rules behind Sales and Trends report versions (issue 18): which version is sent, and what of Apple's
// "The latest version for this report is 1_4" answer is believed. Apple's text is untrusted.
#include "core/api/appleerror.h"
#include "core/reports/reportversions.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace ascsync::reports;

class TestReportVersionRules : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void latestVersionIsReadStrictly_data()
    {
        QTest::addColumn<QString>("detail");
        QTest::addColumn<QString>("expected"); // empty: refused
        const QString prefix =
            u"The version parameter you have specified is invalid. The latest version for this report is "_s;
        QTest::newRow("Apple's sentence") << prefix + u"1_4."_s << u"1_4"_s;
        QTest::newRow("no final period") << prefix + u"1_4"_s << u"1_4"_s;
        QTest::newRow("two digits") << prefix + u"2_10."_s << u"2_10"_s;
        QTest::newRow("trailing text") << prefix + u"1_4; DROP TABLE x"_s << QString();
        QTest::newRow("escaped control characters") << prefix + u"1_4\\x1b[2J."_s << QString();
        QTest::newRow("raw newline") << prefix + u"1_4\n."_s << QString();
        QTest::newRow("dotted") << prefix + u"1.4."_s << QString();
        QTest::newRow("too many digits") << prefix + u"1_4444."_s << QString();
        QTest::newRow("huge") << prefix + u"1_"_s + QString(5000, u'4') << QString();
        QTest::newRow("long text around a valid version")
            << QString(2000, u'x') + prefix + u"1_4."_s << QString();
        QTest::newRow("other error") << u"The version '1_9' is not valid for this report."_s << QString();
    }

    void latestVersionIsReadStrictly()
    {
        QFETCH(QString, detail);
        QFETCH(QString, expected);
        const auto named = latestVersionNamed(detail);
        QCOMPARE(named.value_or(QString()), expected);
    }

    void versionsCompareNumerically()
    {
        QVERIFY(compareReportVersions(u"1_10", u"1_9") > 0);
        QVERIFY(compareReportVersions(u"2_0", u"1_9") > 0);
        QVERIFY(compareReportVersions(u"1_3", u"1_4") < 0);
        QCOMPARE(compareReportVersions(u"1_3", u"1_3"), 0);
        QVERIFY(isValidReportVersion(u"1_3"));
        QVERIFY(!isValidReportVersion(u"1_3 "));
        QVERIFY(!isValidReportVersion(u"_3"));
    }

    void versionToSendFollowsSettingsThenApple()
    {
        const auto subscription = findSalesStream(u"SUBSCRIPTION", u"SUMMARY", SalesFrequency::Daily);
        QVERIFY(subscription);
        QCOMPARE(versionToSend(*subscription, {}, QString()), u"1_3"_s); // the catalogue's default
        QCOMPARE(versionToSend(*subscription, {{u"SUBSCRIPTION"_s, u"1_4"_s}}, QString()), u"1_4"_s);
        // The exact stream wins over its report type.
        QCOMPARE(versionToSend(*subscription,
                               {{u"SUBSCRIPTION"_s, u"1_4"_s}, {u"SUBSCRIPTION/SUMMARY/DAILY"_s, u"1_5"_s}},
                               QString()),
                 u"1_5"_s);
        // A version Apple named wins when newer; an older learned one does not undo the user's choice.
        QCOMPARE(versionToSend(*subscription, {}, u"1_4"_s), u"1_4"_s);
        QCOMPARE(versionToSend(*subscription, {{u"SUBSCRIPTION"_s, u"1_6"_s}}, u"1_4"_s), u"1_6"_s);
        QCOMPARE(versionToSend(*subscription, {}, u"garbage"_s), u"1_3"_s);
    }

    void overridesAreValidated()
    {
        const auto parsed = parseVersionOverrides({u"subscription=1_4"_s, u" SALES/SUMMARY/DAILY = 1_0 "_s});
        QVERIFY2(parsed, qPrintable(parsed.errorMessage()));
        QCOMPARE(parsed->value(u"SUBSCRIPTION"_s), u"1_4"_s);
        QCOMPARE(parsed->value(u"SALES/SUMMARY/DAILY"_s), u"1_0"_s);
        for (const QString &bad : {u"SUBSCRIPTION"_s, u"SUBSCRIPTION=1.4"_s, u"=1_4"_s,
                                   u"SUB SCRIPTION=1_4"_s, u"SALES/SUMMARY=1_0"_s}) {
            const auto refused = parseVersionOverrides({bad});
            QVERIFY2(!refused, qPrintable(bad));
            QVERIFY(refused.errorMessage().contains(u"TYPE=VERSION"_s));
        }
    }

    // Apple's codes mapped to the fix; server text stays plain and bounded.
    void appleErrorsSayTheFix()
    {
        using namespace ascsync::api;
        const QList<AppleError> agreements{{u"403"_s,
                                            u"FORBIDDEN.REQUIRED_AGREEMENTS_MISSING_OR_EXPIRED"_s,
                                            u"A required agreement is missing"_s,
                                            u"This request requires an in-effect agreement"_s,
                                            {}}};
        QVERIFY(hasErrorCode(agreements, u"FORBIDDEN"));
        QVERIFY(!hasErrorCode(agreements, u"FORBID"));
        const QString signed_ = describeHttpFailure(403, agreements, u"listing your apps"_s);
        QVERIFY2(signed_.contains(u"Agreements, Tax, and Banking"_s), qPrintable(signed_));
        // The agreements advice wins over the role advice of a 403 on report files.
        QVERIFY(describeReportFileFailure(403, agreements, u"x"_s, ReportFiles::Sales, true)
                    .contains(u"Agreements, Tax, and Banking"_s));

        const QList<AppleError> forbidden{{u"403"_s, u"FORBIDDEN_ERROR"_s, u"forbidden"_s, u"no"_s, {}}};
        QVERIFY(describeReportFileFailure(403, forbidden, u"x"_s, ReportFiles::Finance, false)
                    .contains(u"Admin or Finance role"_s));
        QVERIFY(describeReportFileFailure(403, forbidden, u"x"_s, ReportFiles::Sales, true)
                    .contains(u"individual API keys cannot download"_s));

        const QList<AppleError> vendor{{u"400"_s, u"PARAMETER_ERROR.INVALID"_s, u"bad"_s, QString(5000, u'v'),
                                        u"filter[vendorNumber]"_s}};
        QVERIFY(namesVendorNumber(vendor));
        const QString wrongVendor = describeHttpFailure(400, vendor, u"x"_s);
        QVERIFY(wrongVendor.contains(u"Payments and Financial Reports"_s));
        QVERIFY(wrongVendor.size() < 1200); // Apple's text is cut
    }
};

QTEST_GUILESS_MAIN(TestReportVersionRules)
#include "tst_reportversionrules.moc"
