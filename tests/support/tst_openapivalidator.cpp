// Tests of OpenApiValidator against Apple's real OpenAPI document (documents built from Apple's examples and
// API-NOTES) and against a small fixture spec that exercises every keyword the validator checks.

#include "formatchecks.h"
#include "openapivalidator.h"
#include "pathtemplatematcher.h"

#include "ascsync/testpaths.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <memory>
#include <thread>

using namespace Qt::StringLiterals;
using ascsync::testsupport::OpenApiValidator;
using ascsync::testsupport::PathTemplateMatcher;
namespace formats = ascsync::testsupport::formats;

// Declared before the test documents on purpose: moc strips "//" to the end of the line even inside a raw
// string literal, loses track of the quotes in the multi-line JSON below and would not find a class after it.
class TstOpenApiValidator : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void appleSpecUsesOnlyCheckedKeywords();
    void loadFailuresAreReportedAndNeverPass_data();
    void loadFailuresAreReportedAndNeverPass();
    void unsupportedKeywordIsLogged();

    void appleDocumentsAreValid_data();
    void appleDocumentsAreValid();
    void violationsNameTheirPath_data();
    void violationsNameTheirPath();
    void includedResourceWithUnknownTypeIsRejected();
    void everyDeclaredErrorStatusAcceptsErrorResponse_data();
    void everyDeclaredErrorStatusAcceptsErrorResponse();
    void fallbackSchemaForUndocumentedStatus();
    void unknownRefIsReported();

    void fixtureKeywords_data();
    void fixtureKeywords();
    void fixtureStatusFallbacks();

    void formatChecks_data();
    void formatChecks();

    void matchesApiNotesPaths_data();
    void matchesApiNotesPaths();
    void literalSegmentBeatsParameter();

    void validatesThousandsOfDocumentsFromSeveralThreads();

private:
    std::unique_ptr<OpenApiValidator> m_apple;
    std::unique_ptr<OpenApiValidator> m_fixture;
};

namespace {

QString appleSpecPath()
{
    const QString shared = qEnvironmentVariableIsSet("ASCSYNC_SHARED_DIR")
                               ? qEnvironmentVariable("ASCSYNC_SHARED_DIR")
                               : QString::fromUtf8(ASCSYNC_SOURCE_DIR) + u"/../shared"_s;
    return shared + u"/reference/app-store-connect-openapi.json"_s;
}

QString fixtureSpecPath()
{
    return QString::fromUtf8(ASCSYNC_SOURCE_DIR) + u"/tests/support/testdata/openapi-fixture.json"_s;
}

QJsonDocument parse(const char *json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(json), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("test document does not parse at %d: %s", error.offset, qPrintable(error.errorString()));
    return document;
}

QJsonValue parseValue(const char *json)
{
    // Wrapped so that scalars ("5", "null") can be written as test data too.
    const QByteArray wrapped = QByteArray("[") + json + "]";
    return parse(wrapped.constData()).array().at(0);
}

// Apple's 201 example for POST /v1/analyticsReportRequests (API-NOTES §4.3).
constexpr const char *AppleCreatedRequest = R"json({
  "data": {
    "type": "analyticsReportRequests",
    "id": "34ee21e5-e2b0-4d7b-a316-3b9ddc42a4c4",
    "attributes": { "accessType": "ONGOING", "stoppedDueToInactivity": false },
    "relationships": {
      "reports": {
        "links": {
          "self": "https://api.appstoreconnect.apple.com/v1/analyticsReportRequests/34ee21e5-e2b0-4d7b-a316-3b9ddc42a4c4/relationships/reports",
          "related": "https://api.appstoreconnect.apple.com/v1/analyticsReportRequests/34ee21e5-e2b0-4d7b-a316-3b9ddc42a4c4/reports"
        }
      }
    },
    "links": { "self": "https://api.appstoreconnect.apple.com/v1/analyticsReportRequests/34ee21e5-e2b0-4d7b-a316-3b9ddc42a4c4" }
  },
  "links": { "self": "https://api.appstoreconnect.apple.com/v1/analyticsReportRequests" }
})json";

constexpr const char *RequestWithIncludedReports = R"json({
  "data": {
    "type": "analyticsReportRequests",
    "id": "34ee21e5-e2b0-4d7b-a316-3b9ddc42a4c4",
    "attributes": { "accessType": "ONE_TIME_SNAPSHOT", "stoppedDueToInactivity": true },
    "relationships": {
      "reports": {
        "meta": { "paging": { "total": 1, "limit": 50 } },
        "data": [ { "type": "analyticsReports", "id": "r1" } ]
      }
    }
  },
  "included": [
    {
      "type": "analyticsReports",
      "id": "r1",
      "attributes": { "name": "App Store Discovery and Engagement Detailed", "category": "APP_STORE_ENGAGEMENT" },
      "relationships": { "instances": { "links": { "related": "/v1/analyticsReports/r1/instances" } } },
      "links": { "self": "/v1/analyticsReports/r1" }
    }
  ],
  "links": { "self": "https://api.appstoreconnect.apple.com/v1/analyticsReportRequests/34ee21e5-e2b0-4d7b-a316-3b9ddc42a4c4?include=reports" }
})json";

constexpr const char *RequestsOfAnApp = R"json({
  "data": [
    { "type": "analyticsReportRequests", "id": "a", "attributes": { "accessType": "ONGOING", "stoppedDueToInactivity": false } },
    { "type": "analyticsReportRequests", "id": "b", "attributes": { "accessType": "ONE_TIME_SNAPSHOT" } }
  ],
  "links": {
    "self": "https://api.appstoreconnect.apple.com/v1/apps/1476097583/analyticsReportRequests",
    "first": "https://api.appstoreconnect.apple.com/v1/apps/1476097583/analyticsReportRequests",
    "next": "https://api.appstoreconnect.apple.com/v1/apps/1476097583/analyticsReportRequests?cursor=Mg.AKFeYZs&limit=2"
  },
  "meta": { "paging": { "total": 3, "limit": 2, "nextCursor": "Mg.AKFeYZs" } }
})json";

