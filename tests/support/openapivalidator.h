#pragma once

#include <QJsonDocument>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <memory>

namespace ascsync::testsupport {

struct CompiledSpec;
class PathTemplateMatcher;

// Checks JSON documents against the schemas Apple's OpenAPI document declares, so tests can prove that what
// the simulator sends is what App Store Connect promises to send. The spec is parsed and compiled once per
// instance (a few tenths of a second for Apple's 3.4 MB file); validating a document afterwards costs
// microseconds. Copies share the compiled spec; every method is const and safe to call from several threads.
//
// Every error names the JSON path of the offending value:
//   /data/0/attributes/accessType: "FOO" not in enum [ONE_TIME_SNAPSHOT, ONGOING]
// Members the schema does not declare are accepted unless it says `additionalProperties: false`, and `null`
// only where it says `nullable: true` (Apple declares no nullable response attribute: omit absent values).
class OpenApiValidator {
public:
    explicit OpenApiValidator(const QString &specPath);
    ~OpenApiValidator();
    OpenApiValidator(const OpenApiValidator &);
    OpenApiValidator &operator=(const OpenApiValidator &);

    bool isLoaded() const;
    // Why loading failed (missing file, bad JSON, not an OpenAPI document); empty when loaded.
    QString loadError() const;

    // Errors (empty = valid) of `body` against the schema Apple declares for that operation and status code,
    // e.g. ("GET", "/v1/apps/{id}/analyticsReportRequests", 200, doc). The method is case-insensitive; the
    // status is looked up as "404", then "4XX", then "default". An undeclared status is itself an error
    // ("GET /v1/salesReports declares no 404 response"); for Apple's undocumented cases call validate() with
    // the schema to expect instead. A response that declares no JSON body (204, gzip reports) is valid only
    // with a null `body`.
    QStringList validateResponse(const QString &method, const QString &pathTemplate, int status,
                                 const QJsonDocument &body) const;

    // Errors (empty = valid) of `value` against the schema at a local JSON pointer,
    // e.g. "#/components/schemas/AppsResponse"; a bare name ("AppsResponse") means a component schema.
    QStringList validate(const QJsonValue &value, const QString &schemaRef) const;

    // The spec's path template for a concrete path that declares `method` ("" = any):
    // "/v1/apps/123" -> "/v1/apps/{id}". Query and fragment are ignored, a full URL is reduced to its path,
    // a literal segment beats a {param}. Empty when nothing matches.
    QString matchPathTemplate(const QString &method, const QString &concretePath) const;

private:
    QString m_loadError;
    std::shared_ptr<const CompiledSpec> m_spec;
    std::shared_ptr<const PathTemplateMatcher> m_paths;
};

} // namespace ascsync::testsupport
