#include "schemachecker.h"

#include "formatchecks.h"

#include <QJsonArray>
#include <QJsonObject>

#include <climits>
#include <cmath>
#include <compare>
#include <limits>

using namespace Qt::StringLiterals;

namespace ascsync::testsupport {

namespace {

// Far above any honest chain of $ref/allOf/oneOf in Apple's document (the deepest is 3).
constexpr int MaxSchemaHops = 64;
// Enum lists longer than this (territories, locales) are cut in messages.
constexpr qsizetype MaxEnumValuesShown = 25;
constexpr qsizetype MaxStringShown = 80;

bool isIntegral(double number)
{
    return std::isfinite(number) && std::trunc(number) == number;
}

bool typeMatches(const QJsonValue &value, quint8 types)
{
    switch (value.type()) {
    case QJsonValue::Object:
        return types & SchemaNode::Object;
    case QJsonValue::Array:
        return types & SchemaNode::Array;
    case QJsonValue::String:
        return types & SchemaNode::String;
    case QJsonValue::Bool:
        return types & SchemaNode::Boolean;
    case QJsonValue::Double:
        return (types & SchemaNode::Number) ||
               ((types & SchemaNode::Integer) && isIntegral(value.toDouble()));
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return false;
    }
    return false;
}

QString typeNames(quint8 types)
{
    static const std::pair<quint8, QLatin1StringView> names[] = {
        {SchemaNode::Object, "object"_L1}, {SchemaNode::Array, "array"_L1},
        {SchemaNode::String, "string"_L1}, {SchemaNode::Integer, "integer"_L1},
        {SchemaNode::Number, "number"_L1}, {SchemaNode::Boolean, "boolean"_L1},
    };
    QStringList parts;
    for (const auto &[flag, name] : names) {
        if (types & flag)
            parts.append(name);
    }
    return parts.join(" or "_L1);
}

QString renderNumber(double number)
{
    if (isIntegral(number) && std::abs(number) < 1e15)
        return QString::number(qint64(number));
    return QString::number(number, 'g', 17);
}

QString renderString(const QString &text)
{
    QString shown = text.size() > MaxStringShown ? text.first(MaxStringShown) + "..."_L1 : text;
    return u'"' + shown.replace(u'"', "\\\""_L1) + u'"';
}

// A value as it appears in messages: strings quoted, containers by kind only.
QString renderValue(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return renderString(value.toString());
    case QJsonValue::Double:
        return renderNumber(value.toDouble());
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Object:
        return u"an object"_s;
    case QJsonValue::Array:
        return u"an array of "_s + QString::number(value.toArray().size());
    case QJsonValue::Undefined:
        break;
    }
    return u"nothing"_s;
}

// "got string \"404\"", "got object": the kind of the value and, for scalars, the value itself.
QString renderKindAndValue(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return u"string "_s + renderString(value.toString());
    case QJsonValue::Double:
        return u"number "_s + renderNumber(value.toDouble());
    case QJsonValue::Bool:
        return u"boolean "_s + renderValue(value);
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Object:
        return u"object"_s;
    case QJsonValue::Array:
        return u"array"_s;
    case QJsonValue::Undefined:
        break;
    }
    return u"nothing"_s;
}

// Enum members unquoted when they are strings, as Apple's documentation lists them: [ONE_TIME_SNAPSHOT,
// ONGOING].
QString renderEnum(const QJsonArray &values)
{
    QStringList shown;
    for (qsizetype i = 0; i < values.size() && i < MaxEnumValuesShown; ++i) {
        const QJsonValue member = values.at(i);
        shown.append(member.isString() ? member.toString() : renderValue(member));
    }
    QString text = u'[' + shown.join(", "_L1);
    if (values.size() > MaxEnumValuesShown)
        text += u", ... ("_s + QString::number(values.size() - MaxEnumValuesShown) + u" more)"_s;
    return text + u']';
}

