#pragma once

#include <QByteArrayView>
#include <QString>
#include <QStringList>

namespace ascsync::reports {

// Where the table sits inside a report file.
enum class ReportLayout {
    // Analytics segments and sales reports: the first non-blank line is the header, every other line a row.
    Plain,
    // FINANCIAL and FINANCE_DETAIL files (API-NOTES §7.3): the header is the first line that names
    // `Start Date` or `Transaction Date` and has at least 5 TABs; lines before it are a preamble
    // (`Vendor Name`, `Start Date`, `End Date` ...). After it, a row whose first field is a date is data and
    // any other line (`Total_Rows`, `Total_Amount`, country summaries ...) belongs to the trailer.
    Finance,
};

// The layout of a finance report type (`FINANCIAL`, `FINANCE_DETAIL`); Plain for anything else.
ReportLayout layoutForReportType(QStringView reportType);

// True for the header line of a finance file (see ReportLayout::Finance).
bool isFinanceHeaderLine(QByteArrayView line);

// True when the line's first field is a date as Apple writes it: MM/DD/YYYY (also M/D/YYYY) or YYYY-MM-DD.
bool startsWithDate(QByteArrayView line);

// Lines of a finance file that are not table rows. They are counted and kept as text (tabs included) so a
// caller can report them; at most `MaxKeptLines` of each are kept so memory stays bounded.
struct SkippedLines {
    static constexpr qsizetype MaxKeptLines = 1000;
    // Longer kept lines are cut (with "…"): real preamble and trailer lines are under 200 bytes.
    static constexpr qsizetype MaxKeptLineBytes = 1024;

    qint64 preambleCount = 0;
    qint64 trailerCount = 0;
    QStringList preamble;
    QStringList trailer;
};

} // namespace ascsync::reports
