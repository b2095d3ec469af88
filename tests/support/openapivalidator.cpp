#include "openapivalidator.h"

#include "compiledspec.h"
#include "pathtemplatematcher.h"
#include "schemachecker.h"
#include "schemacompiler.h"
#include "testsupportlog.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace ascsync::testsupport {

namespace {

QJsonValue bodyValue(const QJsonDocument &body)
{
    if (body.isObject())
        return body.object();
    if (body.isArray())
        return body.array();
    return QJsonValue(QJsonValue::Undefined);
}

// "#/components/schemas/AppsResponse" for the usual response schema that is only a $ref.
QString schemaName(const CompiledSpec &spec, int schema)
{
    const SchemaNode &node = spec.nodes[size_t(schema)];
    return node.refTarget >= 0 ? spec.nodes[size_t(node.refTarget)].pointer : node.pointer;
}

} // namespace

OpenApiValidator::OpenApiValidator(const QString &specPath)
{
    QElapsedTimer timer;
    timer.start();

    QFile file(specPath);
    if (!file.open(QIODevice::ReadOnly)) {
        m_loadError = u"cannot open OpenAPI document "_s + specPath + u": "_s + file.errorString();
        qCWarning(lcTestSupport).noquote() << m_loadError;
        return;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        m_loadError = u"OpenAPI document "_s + specPath + u" is not valid JSON at offset "_s +
                      QString::number(parseError.offset) + u": "_s + parseError.errorString();
        qCWarning(lcTestSupport).noquote() << m_loadError;
        return;
    }
    const QJsonObject spec = document.object();
    if (!spec.value("openapi"_L1).toString().startsWith("3."_L1) || !spec.value("paths"_L1).isObject()) {
        m_loadError = u"OpenAPI document "_s + specPath + u" is not an OpenAPI 3.x document with paths"_s;
        qCWarning(lcTestSupport).noquote() << m_loadError;
        return;
    }

    const qint64 parseMs = timer.restart();
    auto compiled = std::make_shared<CompiledSpec>(SchemaCompiler(spec).compile());
    auto paths = std::make_shared<PathTemplateMatcher>();
    for (auto it = compiled->operations.cbegin(); it != compiled->operations.cend(); ++it) {
        for (auto method = it.value().cbegin(); method != it.value().cend(); ++method)
            paths->add(it.key(), method.key());
    }
    m_spec = std::move(compiled);
    m_paths = std::move(paths);
    qCDebug(lcTestSupport) << "parsed" << specPath << "in" << parseMs << "ms, compiled"
                           << m_spec->nodes.size() << "schema nodes in" << timer.elapsed() << "ms";
}

OpenApiValidator::~OpenApiValidator() = default;
OpenApiValidator::OpenApiValidator(const OpenApiValidator &) = default;
OpenApiValidator &OpenApiValidator::operator=(const OpenApiValidator &) = default;

bool OpenApiValidator::isLoaded() const
{
    return m_spec != nullptr;
}

QString OpenApiValidator::loadError() const
{
    return m_loadError;
}

QStringList OpenApiValidator::validateResponse(const QString &method, const QString &pathTemplate, int status,
                                               const QJsonDocument &body) const
{
    if (!isLoaded())
        return {u"OpenAPI document not loaded: "_s + m_loadError};

    const QString operationName = method.toUpper() + u' ' + pathTemplate;
    const auto path = m_spec->operations.constFind(pathTemplate);
    if (path == m_spec->operations.cend()) {
        const QString guess = matchPathTemplate(method, pathTemplate);
        return {u"unknown path template "_s + pathTemplate +
                (guess.isEmpty() ? QString() : u" (pass the template: "_s + guess + u')')};
    }
    const auto operation = path->constFind(method.toLower());
    if (operation == path->cend()) {
        QStringList declared = path->keys();
        declared.sort();
        return {pathTemplate + u" declares no "_s + method.toUpper() + u" operation (only "_s +
                declared.join(", "_L1).toUpper() + u')'};
    }

    const QString statusKey = QString::number(status);
    auto response = operation->constFind(statusKey);
    if (response == operation->cend())
        response = operation->constFind(QString::number(status / 100) + u"XX"_s);
    if (response == operation->cend())
        response = operation->constFind(u"default"_s);
    if (response == operation->cend())
        return {operationName + u" declares no "_s + statusKey + u" response"_s};

    if (response->schema < 0) {
        if (body.isNull())
            return {};
        const QString declared =
            response->contentTypes.isEmpty() ? u"no content"_s : response->contentTypes.join(", "_L1);
        return {operationName + u' ' + statusKey + u" declares no JSON body ("_s + declared +
                u"), but one was given"_s};
    }
    if (body.isNull()) {
        return {u"/: no JSON body, but "_s + operationName + u' ' + statusKey + u" declares "_s +
                schemaName(*m_spec, response->schema)};
    }
    return SchemaChecker(*m_spec).check(bodyValue(body), response->schema);
}

QStringList OpenApiValidator::validate(const QJsonValue &value, const QString &schemaRef) const
{
    if (!isLoaded())
        return {u"OpenAPI document not loaded: "_s + m_loadError};
    const QString pointer = schemaRef.startsWith(u'#') ? schemaRef : u"#/components/schemas/"_s + schemaRef;
    const auto node = m_spec->nodeByPointer.constFind(pointer);
    if (node == m_spec->nodeByPointer.cend())
        return {u"/: unknown $ref "_s + pointer};
    return SchemaChecker(*m_spec).check(value, node.value());
}

QString OpenApiValidator::matchPathTemplate(const QString &method, const QString &concretePath) const
{
    return isLoaded() ? m_paths->match(method, concretePath) : QString();
}

} // namespace ascsync::testsupport