constexpr const char *AppsPage = R"json({
  "data": [
    {
      "type": "apps",
      "id": "1476097583",
      "attributes": {
        "name": "Sky Tides", "bundleId": "io.example.skytides", "sku": "SKYTIDES", "primaryLocale": "en-US",
        "isOrEverWasMadeForKids": false, "subscriptionStatusUrlVersion": "V2",
        "subscriptionStatusUrl": "https://example.com/asn", "contentRightsDeclaration": "DOES_NOT_USE_THIRD_PARTY_CONTENT",
        "streamlinedPurchasingEnabled": true
      },
      "relationships": { "appInfos": { "links": { "self": "/v1/apps/1476097583/relationships/appInfos" } } },
      "links": { "self": "https://api.appstoreconnect.apple.com/v1/apps/1476097583" }
    },
    { "type": "apps", "id": "1500000001", "attributes": { "name": "Quiet Hours" } }
  ],
  "included": [
    { "type": "appInfos", "id": "info-1", "attributes": { "state": "READY_FOR_DISTRIBUTION" } },
    { "type": "builds", "id": "build-7" }
  ],
  "links": {
    "self": "https://api.appstoreconnect.apple.com/v1/apps?fields%5Bapps%5D=name,bundleId,sku,primaryLocale&limit=2",
    "first": "https://api.appstoreconnect.apple.com/v1/apps?limit=2",
    "next": "https://api.appstoreconnect.apple.com/v1/apps?cursor=Mg&limit=2"
  },
  "meta": { "paging": { "total": 5, "limit": 2, "nextCursor": "Mg" } }
})json";

constexpr const char *ReportsOfARequest = R"json({
  "data": [
    { "type": "analyticsReports", "id": "r1", "attributes": { "name": "App Downloads Standard", "category": "COMMERCE" } },
    { "type": "analyticsReports", "id": "r2", "attributes": { "name": "App Sessions Standard", "category": "APP_USAGE" } }
  ],
  "links": { "self": "/v1/analyticsReportRequests/a/reports?filter%5Bcategory%5D=COMMERCE,APP_USAGE" },
  "meta": { "paging": { "total": 2, "limit": 200 } }
})json";

constexpr const char *InstancesOfAReport = R"json({
  "data": [
    {
      "type": "analyticsReportInstances", "id": "i1",
      "attributes": { "granularity": "DAILY", "processingDate": "2024-04-01" },
      "relationships": { "segments": { "links": { "related": "/v1/analyticsReportInstances/i1/segments" } } }
    }
  ],
  "links": { "self": "/v1/analyticsReports/r1/instances" }
})json";

constexpr const char *SegmentsOfAnInstance = R"json({
  "data": [
    {
      "type": "analyticsReportSegments", "id": "s1",
      "attributes": {
        "checksum": "0cc175b9c0f1b6a831c399e269772661", "sizeInBytes": 48213,
        "url": "http://127.0.0.1:41234/segments/s1.txt.gz?expires=1712000000&signature=abc"
      }
    }
  ],
  "links": { "self": "/v1/analyticsReportInstances/i1/segments" },
  "meta": { "paging": { "total": 1, "limit": 200 } }
})json";

// The 401 body clients report (API-NOTES §1). Apostrophes in the raw strings are written \u0027, which moc
// would otherwise read as the start of a character literal.
constexpr const char *NotAuthorized = R"json({
  "errors": [ {
    "status": "401", "code": "NOT_AUTHORIZED", "title": "Authentication credentials are missing or invalid.",
    "detail": "Provide a properly configured and signed bearer token, and make sure that it has not expired. Learn more about Generating Tokens for API Requests https://developer.apple.com/go/?id=api-generating-tokens"
  } ]
})json";

constexpr const char *DuplicateRequest = R"json({
  "errors": [ { "id": "b5d0d5f3-1b54-4c62-b0a8-0cc4a2f1e9a1", "status": "409", "code": "STATE_ERROR",
                "title": "The request cannot be fulfilled because of the state of another resource.",
                "detail": "You already have such an entity" } ]
})json";

constexpr const char *BadParameter = R"json({
  "errors": [ { "status": "400", "code": "PARAMETER_ERROR.INVALID", "title": "A parameter has an invalid value",
                "detail": "\u0027WEEKLY\u0027 is not a valid value for SUBSCRIPTION", "source": { "parameter": "filter[frequency]" } } ]
})json";

constexpr const char *NotFoundWithEverything = R"json({
  "errors": [ {
    "status": "404", "code": "NOT_FOUND", "title": "The specified resource does not exist",
    "detail": "There is no resource of type \u0027analyticsReportRequests\u0027 with id \u0027nope\u0027",
    "source": { "pointer": "/data/id" },
    "links": { "about": "https://developer.apple.com/documentation/appstoreconnectapi",
               "associated": { "href": "/v1/apps/1476097583", "meta": { "source": "app" } } },
    "meta": { "associatedErrors": { "/v1/apps/1476097583": [
      { "status": "409", "code": "ENTITY_ERROR", "title": "nested", "detail": "nested detail" } ] },
      "anythingElse": 42 }
  } ]
})json";

constexpr const char *RateLimited = R"json({
  "errors": [ { "status": "429", "code": "RATE_LIMIT_EXCEEDED", "title": "The request rate limit has been reached.",
                "detail": "We\u0027ve received too many requests for this API. Please wait and try again or slow down your request rate." } ]
})json";

QStringList lines(std::initializer_list<const char *> texts)
{
    QStringList list;
    for (const char *text : texts)
        list.append(QString::fromUtf8(text));
    return list;
}

} // namespace

void TstOpenApiValidator::initTestCase()
{
    m_apple = std::make_unique<OpenApiValidator>(appleSpecPath());
    QVERIFY2(m_apple->isLoaded(), qPrintable(m_apple->loadError()));
    QVERIFY(m_apple->loadError().isEmpty());
    m_fixture = std::make_unique<OpenApiValidator>(fixtureSpecPath());
    QVERIFY2(m_fixture->isLoaded(), qPrintable(m_fixture->loadError()));
}

void TstOpenApiValidator::appleSpecUsesOnlyCheckedKeywords()
{
    // The compiler logs every keyword that could change a verdict but is not implemented; Apple's document
    // must not contain any, or some violations would pass unnoticed.
    QTest::failOnWarning(QRegularExpression(u".*"_s));
    const OpenApiValidator validator(appleSpecPath());
    QVERIFY(validator.isLoaded());
}

void TstOpenApiValidator::loadFailuresAreReportedAndNeverPass_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expectedError");
    QTest::newRow("missing file") << QByteArray() << u"cannot open OpenAPI document"_s;
    QTest::newRow("bad json") << QByteArray("{\"openapi\": \"3.0.1\", \"paths\": {")
                              << u"is not valid JSON at offset"_s;
    QTest::newRow("not openapi") << QByteArray("{\"swagger\": \"2.0\", \"paths\": {}}")
                                 << u"is not an OpenAPI 3.x document"_s;
}

void TstOpenApiValidator::loadFailuresAreReportedAndNeverPass()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, expectedError);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"spec.json"_s);
    if (!content.isNull()) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QRegularExpression::escape(expectedError)));
    const OpenApiValidator validator(path);
    QVERIFY(!validator.isLoaded());
    QVERIFY2(validator.loadError().contains(expectedError), qPrintable(validator.loadError()));
    QVERIFY(validator.loadError().contains(path));

    // An unloaded validator must fail every document, never wave it through.
    const QStringList errors = validator.validate(QJsonObject(), u"#/components/schemas/ErrorResponse"_s);
    QCOMPARE(errors.size(), 1);
    QVERIFY(errors.constFirst().contains(expectedError));
    QCOMPARE(validator.validateResponse(u"GET"_s, u"/v1/apps"_s, 200, QJsonDocument(QJsonObject())).size(),
             1);
    QCOMPARE(validator.matchPathTemplate(u"GET"_s, u"/v1/apps"_s), QString());
}

