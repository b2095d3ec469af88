#pragma once

#include "compiledspec.h"

#include <QJsonObject>
#include <QSet>
#include <QString>

namespace ascsync::testsupport {

// Turns the parsed OpenAPI document into a CompiledSpec: every schema under components/schemas and every JSON
// response schema under paths becomes a SchemaNode, `$ref`s become node indices. Local refs only (Apple's
// document has no other kind); a ref that points nowhere compiles to a node that fails with "unknown $ref".
// Keywords that would change the verdict but are not implemented are logged once each, so a future spec that
// starts using them cannot pass silently.
class SchemaCompiler {
public:
    explicit SchemaCompiler(const QJsonObject &spec);

    CompiledSpec compile();

private:
    void compileOperations();
    int compileRef(const QString &ref);
    int compileSchema(const QString &pointer, const QJsonValue &schema);
    void readKeywords(const QString &pointer, const QJsonObject &schema, SchemaNode &node);
    void readObjectKeywords(const QString &pointer, const QJsonObject &schema, SchemaNode &node);
    QList<int> compileList(const QString &pointer, const QJsonValue &list);
    void readDiscriminator(const QJsonObject &schema, SchemaNode &node);
    void warnOnce(const QString &keyword, const QString &pointer);

    const QJsonObject &m_spec;
    CompiledSpec m_out;
    QSet<QString> m_warned;
};

} // namespace ascsync::testsupport