void report(QStringList &errors, const JsonPath &path, const QString &message)
{
    errors.append(path.toString() + ": "_L1 + message);
}

bool formatMatches(SchemaNode::Format format, const QString &text)
{
    switch (format) {
    case SchemaNode::Format::None:
        return true;
    case SchemaNode::Format::Date:
        return formats::isDate(text);
    case SchemaNode::Format::DateTime:
        return formats::isDateTime(text);
    case SchemaNode::Format::Uri:
        return formats::isUri(text);
    case SchemaNode::Format::UriReference:
        return formats::isUriReference(text);
    case SchemaNode::Format::Email:
        return formats::isEmail(text);
    }
    return true;
}

QString formatDescription(SchemaNode::Format format)
{
    switch (format) {
    case SchemaNode::Format::Date:
        return u"date (YYYY-MM-DD)"_s;
    case SchemaNode::Format::DateTime:
        return u"date-time (RFC 3339, e.g. 2024-01-05T10:20:30Z)"_s;
    case SchemaNode::Format::Uri:
        return u"uri"_s;
    case SchemaNode::Format::UriReference:
        return u"uri-reference"_s;
    case SchemaNode::Format::Email:
        return u"email"_s;
    case SchemaNode::Format::None:
        break;
    }
    return {};
}

} // namespace

SchemaChecker::SchemaChecker(const CompiledSpec &spec)
    : m_spec(spec)
{}

QStringList SchemaChecker::check(const QJsonValue &value, int schema) const
{
    JsonPath path;
    QStringList errors;
    checkNode(value, schema, path, errors, {schema, 0});
    return errors;
}

void SchemaChecker::checkNode(const QJsonValue &value, int schema, JsonPath &path, QStringList &errors,
                              Chain chain) const
{
    const SchemaNode &node = m_spec.nodes[size_t(schema)];
    if (chain.hops > MaxSchemaHops) {
        report(errors, path,
               u"schema cycle: "_s + m_spec.nodes[size_t(chain.start)].pointer +
                   u" refers back to itself without reaching data"_s);
        return;
    }
    if (value.isNull() && node.nullable)
        return;
    if (!node.unresolvedRef.isEmpty()) {
        report(errors, path, u"unknown $ref "_s + node.unresolvedRef);
        return;
    }
    if (node.refTarget >= 0) {
        checkNode(value, node.refTarget, path, errors, chain.next());
        return;
    }
    if (node.types != SchemaNode::AnyType && !typeMatches(value, node.types)) {
        report(errors, path,
               u"expected "_s + typeNames(node.types) + u", got "_s + renderKindAndValue(value));
        return;
    }
    if (node.hasEnum && !node.enumValues.contains(value))
        report(errors, path, renderValue(value) + u" not in enum "_s + renderEnum(node.enumValues));
    if (node.constValue && *node.constValue != value)
        report(errors, path, renderValue(value) + u" is not the constant "_s + renderValue(*node.constValue));

    switch (value.type()) {
    case QJsonValue::Object:
        checkObject(value.toObject(), node, path, errors);
        break;
    case QJsonValue::Array:
        checkArray(value.toArray(), node, path, errors);
        break;
    case QJsonValue::String:
        checkString(value.toString(), node, path, errors);
        break;
    case QJsonValue::Double:
        checkNumber(value.toDouble(), node, path, errors);
        break;
    case QJsonValue::Bool:
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }

    for (const int part : node.allOf)
        checkNode(value, part, path, errors, chain.next());
    if (!node.oneOf.isEmpty())
        checkOneOf(value, node, path, errors, chain);
    if (!node.anyOf.isEmpty())
        checkAnyOf(value, node, path, errors, chain);
}