void TstOpenApiValidator::unsupportedKeywordIsLogged()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"spec.json"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"openapi": "3.0.1", "paths": {}, "components": {"schemas": {
        "Code": {"type": "string", "pattern": "^[A-Z]+$"}}}})");
    file.close();

    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(u"does not check pattern .*#/components/schemas/Code"_s));
    const OpenApiValidator validator(path);
    QVERIFY(validator.isLoaded());
    QCOMPARE(validator.validate(u"ABC"_s, u"Code"_s), QStringList());
}

void TstOpenApiValidator::appleDocumentsAreValid_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QJsonDocument>("body");

    QTest::newRow("201 created request (Apple example)")
        << u"POST"_s << u"/v1/analyticsReportRequests"_s << 201 << parse(AppleCreatedRequest);
    QTest::newRow("200 request with included reports")
        << u"GET"_s << u"/v1/analyticsReportRequests/{id}"_s << 200 << parse(RequestWithIncludedReports);
    QTest::newRow("200 requests of an app, paged")
        << u"GET"_s << u"/v1/apps/{id}/analyticsReportRequests"_s << 200 << parse(RequestsOfAnApp);
    QTest::newRow("200 apps page with included and paging")
        << u"GET"_s << u"/v1/apps"_s << 200 << parse(AppsPage);
    QTest::newRow("lower-case method") << u"get"_s << u"/v1/apps"_s << 200 << parse(AppsPage);
    QTest::newRow("200 reports") << u"GET"_s << u"/v1/analyticsReportRequests/{id}/reports"_s << 200
                                 << parse(ReportsOfARequest);
    QTest::newRow("200 instances") << u"GET"_s << u"/v1/analyticsReports/{id}/instances"_s << 200
                                   << parse(InstancesOfAReport);
    QTest::newRow("200 segments") << u"GET"_s << u"/v1/analyticsReportInstances/{id}/segments"_s << 200
                                  << parse(SegmentsOfAnInstance);
    QTest::newRow("401 not authorized") << u"GET"_s << u"/v1/apps"_s << 401 << parse(NotAuthorized);
    QTest::newRow("409 duplicate request")
        << u"POST"_s << u"/v1/analyticsReportRequests"_s << 409 << parse(DuplicateRequest);
    QTest::newRow("400 source.parameter") << u"GET"_s << u"/v1/salesReports"_s << 400 << parse(BadParameter);
    QTest::newRow("404 with pointer, links, nested errors")
        << u"GET"_s << u"/v1/analyticsReportRequests/{id}"_s << 404 << parse(NotFoundWithEverything);
    QTest::newRow("429 rate limit") << u"GET"_s << u"/v1/financeReports"_s << 429 << parse(RateLimited);
    QTest::newRow("204 delete without body")
        << u"DELETE"_s << u"/v1/analyticsReportRequests/{id}"_s << 204 << QJsonDocument();
    QTest::newRow("200 gzip sales report (no JSON)")
        << u"GET"_s << u"/v1/salesReports"_s << 200 << QJsonDocument();
}

void TstOpenApiValidator::appleDocumentsAreValid()
{
    QFETCH(QString, method);
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QJsonDocument, body);
    QCOMPARE(m_apple->validateResponse(method, path, status, body), QStringList());
}

