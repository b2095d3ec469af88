#include "column.h"

using namespace Qt::StringLiterals;

namespace ascsync::storage {

QString columnTypeName(ColumnType type)
{
    switch (type) {
    case ColumnType::Text:
        return u"text"_s;
    case ColumnType::Date:
        return u"date"_s;
    case ColumnType::Decimal:
        return u"decimal"_s;
    case ColumnType::Integer:
        return u"integer"_s;
    }
    return u"text"_s;
}

QString migrationPolicyName(MigrationPolicy policy)
{
    switch (policy) {
    case MigrationPolicy::Evolve:
        return u"evolve"_s;
    case MigrationPolicy::Ignore:
        return u"ignore"_s;
    case MigrationPolicy::Fail:
        return u"fail"_s;
    }
    return u"evolve"_s;
}

std::optional<MigrationPolicy> parseMigrationPolicy(QStringView name)
{
    const QStringView trimmed = name.trimmed();
    for (const auto policy : {MigrationPolicy::Evolve, MigrationPolicy::Ignore, MigrationPolicy::Fail}) {
        if (trimmed.compare(migrationPolicyName(policy), Qt::CaseInsensitive) == 0)
            return policy;
    }
    return std::nullopt;
}

bool columnHolds(ColumnType columnType, ColumnType valueType)
{
    if (columnType == valueType || columnType == ColumnType::Text)
        return true;
    return columnType == ColumnType::Decimal && valueType == ColumnType::Integer;
}

ColumnType widerType(ColumnType a, ColumnType b)
{
    if (columnHolds(a, b))
        return a;
    if (columnHolds(b, a))
        return b;
    // Dates and numbers have no common type but text, which keeps every value as it was written.
    return ColumnType::Text;
}

} // namespace ascsync::storage
