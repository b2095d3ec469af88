#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace ascsync::testsupport {

// One schema object of the OpenAPI document, compiled once so that validating thousands of documents never
// walks the spec's JSON again. Child schemas are indices into CompiledSpec::nodes, which is what lets `$ref`
// cycles (ResponseError.meta.associatedErrors -> ResponseError) exist without owning loops.
struct SchemaNode {
    enum TypeFlag : quint8 {
        AnyType = 0,
        Object = 1 << 0,
        Array = 1 << 1,
        String = 1 << 2,
        Integer = 1 << 3,
        Number = 1 << 4,
        Boolean = 1 << 5,
    };
    enum class Format : quint8 { None, Date, DateTime, Uri, UriReference, Email };
    enum class Additional : quint8 { Allowed, Forbidden, Schema };

    // JSON pointer of this schema in the spec ("#/components/schemas/App"), used in messages.
    QString pointer;

    // A `$ref` node only forwards to refTarget (plus an OpenAPI `nullable` sibling, which Apple writes next
    // to `$ref` and clearly means). A ref that points nowhere keeps its text in unresolvedRef and always
    // fails.
    int refTarget = -1;
    QString unresolvedRef;

    quint8 types = AnyType;
    bool nullable = false;
    Format format = Format::None;

    QHash<QString, int> properties;
    QStringList required;
    Additional additional = Additional::Allowed;
    int additionalSchema = -1;
    int items = -1;

    QList<int> oneOf;
    QList<int> anyOf;
    QList<int> allOf;
    QString discriminatorProperty;
    QHash<QString, int> discriminatorMapping;

    bool hasEnum = false;
    QJsonArray enumValues;
    std::optional<QJsonValue> constValue;

    std::optional<double> minimum;
    std::optional<double> maximum;
    bool exclusiveMinimum = false;
    bool exclusiveMaximum = false;
    std::optional<qsizetype> minItems;
    std::optional<qsizetype> maxItems;
};

} // namespace ascsync::testsupport
