#pragma once

#include <QStringList>

namespace ascsync::sandbox {

// The header line of each Sales and Trends report type (API-NOTES §6.3). Lists the notes do not give in full
// are plausible guesses, marked UNVERIFIED where they are defined.
class SalesColumns {
public:
    static QStringList of(const QString &reportType, const QString &reportSubType);
};

} // namespace ascsync::sandbox
