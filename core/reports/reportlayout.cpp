#include "reportlayout.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ascsync::reports {

namespace {

constexpr qsizetype kMinHeaderTabs = 5;

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool allDigits(QByteArrayView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), isDigit);
}

bool isIsoDate(QByteArrayView field)
{
    return field.size() == 10 && field[4] == '-' && field[7] == '-' && allDigits(field.first(4)) &&
           allDigits(field.sliced(5, 2)) && allDigits(field.sliced(8, 2));
}

bool isUsDate(QByteArrayView field)
{
    const qsizetype firstSlash = field.indexOf('/');
    const qsizetype lastSlash = field.lastIndexOf('/');
    const qsizetype dayLength = lastSlash - firstSlash - 1;
    if (firstSlash < 1 || firstSlash > 2 || dayLength < 1 || dayLength > 2) {
        return false;
    }
    return allDigits(field.first(firstSlash)) && allDigits(field.sliced(firstSlash + 1, dayLength)) &&
           field.size() - lastSlash - 1 == 4 && allDigits(field.sliced(lastSlash + 1));
}

} // namespace

ReportLayout layoutForReportType(QStringView reportType)
{
    if (reportType.compare(u"FINANCIAL"_s, Qt::CaseInsensitive) == 0 ||
        reportType.compare(u"FINANCE_DETAIL"_s, Qt::CaseInsensitive) == 0) {
        return ReportLayout::Finance;
    }
    return ReportLayout::Plain;
}

bool isFinanceHeaderLine(QByteArrayView line)
{
    return (line.contains("Transaction Date") || line.contains("Start Date")) &&
           line.count('\t') >= kMinHeaderTabs;
}

bool startsWithDate(QByteArrayView line)
{
    const qsizetype tab = line.indexOf('\t');
    const QByteArrayView field = (tab < 0 ? line : line.first(tab)).trimmed();
    return isIsoDate(field) || isUsDate(field);
}

} // namespace ascsync::reports
