#include "schemacompiler.h"

#include "testsupportlog.h"

#include <QJsonArray>

#include <optional>

using namespace Qt::StringLiterals;

namespace ascsync::testsupport {

namespace {

QString escapePointerSegment(QString segment)
{
    return segment.replace(u'~', u"~0"_s).replace(u'/', u"~1"_s);
}

QString unescapePointerSegment(QStringView segment)
{
    QString text = segment.toString();
    return text.replace(u"~1"_s, u"/"_s).replace(u"~0"_s, u"~"_s);
}

// Resolves a local JSON pointer ("#/components/schemas/App") inside the spec.
std::optional<QJsonValue> resolvePointer(const QJsonObject &spec, const QString &ref)
{
    if (!ref.startsWith(u"#/"_s))
        return std::nullopt;
    QJsonValue current = spec;
    const QList<QStringView> segments = QStringView(ref).sliced(2).split(u'/');
    for (const QStringView rawSegment : segments) {
        const QString segment = unescapePointerSegment(rawSegment);
        if (current.isObject()) {
            const QJsonObject object = current.toObject();
            const auto it = object.constFind(segment);
            if (it == object.constEnd())
                return std::nullopt;
            current = it.value();
        } else if (current.isArray()) {
            bool ok = false;
            const qsizetype index = segment.toLongLong(&ok);
            const QJsonArray array = current.toArray();
            if (!ok || index < 0 || index >= array.size())
                return std::nullopt;
            current = array.at(index);
        } else {
            return std::nullopt;
        }
    }
    return current;
}

quint8 typeFlag(const QString &name)
{
    if (name == "object"_L1)
        return SchemaNode::Object;
    if (name == "array"_L1)
        return SchemaNode::Array;
    if (name == "string"_L1)
        return SchemaNode::String;
    if (name == "integer"_L1)
        return SchemaNode::Integer;
    if (name == "number"_L1)
        return SchemaNode::Number;
    if (name == "boolean"_L1)
        return SchemaNode::Boolean;
    return SchemaNode::AnyType;
}

SchemaNode::Format formatOf(const QString &name)
{
    if (name == "date"_L1)
        return SchemaNode::Format::Date;
    if (name == "date-time"_L1)
        return SchemaNode::Format::DateTime;
    if (name == "uri"_L1)
        return SchemaNode::Format::Uri;
    if (name == "uri-reference"_L1)
        return SchemaNode::Format::UriReference;
    if (name == "email"_L1)
        return SchemaNode::Format::Email;
    return SchemaNode::Format::None; // int64, duration, number, binary: annotations, not checked
}

// Keywords that only describe (never change a verdict) or that this validator implements.
bool isKnownKeyword(const QString &keyword)
{
    static const QSet<QString> known = {
        u"$ref"_s,
        u"type"_s,
        u"nullable"_s,
        u"format"_s,
        u"properties"_s,
        u"required"_s,
        u"additionalProperties"_s,
        u"items"_s,
        u"enum"_s,
        u"const"_s,
        u"oneOf"_s,
        u"anyOf"_s,
        u"allOf"_s,
        u"discriminator"_s,
        u"minimum"_s,
        u"maximum"_s,
        u"exclusiveMinimum"_s,
        u"exclusiveMaximum"_s,
        u"minItems"_s,
        u"maxItems"_s,
        u"title"_s,
        u"description"_s,
        u"deprecated"_s,
        u"example"_s,
        u"examples"_s,
        u"default"_s,
        u"readOnly"_s,
        u"writeOnly"_s,
        u"externalDocs"_s,
        u"xml"_s,
    };
    return known.contains(keyword) || keyword.startsWith(u"x-"_s);
}

bool isJsonMediaType(const QString &mediaType)
{
    const QString bare = mediaType.section(u';', 0, 0).trimmed().toLower();
    return bare == "application/json"_L1 || bare.endsWith("+json"_L1);
}

} // namespace

SchemaCompiler::SchemaCompiler(const QJsonObject &spec)
    : m_spec(spec)
{}

CompiledSpec SchemaCompiler::compile()
{
    const QJsonObject schemas = m_spec.value("components"_L1).toObject().value("schemas"_L1).toObject();
    for (auto it = schemas.constBegin(); it != schemas.constEnd(); ++it)
        compileRef(u"#/components/schemas/"_s + escapePointerSegment(it.key()));
    compileOperations();
    return std::move(m_out);
}

void SchemaCompiler::compileOperations()
{
    static const QSet<QString> methods = {u"get"_s,   u"put"_s,     u"post"_s, u"delete"_s,
                                          u"patch"_s, u"options"_s, u"head"_s, u"trace"_s};
    const QJsonObject paths = m_spec.value("paths"_L1).toObject();
    for (auto pathIt = paths.constBegin(); pathIt != paths.constEnd(); ++pathIt) {
        const QString pathPointer = u"#/paths/"_s + escapePointerSegment(pathIt.key());
        const QJsonObject pathItem = pathIt.value().toObject();
        for (auto opIt = pathItem.constBegin(); opIt != pathItem.constEnd(); ++opIt) {
            if (!methods.contains(opIt.key()))
                continue; // "parameters", "summary", ...
            CompiledSpec::Operation &operation = m_out.operations[pathIt.key()][opIt.key()];
            const QJsonObject responses = opIt.value().toObject().value("responses"_L1).toObject();
            for (auto respIt = responses.constBegin(); respIt != responses.constEnd(); ++respIt) {
                CompiledSpec::Response &response = operation[respIt.key()];
                const QString responsePointer =
                    pathPointer + u'/' + opIt.key() + u"/responses/"_s + escapePointerSegment(respIt.key());
                QJsonObject responseObject = respIt.value().toObject();
                if (const QJsonValue ref = responseObject.value("$ref"_L1); ref.isString()) {
                    // Shared responses under #/components/responses (not used by Apple today, legal OpenAPI).
                    responseObject = resolvePointer(m_spec, ref.toString()).value_or(QJsonValue()).toObject();
                }
                const QJsonObject content = responseObject.value("content"_L1).toObject();
                for (auto ctIt = content.constBegin(); ctIt != content.constEnd(); ++ctIt) {
                    response.contentTypes.append(ctIt.key());
                    const QJsonValue schema = ctIt.value().toObject().value("schema"_L1);
                    // application/json wins over vendor +json types when both are declared.
                    const bool preferred = ctIt.key() == "application/json"_L1 || response.schema < 0;
                    if (isJsonMediaType(ctIt.key()) && schema.isObject() && preferred) {
                        response.schema = compileSchema(responsePointer + u"/content/"_s +
                                                            escapePointerSegment(ctIt.key()) + u"/schema"_s,
                                                        schema);
                    }
                }
            }
        }
    }
}

int SchemaCompiler::compileRef(const QString &ref)
{
    if (const auto known = m_out.nodeByPointer.constFind(ref); known != m_out.nodeByPointer.cend())
        return known.value();
    const std::optional<QJsonValue> target = resolvePointer(m_spec, ref);
    if (target && target->isObject())
        return compileSchema(ref, *target);

    // Remembered under its own text, so every use of the same bad ref shares one node.
    SchemaNode unresolved;
    unresolved.pointer = ref;
    unresolved.unresolvedRef = ref;
    m_out.nodes.push_back(std::move(unresolved));
    const int index = int(m_out.nodes.size()) - 1;
    m_out.nodeByPointer.insert(ref, index);
    return index;
}

int SchemaCompiler::compileSchema(const QString &pointer, const QJsonValue &schema)
{
    if (const auto known = m_out.nodeByPointer.constFind(pointer); known != m_out.nodeByPointer.cend())
        return known.value();

    // Register the index before compiling children: a child that refers back to this schema finds it
    // instead of recursing forever.
    m_out.nodes.emplace_back();
    const int index = int(m_out.nodes.size()) - 1;
    m_out.nodeByPointer.insert(pointer, index);

    SchemaNode node;
    node.pointer = pointer;
    const QJsonObject object = schema.toObject();
    if (!schema.isObject()) {
        // `true`/`false` schemas do not exist in OpenAPI 3.0; anything else here is a broken document.
        warnOnce(u"non-object schema"_s, pointer);
    } else if (const QJsonValue ref = object.value("$ref"_L1); ref.isString()) {
        // OpenAPI 3.0 ignores siblings of $ref, but Apple writes `nullable: true` there and means it.
        node.refTarget = compileRef(ref.toString());
        node.nullable = object.value("nullable"_L1).toBool();
    } else {
        readKeywords(pointer, object, node);
    }
    m_out.nodes[size_t(index)] = std::move(node);
    return index;
}

void SchemaCompiler::readKeywords(const QString &pointer, const QJsonObject &schema, SchemaNode &node)
{
    for (auto it = schema.constBegin(); it != schema.constEnd(); ++it) {
        if (!isKnownKeyword(it.key()))
            warnOnce(it.key(), pointer);
    }

    if (const QJsonValue type = schema.value("type"_L1); !type.isUndefined()) {
        node.types = typeFlag(type.toString());
        if (node.types == SchemaNode::AnyType)
            warnOnce(u"type "_s + (type.isString() ? type.toString() : u"(not a string)"_s), pointer);
    }
    node.nullable = schema.value("nullable"_L1).toBool();
    node.format = formatOf(schema.value("format"_L1).toString());

    if (const QJsonValue values = schema.value("enum"_L1); values.isArray()) {
        node.hasEnum = true;
        node.enumValues = values.toArray();
    }
    if (schema.contains("const"_L1))
        node.constValue = schema.value("const"_L1);

    if (const QJsonValue minimum = schema.value("minimum"_L1); minimum.isDouble())
        node.minimum = minimum.toDouble();
    if (const QJsonValue maximum = schema.value("maximum"_L1); maximum.isDouble())
        node.maximum = maximum.toDouble();
    node.exclusiveMinimum = schema.value("exclusiveMinimum"_L1).toBool();
    node.exclusiveMaximum = schema.value("exclusiveMaximum"_L1).toBool();
    if (const QJsonValue minItems = schema.value("minItems"_L1); minItems.isDouble())
        node.minItems = qsizetype(minItems.toInteger());
    if (const QJsonValue maxItems = schema.value("maxItems"_L1); maxItems.isDouble())
        node.maxItems = qsizetype(maxItems.toInteger());

    readObjectKeywords(pointer, schema, node);
    if (const QJsonValue items = schema.value("items"_L1); items.isObject())
        node.items = compileSchema(pointer + u"/items"_s, items);

    node.oneOf = compileList(pointer + u"/oneOf"_s, schema.value("oneOf"_L1));
    node.anyOf = compileList(pointer + u"/anyOf"_s, schema.value("anyOf"_L1));
    node.allOf = compileList(pointer + u"/allOf"_s, schema.value("allOf"_L1));
    readDiscriminator(schema, node);
}

void SchemaCompiler::readObjectKeywords(const QString &pointer, const QJsonObject &schema, SchemaNode &node)
{
    const QJsonObject properties = schema.value("properties"_L1).toObject();
    for (auto it = properties.constBegin(); it != properties.constEnd(); ++it) {
        node.properties.insert(
            it.key(),
            compileSchema(pointer + u"/properties/"_s + escapePointerSegment(it.key()), it.value()));
    }
    const QJsonArray required = schema.value("required"_L1).toArray();
    for (const QJsonValue name : required)
        node.required.append(name.toString());

    // Absent means allowed (the spec's own default); `false` forbids unknown members; a schema checks them.
    const QJsonValue additional = schema.value("additionalProperties"_L1);
    if (additional.isBool() && !additional.toBool()) {
        node.additional = SchemaNode::Additional::Forbidden;
    } else if (additional.isObject()) {
        node.additional = SchemaNode::Additional::Schema;
        node.additionalSchema = compileSchema(pointer + u"/additionalProperties"_s, additional);
    }
}

QList<int> SchemaCompiler::compileList(const QString &pointer, const QJsonValue &list)
{
    QList<int> nodes;
    const QJsonArray array = list.toArray();
    for (qsizetype i = 0; i < array.size(); ++i)
        nodes.append(compileSchema(pointer + u'/' + QString::number(i), array.at(i)));
    return nodes;
}

void SchemaCompiler::readDiscriminator(const QJsonObject &schema, SchemaNode &node)
{
    const QJsonObject discriminator = schema.value("discriminator"_L1).toObject();
    node.discriminatorProperty = discriminator.value("propertyName"_L1).toString();
    if (node.discriminatorProperty.isEmpty())
        return;
    const QJsonObject mapping = discriminator.value("mapping"_L1).toObject();
    for (auto it = mapping.constBegin(); it != mapping.constEnd(); ++it)
        node.discriminatorMapping.insert(it.key(), compileRef(it.value().toString()));
    if (!mapping.isEmpty())
        return;
    // Without a mapping, OpenAPI maps the value to the component name of each alternative.
    const QString prefix = u"#/components/schemas/"_s;
    for (const QList<int> *alternatives : {&node.oneOf, &node.anyOf}) {
        for (const int alternative : *alternatives) {
            const SchemaNode &candidate = m_out.nodes[size_t(alternative)];
            const int target = candidate.refTarget >= 0 ? candidate.refTarget : alternative;
            const QString &targetPointer = m_out.nodes[size_t(target)].pointer;
            if (targetPointer.startsWith(prefix))
                node.discriminatorMapping.insert(targetPointer.sliced(prefix.size()), target);
        }
    }
}

void SchemaCompiler::warnOnce(const QString &keyword, const QString &pointer)
{
    if (m_warned.contains(keyword))
        return;
    m_warned.insert(keyword);
    qCWarning(lcTestSupport).noquote()
        << "OpenAPI validator does not check" << keyword << "(first seen at" << pointer + u")";
}

} // namespace ascsync::testsupport
