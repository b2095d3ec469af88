#pragma once

#include "core/common/columntype.h"

#include <QList>
#include <QString>

#include <optional>

namespace ascsync::storage {

using ascsync::ColumnType; // one enum for files and tables (common/columntype.h)

struct Column {
    QString name;
    ColumnType type = ColumnType::Text;

    friend bool operator==(const Column &, const Column &) = default;
};

// What prepareTable does when a file brings a column the table lacks, or values the table's column type
// cannot hold: add or widen the column (Evolve), leave the column out of the load and report it (Ignore), or
// change nothing and fail naming the column (Fail).
enum class MigrationPolicy { Evolve, Ignore, Fail };

// Lower-case names for messages and settings: "text", "date", "decimal", "integer".
QString columnTypeName(ColumnType type);
// "evolve", "ignore", "fail" -- the words the settings file and the command line use.
QString migrationPolicyName(MigrationPolicy policy);
std::optional<MigrationPolicy> parseMigrationPolicy(QStringView name);

// True when every value of `valueType` can be stored in a column of `columnType` without loss:
// text holds everything, decimal holds integers, and every type holds itself.
bool columnHolds(ColumnType columnType, ColumnType valueType);
// The narrowest type that holds the values of both: the result of widening a column.
ColumnType widerType(ColumnType a, ColumnType b);

} // namespace ascsync::storage