void TstOpenApiValidator::violationsNameTheirPath_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QJsonDocument>("body");
    QTest::addColumn<QStringList>("expected");

    const QString create = u"/v1/analyticsReportRequests"_s;
    const QString requestsOfApp = u"/v1/apps/{id}/analyticsReportRequests"_s;
    const QString requestById = u"/v1/analyticsReportRequests/{id}"_s;

    QTest::newRow("missing required top-level member")
        << u"POST"_s << create << 201 << parse(R"({"data": {"type": "analyticsReportRequests", "id": "x"}})")
        << lines({R"(/: missing required member "links")"});
    QTest::newRow("missing required resource member")
        << u"POST"_s << create << 201
        << parse(R"({"data": {"type": "analyticsReportRequests"}, "links": {"self": "/v1/x"}})")
        << lines({R"(/data: missing required member "id")"});
    QTest::newRow("wrong type: boolean as string")
        << u"POST"_s << create << 201 << parse(R"({"data": {"type": "analyticsReportRequests", "id": "x",
                    "attributes": {"stoppedDueToInactivity": "false"}}, "links": {"self": "/v1/x"}})")
        << lines({R"(/data/attributes/stoppedDueToInactivity: expected boolean, got string "false")"});
    QTest::newRow("wrong type: object where the collection needs an array")
        << u"GET"_s << requestsOfApp << 200
        << parse(R"({"data": {"type": "analyticsReportRequests", "id": "x"}, "links": {"self": "/v1/x"}})")
        << lines({"/data: expected array, got object"});
    QTest::newRow("wrong type: document is an array")
        << u"GET"_s << requestsOfApp << 200 << parse("[]") << lines({"/: expected object, got array"});
    QTest::newRow("bad enum")
        << u"GET"_s << requestsOfApp << 200
        << parse(
               R"({"data": [{"type": "analyticsReportRequests", "id": "x", "attributes": {"accessType": "FOO"}}],
                    "links": {"self": "/v1/x"}})")
        << lines({R"(/data/0/attributes/accessType: "FOO" not in enum [ONE_TIME_SNAPSHOT, ONGOING])"});
    QTest::newRow("bad resource type")
        << u"GET"_s << requestsOfApp << 200
        << parse(R"({"data": [{"type": "analyticsReportRequests", "id": "x"}, {"type": "apps", "id": "y"}],
                    "links": {"self": "/v1/x"}})")
        << lines({R"(/data/1/type: "apps" not in enum [analyticsReportRequests])"});
    QTest::newRow("COMMERCE is right, APP_STORE_COMMERCE is not")
        << u"GET"_s << u"/v1/analyticsReportRequests/{id}/reports"_s << 200
        << parse(
               R"({"data": [{"type": "analyticsReports", "id": "r", "attributes": {"category": "APP_STORE_COMMERCE"}}],
                    "links": {"self": "/v1/x"}})")
        << lines(
               {R"(/data/0/attributes/category: "APP_STORE_COMMERCE" not in enum [APP_USAGE, APP_STORE_ENGAGEMENT, COMMERCE, FRAMEWORK_USAGE, PERFORMANCE])"});
    QTest::newRow("error status as a number")
        << u"GET"_s << requestById << 404
        << parse(R"({"errors": [{"status": 404, "code": "NOT_FOUND", "title": "t", "detail": "d"}]})")
        << lines({"/errors/0/status: expected string, got number 404"});
    QTest::newRow("error without title and code")
        << u"GET"_s << requestById << 404 << parse(R"({"errors": [{"status": "404", "detail": "d"}]})")
        << lines({R"(/errors/0: missing required member "code")",
                  R"(/errors/0: missing required member "title")"});
    QTest::newRow("bad date format")
        << u"GET"_s << u"/v1/analyticsReports/{id}/instances"_s << 200 << parse(R"({"data": [
                      {"type": "analyticsReportInstances", "id": "a", "attributes": {"processingDate": "2024-1-5"}},
                      {"type": "analyticsReportInstances", "id": "b", "attributes": {"processingDate": "2024-02-30"}},
                      {"type": "analyticsReportInstances", "id": "c", "attributes": {"granularity": "YEARLY"}}],
                    "links": {"self": "/v1/x"}})")
        << lines({R"(/data/0/attributes/processingDate: "2024-1-5" is not a valid date (YYYY-MM-DD))",
                  R"(/data/1/attributes/processingDate: "2024-02-30" is not a valid date (YYYY-MM-DD))",
                  R"(/data/2/attributes/granularity: "YEARLY" not in enum [DAILY, WEEKLY, MONTHLY])"});
    QTest::newRow("segment size not an integer, url not a uri")
        << u"GET"_s << u"/v1/analyticsReportInstances/{id}/segments"_s << 200
        << parse(R"({"data": [{"type": "analyticsReportSegments", "id": "s",
                      "attributes": {"sizeInBytes": 12.5, "url": "segment 1.txt.gz"}}], "links": {"self": "/v1/x"}})")
        << lines({R"(/data/0/attributes/sizeInBytes: expected integer, got number 12.5)",
                  R"(/data/0/attributes/url: "segment 1.txt.gz" is not a valid uri)"});
    QTest::newRow("paging without limit, links without self")
        << u"GET"_s << u"/v1/apps"_s << 200 << parse(R"({"data": [], "links": {"next": "/v1/apps?cursor=x"},
                                                      "meta": {"paging": {"total": 0}}})")
        << lines({R"(/links: missing required member "self")",
                  R"(/meta/paging: missing required member "limit")"});
    QTest::newRow("null is not nullable")
        << u"GET"_s << u"/v1/apps"_s << 200
        << parse(
               R"({"data": [{"type": "apps", "id": "1", "attributes": {"name": null}}], "links": {"self": "/v1/apps"}})")
        << lines({"/data/0/attributes/name: expected string, got null"});
    QTest::newRow("included resource with a bad attribute")
        << u"GET"_s << u"/v1/apps"_s << 200 << parse(R"({"data": [], "links": {"self": "/v1/apps"},
                    "included": [{"type": "builds", "id": "b"}, {"type": "appInfos", "id": "i", "attributes": {"state": "NOPE"}}]})")
        << lines(
               {R"(/included/1/attributes/state: "NOPE" not in enum [ACCEPTED, DEVELOPER_REJECTED, IN_REVIEW, PENDING_RELEASE, PREPARE_FOR_SUBMISSION, READY_FOR_DISTRIBUTION, READY_FOR_REVIEW, REJECTED, REPLACED_WITH_NEW_INFO, WAITING_FOR_REVIEW])"});
    QTest::newRow("oneOf without discriminator: no alternative")
        << u"GET"_s << requestById << 400
        << parse(R"({"errors": [{"status": "400", "code": "c", "title": "t", "source": {}}]})")
        << lines({"/errors/0/source: matches no oneOf alternative; closest is ErrorSourcePointer:",
                  R"(/errors/0/source: missing required member "pointer")"});
    QTest::newRow("oneOf without discriminator: closest is the one with the right member")
        << u"GET"_s << requestById << 400
        << parse(R"({"errors": [{"status": "400", "code": "c", "title": "t", "source": {"parameter": 7}}]})")
        << lines({"/errors/0/source: matches no oneOf alternative; closest is ErrorSourceParameter:",
                  "/errors/0/source/parameter: expected string, got number 7"});
    QTest::newRow("oneOf without discriminator: two alternatives")
        << u"GET"_s << requestById << 400 << parse(R"({"errors": [{"status": "400", "code": "c", "title": "t",
                                 "source": {"pointer": "/data", "parameter": "limit"}}]})")
        << lines({"/errors/0/source: matches 2 oneOf alternatives (ErrorSourcePointer, ErrorSourceParameter) "
                  "but must match exactly one"});
    QTest::newRow("oneOf of inline schemas: closest by JSON type")
        << u"GET"_s << requestById << 400
        << parse(
               R"({"errors": [{"status": "400", "code": "c", "title": "t", "links": {"associated": {"href": 5}}}]})")
        << lines({"/errors/0/links/associated: matches no oneOf alternative; closest is "
                  "#/components/schemas/ErrorLinks/properties/associated/oneOf/1:",
                  "/errors/0/links/associated/href: expected string, got number 5"});
    QTest::newRow("recursive schema, escaped member name")
        << u"GET"_s << requestById << 404 << parse(R"({"errors": [{"status": "404", "code": "c", "title": "t",
                      "meta": {"associatedErrors": {"/v1/apps/1": [{"status": 409, "code": "c"}]}}}]})")
        << lines({R"(/errors/0/meta/associatedErrors/~1v1~1apps~11/0: missing required member "title")",
                  "/errors/0/meta/associatedErrors/~1v1~1apps~11/0/status: expected string, got number 409"});
    QTest::newRow("undeclared status") << u"GET"_s << u"/v1/salesReports"_s << 404 << parse(NotAuthorized)
                                       << lines({"GET /v1/salesReports declares no 404 response"});
    QTest::newRow("no 404 on create") << u"POST"_s << create << 404 << parse(NotAuthorized)
                                      << lines({"POST /v1/analyticsReportRequests declares no 404 response"});
    QTest::newRow("body on 204") << u"DELETE"_s << requestById << 204 << parse("{}")
                                 << lines(
                                        {"DELETE /v1/analyticsReportRequests/{id} 204 declares no JSON body "
                                         "(no content), but one was given"});
    QTest::newRow("JSON for a gzip report") << u"GET"_s << u"/v1/salesReports"_s << 200 << parse("{}")
                                            << lines({"GET /v1/salesReports 200 declares no JSON body "
                                                      "(application/a-gzip), but one was given"});
    QTest::newRow("no body where JSON is declared")
        << u"GET"_s << u"/v1/apps"_s << 200 << QJsonDocument()
        << lines({"/: no JSON body, but GET /v1/apps 200 declares #/components/schemas/AppsResponse"});
    QTest::newRow("concrete path instead of template")
        << u"GET"_s << u"/v1/apps/123"_s << 200 << parse("{}")
        << lines({"unknown path template /v1/apps/123 (pass the template: /v1/apps/{id})"});
    QTest::newRow("unknown path") << u"GET"_s << u"/v1/nothing"_s << 200 << parse("{}")
                                  << lines({"unknown path template /v1/nothing"});
    QTest::newRow("undeclared method") << u"PUT"_s << u"/v1/apps"_s << 200 << parse("{}")
                                       << lines({"/v1/apps declares no PUT operation (only GET)"});
}