void SchemaChecker::checkObject(const QJsonObject &object, const SchemaNode &node, JsonPath &path,
                                QStringList &errors) const
{
    for (const QString &name : node.required) {
        if (!object.contains(name))
            report(errors, path, u"missing required member \""_s + name + u'"');
    }
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const QString key = it.key();
        const auto property = node.properties.constFind(key);
        int schema = -1;
        if (property != node.properties.cend())
            schema = property.value();
        else if (node.additional == SchemaNode::Additional::Schema)
            schema = node.additionalSchema;

        path.pushKey(key);
        if (schema >= 0)
            checkNode(it.value(), schema, path, errors, {schema, 0});
        else if (node.additional == SchemaNode::Additional::Forbidden)
            report(errors, path, u"member not allowed (the schema declares additionalProperties: false)"_s);
        path.pop();
    }
}

void SchemaChecker::checkArray(const QJsonArray &array, const SchemaNode &node, JsonPath &path,
                               QStringList &errors) const
{
    if (node.minItems && array.size() < *node.minItems) {
        report(errors, path,
               QString::number(array.size()) + u" items, fewer than minItems "_s +
                   QString::number(*node.minItems));
    }
    if (node.maxItems && array.size() > *node.maxItems) {
        report(errors, path,
               QString::number(array.size()) + u" items, more than maxItems "_s +
                   QString::number(*node.maxItems));
    }
    if (node.items < 0)
        return;
    for (qsizetype i = 0; i < array.size(); ++i) {
        path.pushIndex(i);
        checkNode(array.at(i), node.items, path, errors, {node.items, 0});
        path.pop();
    }
}

void SchemaChecker::checkString(const QString &text, const SchemaNode &node, const JsonPath &path,
                                QStringList &errors) const
{
    if (!formatMatches(node.format, text))
        report(errors, path, renderString(text) + u" is not a valid "_s + formatDescription(node.format));
}

void SchemaChecker::checkNumber(double number, const SchemaNode &node, const JsonPath &path,
                                QStringList &errors) const
{
    if (node.minimum) {
        if (node.exclusiveMinimum && number <= *node.minimum)
            report(errors, path,
                   renderNumber(number) + u" is not above exclusive minimum "_s +
                       renderNumber(*node.minimum));
        else if (number < *node.minimum)
            report(errors, path,
                   renderNumber(number) + u" is below minimum "_s + renderNumber(*node.minimum));
    }
    if (node.maximum) {
        if (node.exclusiveMaximum && number >= *node.maximum)
            report(errors, path,
                   renderNumber(number) + u" is not below exclusive maximum "_s +
                       renderNumber(*node.maximum));
        else if (number > *node.maximum)
            report(errors, path,
                   renderNumber(number) + u" is above maximum "_s + renderNumber(*node.maximum));
    }
}

void SchemaChecker::checkOneOf(const QJsonValue &value, const SchemaNode &node, JsonPath &path,
                               QStringList &errors, Chain chain) const
{
    // JSON:API `included` arrays: Apple names the member that picks the alternative, so the value's own
    // `type` decides and the errors are those of the one schema it claims to be.
    if (!node.discriminatorProperty.isEmpty() && value.isObject()) {
        const QJsonValue tag = value.toObject().value(node.discriminatorProperty);
        if (!tag.isUndefined()) {
            const int target = tag.isString() ? node.discriminatorMapping.value(tag.toString(), -1) : -1;
            if (target >= 0) {
                checkNode(value, target, path, errors, chain.next());
                return;
            }
            QStringList accepted = node.discriminatorMapping.keys();
            accepted.sort();
            path.pushKey(node.discriminatorProperty);
            report(errors, path,
                   renderValue(tag) + u" is not one of the types this oneOf accepts ["_s +
                       accepted.join(", "_L1) + u']');
            path.pop();
            return;
        }
    }

    QList<QStringList> results;
    QStringList matching;
    for (const int alternative : node.oneOf) {
        QStringList alternativeErrors;
        checkNode(value, alternative, path, alternativeErrors, chain.next());
        if (alternativeErrors.isEmpty())
            matching.append(describe(alternative));
        results.append(std::move(alternativeErrors));
    }
    if (matching.size() == 1)
        return;
    if (matching.size() > 1) {
        report(errors, path,
               u"matches "_s + QString::number(matching.size()) + u" oneOf alternatives ("_s +
                   matching.join(", "_L1) + u") but must match exactly one"_s);
        return;
    }
    const qsizetype closest = closestAlternative(value, node.oneOf, results);
    report(errors, path,
           u"matches no oneOf alternative; closest is "_s + describe(node.oneOf.at(closest)) + u':');
    errors += results.at(closest);
}

