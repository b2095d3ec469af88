#pragma once

#include "apierror.h"

#include <QSet>
#include <QStringList>
#include <QUrlQuery>

#include <optional>

namespace ascsync::sandbox {

// A sparse fieldset (`fields[type]=a,b`): nullopt keeps every attribute and relationship.
using FieldSet = std::optional<QSet<QString>>;

// Reads a request's query the way App Store Connect validates it: unknown parameters are refused, array
// parameters are comma-separated (`style: form, explode: false`), enum values are checked. The first
// problem is kept in error(); later reads after an error return empty values.
class QueryParameters {
public:
    explicit QueryParameters(const QUrlQuery &query);

    // Every parameter must be one of `names` (400 PARAMETER_ERROR.ILLEGAL otherwise).
    void allowOnly(const QStringList &names);

    bool has(const QString &name) const;
    QString value(const QString &name) const;
    // Comma-separated values; each must be in `allowedValues` when that is not empty.
    QStringList list(const QString &name, const QStringList &allowedValues = {});
    // `fields[type]` with each value in `allowedValues`; nullopt when the parameter is absent.
    FieldSet fieldSet(const QString &name, const QStringList &allowedValues);
    // An integer in [minimum, maximum], or `fallback` when absent.
    int integer(const QString &name, int minimum, int maximum, int fallback);

    // Records that `name` holds an invalid value (400 PARAMETER_ERROR.INVALID) unless an error came first.
    void invalid(const QString &name, const QString &detail);

    const std::optional<ApiError> &error() const { return m_error; }

private:
    void fail(ApiError error);

    QList<QPair<QString, QString>> m_items;
    std::optional<ApiError> m_error;
};

} // namespace ascsync::sandbox