void TstOpenApiValidator::violationsNameTheirPath()
{
    QFETCH(QString, method);
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QJsonDocument, body);
    QFETCH(QStringList, expected);
    QCOMPARE(m_apple->validateResponse(method, path, status, body), expected);
}

void TstOpenApiValidator::includedResourceWithUnknownTypeIsRejected()
{
    // The discriminator (`type`) picks the alternative; an unknown type lists what Apple allows there.
    const QJsonDocument body = parse(R"({"data": [], "links": {"self": "/v1/apps"},
                                        "included": [{"type": "bogus", "id": "1"}, {"id": "2"}]})");
    const QStringList errors = m_apple->validateResponse(u"GET"_s, u"/v1/apps"_s, 200, body);
    QCOMPARE(errors.size(), 3);
    QVERIFY2(errors.at(0).startsWith(
                 uR"(/included/0/type: "bogus" is not one of the types this oneOf accepts [)"_s),
             qPrintable(errors.at(0)));
    QVERIFY(errors.at(0).contains(u"appInfos, appStoreVersionExperiments, appStoreVersions"_s));
    // Without a `type` every alternative fails; the closest is reported with its own errors.
    QVERIFY2(errors.at(1).startsWith(u"/included/1: matches no oneOf alternative; closest is "_s),
             qPrintable(errors.at(1)));
    QCOMPARE(errors.at(2), uR"(/included/1: missing required member "type")"_s);
}

void TstOpenApiValidator::everyDeclaredErrorStatusAcceptsErrorResponse_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QList<int>>("statuses");
    // API-NOTES §4: the error statuses each endpoint declares.
    const QList<int> common{400, 401, 403, 429};
    const QList<int> withNotFound{400, 401, 403, 404, 429};
    QTest::newRow("apps") << u"GET"_s << u"/v1/apps"_s << common;
    QTest::newRow("requests of app") << u"GET"_s << u"/v1/apps/{id}/analyticsReportRequests"_s
                                     << withNotFound;
    QTest::newRow("create request") << u"POST"_s << u"/v1/analyticsReportRequests"_s
                                    << QList<int>{400, 401, 403, 409, 422, 429};
    QTest::newRow("read request") << u"GET"_s << u"/v1/analyticsReportRequests/{id}"_s << withNotFound;
    QTest::newRow("delete request") << u"DELETE"_s << u"/v1/analyticsReportRequests/{id}"_s << withNotFound;
    QTest::newRow("reports") << u"GET"_s << u"/v1/analyticsReportRequests/{id}/reports"_s << withNotFound;
    QTest::newRow("instances") << u"GET"_s << u"/v1/analyticsReports/{id}/instances"_s << withNotFound;
    QTest::newRow("segments") << u"GET"_s << u"/v1/analyticsReportInstances/{id}/segments"_s << withNotFound;
    QTest::newRow("sales") << u"GET"_s << u"/v1/salesReports"_s << common;
    QTest::newRow("finance") << u"GET"_s << u"/v1/financeReports"_s << common;
}

void TstOpenApiValidator::everyDeclaredErrorStatusAcceptsErrorResponse()
{
    QFETCH(QString, method);
    QFETCH(QString, path);
    QFETCH(QList<int>, statuses);
    for (const int status : statuses) {
        QJsonObject error{{u"status"_s, QString::number(status)},
                          {u"code"_s, u"SOME_ERROR"_s},
                          {u"title"_s, u"title"_s},
                          {u"detail"_s, u"detail"_s}};
        const QJsonDocument body(QJsonObject{{u"errors"_s, QJsonArray{error}}});
        QCOMPARE(m_apple->validateResponse(method, path, status, body), QStringList());
        // The same body with a numeric status is caught for every one of them.
        error.insert(u"status"_s, status);
        const QJsonDocument bad(QJsonObject{{u"errors"_s, QJsonArray{error}}});
        QCOMPARE(m_apple->validateResponse(method, path, status, bad),
                 QStringList{u"/errors/0/status: expected string, got number "_s + QString::number(status)});
    }
}

void TstOpenApiValidator::fallbackSchemaForUndocumentedStatus()
{
    // Sales reports answer 404/410 although the spec declares neither (API-NOTES §6.4): callers validate the
    // body against ErrorResponse directly.
    const QJsonValue noSales = parse(R"({"errors": [{"status": "404", "code": "NOT_FOUND",
        "title": "The specified resource does not exist", "detail": "There were no sales for the date specified."}]})")
                                   .object();
    QCOMPARE(m_apple->validate(noSales, u"#/components/schemas/ErrorResponse"_s), QStringList());
    QCOMPARE(m_apple->validate(noSales, u"ErrorResponse"_s), QStringList());
    QCOMPARE(m_apple->validate(parseValue(R"({"errors": [{"status": 410}]})"), u"ErrorResponse"_s),
             lines({R"(/errors/0: missing required member "code")",
                    R"(/errors/0: missing required member "title")",
                    "/errors/0/status: expected string, got number 410"}));
    // Any schema in the document can be addressed, not only components.
    QCOMPARE(
        m_apple->validate(
            u"DAILY"_s,
            u"#/components/schemas/AnalyticsReportInstance/properties/attributes/properties/granularity"_s),
        QStringList());
}

void TstOpenApiValidator::unknownRefIsReported()
{
    QCOMPARE(m_apple->validate(QJsonObject(), u"#/components/schemas/NoSuchSchema"_s),
             QStringList{u"/: unknown $ref #/components/schemas/NoSuchSchema"_s});
    QCOMPARE(m_apple->validate(QJsonObject(), u"NoSuchSchema"_s),
             QStringList{u"/: unknown $ref #/components/schemas/NoSuchSchema"_s});
    // A $ref inside the spec that points nowhere fails where it is used, with the document path.
    QCOMPARE(m_fixture->validate(parseValue(R"({"id": "1", "part": {}})"), u"Thing"_s),
             QStringList{u"/part: unknown $ref #/components/schemas/Missing"_s});
    QCOMPARE(m_fixture->validateResponse(u"GET"_s, u"/v1/broken"_s, 200, parse("{}")),
             QStringList{u"/: unknown $ref #/components/schemas/Missing"_s});
}

