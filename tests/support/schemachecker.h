#pragma once

#include "compiledspec.h"
#include "jsonpath.h"

#include <QJsonValue>
#include <QStringList>

namespace ascsync::testsupport {

// Validates one JSON value against one compiled schema node and reports every violation as
// "<JSON path>: <what is wrong>". Stateless apart from the spec it reads, so one instance per call is cheap.
class SchemaChecker {
public:
    explicit SchemaChecker(const CompiledSpec &spec);

    QStringList check(const QJsonValue &value, int schema) const;

private:
    // Schema steps taken without descending into the data ($ref, allOf, oneOf, anyOf) since `start`, the
    // schema applied to the current value first. Only a schema that refers to itself that way can exceed the
    // limit, and it is reported instead of recursing forever.
    struct Chain {
        int start = -1;
        int hops = 0;
        Chain next() const { return {start, hops + 1}; }
    };
    void checkNode(const QJsonValue &value, int schema, JsonPath &path, QStringList &errors,
                   Chain chain) const;
    void checkObject(const QJsonObject &object, const SchemaNode &node, JsonPath &path,
                     QStringList &errors) const;
    void checkArray(const QJsonArray &array, const SchemaNode &node, JsonPath &path,
                    QStringList &errors) const;
    void checkString(const QString &text, const SchemaNode &node, const JsonPath &path,
                     QStringList &errors) const;
    void checkNumber(double number, const SchemaNode &node, const JsonPath &path, QStringList &errors) const;
    void checkOneOf(const QJsonValue &value, const SchemaNode &node, JsonPath &path, QStringList &errors,
                    Chain chain) const;
    void checkAnyOf(const QJsonValue &value, const SchemaNode &node, JsonPath &path, QStringList &errors,
                    Chain chain) const;
    // The alternative a failing value was most likely meant to be: right JSON type first, then matching
    // single-value enums (the JSON:API `type` member), then fewest members it does not declare, then fewest
    // errors; ties go to the first alternative.
    qsizetype closestAlternative(const QJsonValue &value, const QList<int> &alternatives,
                                 const QList<QStringList> &results) const;
    const SchemaNode &resolved(int schema) const;
    QString describe(int schema) const;

    const CompiledSpec &m_spec;
};

} // namespace ascsync::testsupport
