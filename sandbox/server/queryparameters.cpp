#include "queryparameters.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

QueryParameters::QueryParameters(const QUrlQuery &query)
    : m_items(query.queryItems(QUrl::FullyDecoded))
{}

void QueryParameters::fail(ApiError error)
{
    if (!m_error)
        m_error = std::move(error);
}

void QueryParameters::invalid(const QString &name, const QString &detail)
{
    fail(ApiError::parameterInvalid(name, detail));
}

void QueryParameters::allowOnly(const QStringList &names)
{
    for (const auto &[name, value] : std::as_const(m_items)) {
        if (!names.contains(name)) {
            fail(ApiError::parameterNotAllowed(name));
            return;
        }
    }
}

bool QueryParameters::has(const QString &name) const
{
    return std::any_of(m_items.begin(), m_items.end(), [&](const auto &item) { return item.first == name; });
}

QString QueryParameters::value(const QString &name) const
{
    for (const auto &[key, value] : m_items) {
        if (key == name)
            return value;
    }
    return {};
}

QStringList QueryParameters::list(const QString &name, const QStringList &allowedValues)
{
    if (m_error || !has(name))
        return {};
    const QStringList values = value(name).split(u',');
    for (const QString &item : values) {
        if (item.isEmpty() || (!allowedValues.isEmpty() && !allowedValues.contains(item))) {
            fail(ApiError::parameterInvalid(
                name, allowedValues.isEmpty()
                          ? u"An empty value is not valid for the parameter '%1'."_s.arg(name)
                          : u"'%1' is not a valid value for the parameter '%2'. Allowed values: %3."_s.arg(
                                item, name, allowedValues.join(u", "_s))));
            return {};
        }
    }
    return values;
}

FieldSet QueryParameters::fieldSet(const QString &name, const QStringList &allowedValues)
{
    if (!has(name))
        return std::nullopt;
    const QStringList values = list(name, allowedValues);
    return QSet<QString>(values.begin(), values.end());
}

int QueryParameters::integer(const QString &name, int minimum, int maximum, int fallback)
{
    if (m_error || !has(name))
        return fallback;
    bool ok = false;
    const int parsed = value(name).toInt(&ok);
    if (!ok || parsed < minimum || parsed > maximum) {
        fail(ApiError::parameterInvalid(name, u"'%1' is not a valid value for the parameter '%2'. "
                                              "It must be an integer from %3 to %4."_s.arg(value(name), name)
                                                  .arg(minimum)
                                                  .arg(maximum)));
        return fallback;
    }
    return parsed;
}

} // namespace ascsync::sandbox