void TstOpenApiValidator::fixtureKeywords_data()
{
    QTest::addColumn<QString>("schema");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QStringList>("expected");

    const QString thing = u"Thing"_s;
    QTest::newRow("all members valid")
        << thing
        << parseValue(
               R"({"id": "1", "nickname": null, "count": 10, "ratio": 0, "homepage": "https://example.com/x",
            "contact": "a@example.com", "updated": "2024-01-05T10:20:30.123+02:00", "tags": ["a", "b", "c"],
            "kind": "thing", "level": 2.0, "labels": {"x": "y"}, "owner": null, "score": "2024-02-29",
            "pet": {"petType": "Cat", "lives": 9}})")
        << QStringList();
    QTest::newRow("nullable $ref with value")
        << thing << parseValue(R"({"id": "1", "owner": {"name": "n"}})") << QStringList();
    QTest::newRow("nullable $ref checks its target") << thing << parseValue(R"({"id": "1", "owner": {}})")
                                                     << lines({R"(/owner: missing required member "name")"});
    QTest::newRow("additionalProperties false")
        << thing << parseValue(R"({"id": "1", "colour": "red"})")
        << lines({"/colour: member not allowed (the schema declares additionalProperties: false)"});
    QTest::newRow("additionalProperties schema")
        << thing << parseValue(R"({"id": "1", "labels": {"ok": "v", "bad": 1}})")
        << lines({"/labels/bad: expected string, got number 1"});
    QTest::newRow("minimum and maximum")
        << thing << parseValue(R"({"id": "1", "count": 0, "ratio": 1})")
        << lines({"/count: 0 is below minimum 1", "/ratio: 1 is not below exclusive maximum 1"});
    QTest::newRow("maximum") << thing << parseValue(R"({"id": "1", "count": 11, "ratio": -0.5})")
                             << lines({"/count: 11 is above maximum 10", "/ratio: -0.5 is below minimum 0"});
    QTest::newRow("integer") << thing << parseValue(R"({"id": "1", "count": 2.5})")
                             << lines({"/count: expected integer, got number 2.5"});
    QTest::newRow("minItems") << thing << parseValue(R"({"id": "1", "tags": []})")
                              << lines({"/tags: 0 items, fewer than minItems 1"});
    QTest::newRow("maxItems and items")
        << thing << parseValue(R"({"id": "1", "tags": ["a", "b", "c", 4]})")
        << lines({"/tags: 4 items, more than maxItems 3", "/tags/3: expected string, got number 4"});
    QTest::newRow("const") << thing << parseValue(R"({"id": "1", "kind": "widget"})")
                           << lines({R"(/kind: "widget" is not the constant "thing")"});
    QTest::newRow("numeric enum") << thing << parseValue(R"({"id": "1", "level": 4})")
                                  << lines({"/level: 4 not in enum [1, 2, 3]"});
    QTest::newRow("formats")
        << thing
        << parseValue(
               R"({"id": "1", "homepage": "example.com", "contact": "nobody", "updated": "2024-01-05 10:20:30"})")
        << lines(
               {R"(/contact: "nobody" is not a valid email)",
                R"(/homepage: "example.com" is not a valid uri)",
                R"(/updated: "2024-01-05 10:20:30" is not a valid date-time (RFC 3339, e.g. 2024-01-05T10:20:30Z))"});
    QTest::newRow("anyOf first alternative")
        << thing << parseValue(R"({"id": "1", "score": 3})") << QStringList();
    QTest::newRow("anyOf no alternative") << thing << parseValue(R"({"id": "1", "score": "soon"})")
                                          << lines({"/score: matches no anyOf alternative; closest is "
                                                    "#/components/schemas/Thing/properties/score/anyOf/1:",
                                                    R"(/score: "soon" is not a valid date (YYYY-MM-DD))"});
    QTest::newRow("discriminator without mapping uses component names")
        << thing << parseValue(R"({"id": "1", "pet": {"petType": "Dog", "lives": 9}})")
        << lines({R"(/pet: missing required member "good")"});
    QTest::newRow("discriminator value unknown")
        << thing << parseValue(R"({"id": "1", "pet": {"petType": "Cow"}})")
        << lines({R"(/pet/petType: "Cow" is not one of the types this oneOf accepts [Cat, Dog])"});
    QTest::newRow("wrong root type") << thing << parseValue("[1]")
                                     << lines({"/: expected object, got array"});
    QTest::newRow("null at the root")
        << thing << parseValue("null") << lines({"/: expected object, got null"});
    QTest::newRow("allOf: every part applies")
        << u"Dated"_s << parseValue(R"({"since": "2024-13-01"})")
        << lines({R"(/: missing required member "name")",
                  R"(/since: "2024-13-01" is not a valid date (YYYY-MM-DD))"});
    QTest::newRow("allOf valid") << u"Dated"_s << parseValue(R"({"name": "n", "since": "2024-12-01"})")
                                 << QStringList();
    QTest::newRow("recursive schema follows the data")
        << u"Tree"_s
        << parseValue(
               R"({"name": "root", "children": [{"name": "a", "children": [{"name": "b", "children": [{"name": 3}]}]}]})")
        << lines({"/children/0/children/0/children/0/name: expected string, got number 3"});
    QTest::newRow("allOf cycle is reported, not followed forever")
        << u"Loop"_s << parseValue("{}")
        << lines({"/: schema cycle: #/components/schemas/Loop refers back to itself without reaching data"});
    QTest::newRow("$ref cycle is reported, not followed forever")
        << u"Ping"_s << parseValue("{}")
        << lines({"/: schema cycle: #/components/schemas/Ping refers back to itself without reaching data"});
    QTest::newRow("escaped schema name") << u"#/components/schemas/a~1b~0c"_s << parseValue(R"("other")")
                                         << lines({R"(/: "other" not in enum [escaped])"});
}

void TstOpenApiValidator::fixtureKeywords()
{
    QFETCH(QString, schema);
    QFETCH(QJsonValue, value);
    QFETCH(QStringList, expected);
    QCOMPARE(m_fixture->validate(value, schema), expected);
}

void TstOpenApiValidator::fixtureStatusFallbacks()
{
    const QString path = u"/v1/things/{id}"_s;
    QCOMPARE(m_fixture->validateResponse(u"GET"_s, path, 200, parse(R"({"id": "1"})")), QStringList());
    // 404 is not declared, 4XX is.
    QCOMPARE(m_fixture->validateResponse(u"GET"_s, path, 404, parse(R"({"code": 1})")),
             QStringList{u"/code: expected string, got number 1"_s});
    // 500 falls to `default`, declared with a vendor +json media type.
    QCOMPARE(m_fixture->validateResponse(u"GET"_s, path, 500, parse(R"({"name": "n"})")), QStringList());
    QCOMPARE(m_fixture->validateResponse(u"GET"_s, path, 503, parse("{}")),
             QStringList{uR"(/: missing required member "name")"_s});
}