void SchemaChecker::checkAnyOf(const QJsonValue &value, const SchemaNode &node, JsonPath &path,
                               QStringList &errors, Chain chain) const
{
    QList<QStringList> results;
    for (const int alternative : node.anyOf) {
        QStringList alternativeErrors;
        checkNode(value, alternative, path, alternativeErrors, chain.next());
        if (alternativeErrors.isEmpty())
            return;
        results.append(std::move(alternativeErrors));
    }
    const qsizetype closest = closestAlternative(value, node.anyOf, results);
    report(errors, path,
           u"matches no anyOf alternative; closest is "_s + describe(node.anyOf.at(closest)) + u':');
    errors += results.at(closest);
}

qsizetype SchemaChecker::closestAlternative(const QJsonValue &value, const QList<int> &alternatives,
                                            const QList<QStringList> &results) const
{
    struct Score {
        bool wrongType;
        int tagMismatches;
        qsizetype undeclaredMembers;
        qsizetype errorCount;
        auto operator<=>(const Score &) const = default;
    };
    constexpr qsizetype Worst = std::numeric_limits<qsizetype>::max();
    qsizetype best = 0;
    Score bestScore{true, INT_MAX, Worst, Worst};
    for (qsizetype i = 0; i < alternatives.size(); ++i) {
        const SchemaNode &candidate = resolved(alternatives.at(i));
        Score score{candidate.types != SchemaNode::AnyType && !typeMatches(value, candidate.types), 0, 0,
                    results.at(i).size()};
        if (value.isObject()) {
            const QJsonObject object = value.toObject();
            // Members the value uses but the candidate does not know hint that it was meant to be another one
            // ({"parameter": 7} is a broken ErrorSourceParameter, not an ErrorSourcePointer).
            if (!candidate.properties.isEmpty()) {
                for (auto it = object.constBegin(); it != object.constEnd(); ++it)
                    score.undeclaredMembers += candidate.properties.contains(it.key()) ? 0 : 1;
            }
            for (auto it = candidate.properties.cbegin(); it != candidate.properties.cend(); ++it) {
                const SchemaNode &property = resolved(it.value());
                const QJsonValue member = object.value(it.key());
                if (member.isUndefined())
                    continue;
                if ((property.hasEnum && property.enumValues.size() == 1 &&
                     property.enumValues.at(0) != member) ||
                    (property.constValue && *property.constValue != member)) {
                    ++score.tagMismatches;
                }
            }
        }
        if (score < bestScore) {
            bestScore = score;
            best = i;
        }
    }
    return best;
}

const SchemaNode &SchemaChecker::resolved(int schema) const
{
    const SchemaNode *node = &m_spec.nodes[size_t(schema)];
    for (int hops = 0; node->refTarget >= 0 && hops < MaxSchemaHops; ++hops)
        node = &m_spec.nodes[size_t(node->refTarget)];
    return *node;
}

QString SchemaChecker::describe(int schema) const
{
    const QString &pointer = resolved(schema).pointer;
    static const QLatin1StringView componentPrefix = "#/components/schemas/"_L1;
    if (pointer.startsWith(componentPrefix) && pointer.indexOf(u'/', componentPrefix.size()) < 0)
        return pointer.sliced(componentPrefix.size());
    return pointer;
}

} // namespace ascsync::testsupport
