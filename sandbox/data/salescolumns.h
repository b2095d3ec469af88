#pragma once

#include <QStringList>

namespace ascsync::sandbox {

// The header line of each Sales and Trends report type (API-NOTES §6.3). Lists the notes do not give in full
// are plausible guesses, marked UNVERIFIED where they are defined.
class SalesColumns {
public:
    // The current layout: the columns the generator fills, in order.
    static QStringList of(const QString &reportType, const QString &reportSubType);

    // The layout of one file, which depends on the report's version and, for SALES, on its period:
    // - SALES periods that begin before `legacySalesBefore`: the older 22 columns (up to `CMB`), as in real
    //   files from before about 2016 (issue 15).
    // - SUBSCRIPTION, SUBSCRIPTION_EVENT, SUBSCRIBER version 1_2 (retired by Apple on 2023-03-01): no offer
    //   code, win-back or recovered-days columns, and `Promotional Offer Name` early in the row where 1_3
    //   has `Subscription Offer Name` (issue 15; the exact 1_2 order is UNVERIFIED).
    static QStringList layout(const QString &reportType, const QString &reportSubType, const QString &version,
                              bool legacySales);

    // The current column a layout's column takes its values from (an older name of a renamed column maps to
    // the current name; other names map to themselves).
    static QString currentName(const QString &column);
};

} // namespace ascsync::sandbox