void TstOpenApiValidator::formatChecks_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");

    const QString date = u"date"_s;
    QTest::newRow("date") << date << u"2024-04-01"_s << true;
    QTest::newRow("date leap day") << date << u"2024-02-29"_s << true;
    QTest::newRow("date not leap") << date << u"2023-02-29"_s << false;
    QTest::newRow("date month 13") << date << u"2024-13-01"_s << false;
    QTest::newRow("date short") << date << u"2024-4-1"_s << false;
    QTest::newRow("date slashes") << date << u"2024/04/01"_s << false;
    QTest::newRow("date with time") << date << u"2024-04-01T00:00:00Z"_s << false;
    QTest::newRow("date month only") << date << u"2024-04"_s << false;
    QTest::newRow("date non-ascii digits") << date << u"２０２４-04-01"_s << false;

    const QString dateTime = u"date-time"_s;
    QTest::newRow("date-time Z") << dateTime << u"2024-01-05T10:20:30Z"_s << true;
    QTest::newRow("date-time fraction and offset") << dateTime << u"2024-01-05T10:20:30.000-08:00"_s << true;
    QTest::newRow("date-time lower case") << dateTime << u"2024-01-05t10:20:30z"_s << true;
    QTest::newRow("date-time leap second") << dateTime << u"2016-12-31T23:59:60Z"_s << true;
    QTest::newRow("date-time no offset") << dateTime << u"2024-01-05T10:20:30"_s << false;
    QTest::newRow("date-time offset without colon") << dateTime << u"2024-01-05T10:20:30+0000"_s << false;
    QTest::newRow("date-time space") << dateTime << u"2024-01-05 10:20:30Z"_s << false;
    QTest::newRow("date-time hour 24") << dateTime << u"2024-01-05T24:00:00Z"_s << false;
    QTest::newRow("date-time empty fraction") << dateTime << u"2024-01-05T10:20:30.Z"_s << false;
    QTest::newRow("date-time bad day") << dateTime << u"2024-04-31T10:20:30Z"_s << false;

    const QString uri = u"uri"_s;
    QTest::newRow("uri https") << uri << u"https://api.appstoreconnect.apple.com/v1/apps?limit=200"_s << true;
    QTest::newRow("uri loopback port") << uri << u"http://127.0.0.1:8080/s/1.txt.gz?sig=a%2Fb"_s << true;
    QTest::newRow("uri mailto") << uri << u"mailto:a@example.com"_s << true;
    QTest::newRow("uri brackets in query (loose)") << uri << u"https://h/v1/apps?filter[name]=x"_s << true;
    QTest::newRow("uri relative") << uri << u"/v1/apps"_s << false;
    QTest::newRow("uri no scheme") << uri << u"example.com/x"_s << false;
    QTest::newRow("uri http without host") << uri << u"http:/x"_s << false;
    QTest::newRow("uri space") << uri << u"https://h/a b"_s << false;
    QTest::newRow("uri empty") << uri << QString() << false;

    const QString reference = u"uri-reference"_s;
    QTest::newRow("uri-reference relative") << reference << u"/v1/apps?cursor=Mg"_s << true;
    QTest::newRow("uri-reference absolute") << reference << u"https://h/v1/apps"_s << true;
    QTest::newRow("uri-reference newline") << reference << u"/v1/apps\n"_s << false;

    const QString email = u"email"_s;
    QTest::newRow("email") << email << u"dev@example.com"_s << true;
    QTest::newRow("email no at") << email << u"dev.example.com"_s << false;
    QTest::newRow("email two ats") << email << u"a@b@c"_s << false;
    QTest::newRow("email empty local") << email << u"@example.com"_s << false;
    QTest::newRow("email space") << email << u"a b@example.com"_s << false;
}

void TstOpenApiValidator::formatChecks()
{
    QFETCH(QString, format);
    QFETCH(QString, text);
    QFETCH(bool, valid);
    bool actual = false;
    if (format == "date"_L1)
        actual = formats::isDate(text);
    else if (format == "date-time"_L1)
        actual = formats::isDateTime(text);
    else if (format == "uri"_L1)
        actual = formats::isUri(text);
    else if (format == "uri-reference"_L1)
        actual = formats::isUriReference(text);
    else if (format == "email"_L1)
        actual = formats::isEmail(text);
    else
        QFAIL("unknown format in test data");
    QCOMPARE(actual, valid);
}

void TstOpenApiValidator::matchesApiNotesPaths_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected");

    QTest::newRow("4.1 apps") << u"GET"_s << u"/v1/apps"_s << u"/v1/apps"_s;
    QTest::newRow("4.1 with query") << u"GET"_s << u"/v1/apps?fields[apps]=name,bundleId&limit=200"_s
                                    << u"/v1/apps"_s;
    QTest::newRow("full URL") << u"GET"_s << u"https://api.appstoreconnect.apple.com/v1/apps?limit=200"_s
                              << u"/v1/apps"_s;
    QTest::newRow("app by id") << u"GET"_s << u"/v1/apps/1476097583"_s << u"/v1/apps/{id}"_s;
    QTest::newRow("4.2 requests of app") << u"GET"_s << u"/v1/apps/1476097583/analyticsReportRequests"_s
                                         << u"/v1/apps/{id}/analyticsReportRequests"_s;
    QTest::newRow("4.3 create request")
        << u"POST"_s << u"/v1/analyticsReportRequests"_s << u"/v1/analyticsReportRequests"_s;
    QTest::newRow("4.4 read request")
        << u"GET"_s << u"/v1/analyticsReportRequests/34ee21e5-e2b0-4d7b-a316-3b9ddc42a4c4"_s
        << u"/v1/analyticsReportRequests/{id}"_s;
    QTest::newRow("4.5 delete request")
        << u"delete"_s << u"/v1/analyticsReportRequests/34ee21e5"_s << u"/v1/analyticsReportRequests/{id}"_s;
    QTest::newRow("4.6 reports") << u"GET"_s
                                 << u"/v1/analyticsReportRequests/abc/reports?filter[category]=COMMERCE"_s
                                 << u"/v1/analyticsReportRequests/{id}/reports"_s;
    QTest::newRow("4.7 instances")
        << u"GET"_s
        << u"/v1/analyticsReports/r-1/instances?filter[granularity]=DAILY&filter[processingDate]=2024-04-01"_s
        << u"/v1/analyticsReports/{id}/instances"_s;
    QTest::newRow("4.8 segments") << u"GET"_s << u"/v1/analyticsReportInstances/i-1/segments"_s
                                  << u"/v1/analyticsReportInstances/{id}/segments"_s;
    QTest::newRow("segment by id") << u"GET"_s << u"/v1/analyticsReportSegments/s-1"_s
                                   << u"/v1/analyticsReportSegments/{id}"_s;
    QTest::newRow("4.9 sales") << u"GET"_s
                               << u"/v1/salesReports?filter[frequency]=DAILY&filter[reportType]=SALES"_s
                               << u"/v1/salesReports"_s;
    QTest::newRow("4.10 finance") << u"GET"_s << u"/v1/financeReports?filter[regionCode]=ZZ"_s
                                  << u"/v1/financeReports"_s;
    QTest::newRow("any method") << QString() << u"/v1/analyticsReportRequests"_s
                                << u"/v1/analyticsReportRequests"_s;
    QTest::newRow("no GET collection of requests")
        << u"GET"_s << u"/v1/analyticsReportRequests"_s << QString();
    QTest::newRow("no POST on apps") << u"POST"_s << u"/v1/apps"_s << QString();
    QTest::newRow("empty id segment") << u"GET"_s << u"/v1/apps//analyticsReportRequests"_s << QString();
    QTest::newRow("trailing slash") << u"GET"_s << u"/v1/apps/"_s << QString();
    QTest::newRow("unknown") << u"GET"_s << u"/v2/nothing/here"_s << QString();
    QTest::newRow("case matters in literals") << u"GET"_s << u"/v1/Apps"_s << QString();
}

