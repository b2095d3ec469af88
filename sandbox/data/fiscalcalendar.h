#pragma once

#include <QDate>

#include <optional>

namespace ascsync::sandbox {

// Apple's fiscal calendar as financial reports use it (API-NOTES §7.4): weeks run Sunday-Saturday, fiscal
// year N starts on the Sunday after the last Saturday of September of year N-1, each quarter has 5-4-4 weeks,
// and a 53-week year gives its extra week to the first month (October). A fiscal month is named by the
// calendar month it mostly covers: "2023-10" is FY2024's first month, 2023-10-01 ... 2023-11-04.
class FiscalCalendar {
public:
    struct Month {
        int year = 0;  // the calendar year in the name ("2023-10" -> 2023)
        int month = 0; // 1..12
        QDate start;   // a Sunday
        QDate end;     // a Saturday
    };

    static QDate fiscalYearStart(int fiscalYear);
    static int weeksInFiscalYear(int fiscalYear);
    static Month month(int year, int month);
    static Month monthContaining(QDate date);
    // Parses "YYYY-MM" (API filter[reportDate]); nullopt when malformed.
    static std::optional<Month> parse(const QString &text);
    // Financial reports for a fiscal month are out by the first Friday after it ends.
    static QDate reportReleaseDate(const Month &fiscalMonth);
};

} // namespace ascsync::sandbox