void TstOpenApiValidator::matchesApiNotesPaths()
{
    QFETCH(QString, method);
    QFETCH(QString, path);
    QFETCH(QString, expected);
    QCOMPARE(m_apple->matchPathTemplate(method, path), expected);
}

void TstOpenApiValidator::literalSegmentBeatsParameter()
{
    QCOMPARE(m_fixture->matchPathTemplate(u"GET"_s, u"/v1/things/latest"_s), u"/v1/things/latest"_s);
    QCOMPARE(m_fixture->matchPathTemplate(u"GET"_s, u"/v1/things/42"_s), u"/v1/things/{id}"_s);
    QCOMPARE(m_fixture->matchPathTemplate(u"GET"_s, u"/v1/others/latest"_s), u"/v1/{kind}/latest"_s);

    // Independent of the order in which templates were declared.
    const QStringList templates{u"/v1/{kind}/latest"_s, u"/v1/things/{id}"_s, u"/v1/things/latest"_s};
    for (int rotation = 0; rotation < templates.size(); ++rotation) {
        PathTemplateMatcher matcher;
        for (int i = 0; i < templates.size(); ++i)
            matcher.add(templates.at((i + rotation) % templates.size()), u"GET"_s);
        QCOMPARE(matcher.match(u"GET"_s, u"/v1/things/latest"_s), u"/v1/things/latest"_s);
        QCOMPARE(matcher.match(u"GET"_s, u"/v1/things/7"_s), u"/v1/things/{id}"_s);
        QCOMPARE(matcher.match(u"get"_s, u"/v1/a/latest"_s), u"/v1/{kind}/latest"_s);
        QCOMPARE(matcher.match(u"POST"_s, u"/v1/things/7"_s), QString());
    }
}

void TstOpenApiValidator::validatesThousandsOfDocumentsFromSeveralThreads()
{
    // A 200-app page with an included resource per app: the size the simulator serves at limit=200.
    QJsonArray apps;
    QJsonArray included;
    for (int i = 0; i < 200; ++i) {
        const QString id = QString::number(1476097583 + i);
        apps.append(QJsonObject{
            {u"type"_s, u"apps"_s},
            {u"id"_s, id},
            {u"attributes"_s, QJsonObject{{u"name"_s, QString(u"App "_s + id)},
                                          {u"bundleId"_s, QString(u"io.example.app"_s + id)},
                                          {u"sku"_s, QString(u"SKU"_s + id)},
                                          {u"primaryLocale"_s, u"en-US"_s}}},
            {u"links"_s,
             QJsonObject{{u"self"_s, QString(u"https://api.appstoreconnect.apple.com/v1/apps/"_s + id)}}}});
        included.append(
            QJsonObject{{u"type"_s, u"appInfos"_s},
                        {u"id"_s, QString(u"info-"_s + id)},
                        {u"attributes"_s, QJsonObject{{u"state"_s, u"READY_FOR_DISTRIBUTION"_s}}}});
    }
    const QJsonObject page{
        {u"data"_s, apps},
        {u"included"_s, included},
        {u"links"_s, QJsonObject{{u"self"_s, u"/v1/apps?limit=200"_s}}},
        {u"meta"_s, QJsonObject{{u"paging"_s, QJsonObject{{u"total"_s, 200}, {u"limit"_s, 200}}}}}};
    const QJsonDocument pageDocument(page);
    const QJsonDocument smallDocuments[] = {parse(AppleCreatedRequest), parse(NotFoundWithEverything),
                                            parse(SegmentsOfAnInstance), parse(RequestsOfAnApp)};
    const std::pair<QString, QString> smallOperations[] = {
        {u"/v1/analyticsReportRequests"_s, u"POST"_s},
        {u"/v1/analyticsReportRequests/{id}"_s, u"GET"_s},
        {u"/v1/analyticsReportInstances/{id}/segments"_s, u"GET"_s},
        {u"/v1/apps/{id}/analyticsReportRequests"_s, u"GET"_s}};
    const int smallStatuses[] = {201, 404, 200, 200};

    // Copies share the compiled spec; each thread validates through its own copy.
    const OpenApiValidator copy = *m_apple;
    std::atomic<int> failures = 0;
    std::atomic<int> validated = 0;
    const auto work = [&](const OpenApiValidator &validator) {
        for (int round = 0; round < 1000; ++round) {
            const int which = round % 4;
            if (!validator
                     .validateResponse(smallOperations[which].second, smallOperations[which].first,
                                       smallStatuses[which], smallDocuments[which])
                     .isEmpty()) {
                ++failures;
            }
            if (round % 20 == 0 &&
                !validator.validateResponse(u"GET"_s, u"/v1/apps"_s, 200, pageDocument).isEmpty()) {
                ++failures;
            }
            ++validated;
        }
    };
    QElapsedTimer timer;
    timer.start();
    std::thread first(work, std::cref(*m_apple));
    std::thread second(work, std::cref(copy));
    first.join();
    second.join();
    QCOMPARE(failures.load(), 0);
    QCOMPARE(validated.load(), 2000);
    qInfo("validated 2000 small documents and 100 pages of 200 apps in %lld ms", qint64(timer.elapsed()));

    // A broken page is still caught after all that (the shared state was not corrupted).
    QJsonObject broken = page;
    QJsonArray brokenApps = apps;
    QJsonObject lastApp = brokenApps.last().toObject();
    lastApp.remove(u"id"_s);
    brokenApps.replace(brokenApps.size() - 1, lastApp);
    broken.insert(u"data"_s, brokenApps);
    QCOMPARE(copy.validateResponse(u"GET"_s, u"/v1/apps"_s, 200, QJsonDocument(broken)),
             QStringList{uR"(/data/199: missing required member "id")"_s});
}

QTEST_GUILESS_MAIN(TstOpenApiValidator)
#include "tst_openapivalidator.moc"
