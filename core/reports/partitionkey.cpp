#include "reports/partitionkey.h"

#include "reports/columnnames.h"
#include "reports/tablenames.h"

using namespace Qt::StringLiterals;

namespace ascsync::reports {

namespace {

qsizetype findHeader(const QStringList &header, QStringView name)
{
    for (qsizetype i = 0; i < header.size(); ++i) {
        if (header.at(i).compare(name, Qt::CaseInsensitive) == 0) {
            return i;
        }
    }
    return -1;
}

} // namespace

PartitionKey analyticsPartitionKey(QStringView reportName, const QStringList &header)
{
    PartitionKey key;
    key.table = analyticsTableName(reportName);
    key.fileColumns = QStringList{metadata::AppId, metadata::Granularity};
    qsizetype index = findHeader(header, u"Date");
    if (index < 0) {
        index = findHeader(header, u"Event Date");
    }
    if (index < 0) {
        key.fileColumns.append(metadata::ProcessingDate);
        return key;
    }
    key.dateIndex = index;
    key.dateColumn = columnNames(header).at(index);
    return key;
}

PartitionKey salesPartitionKey(QStringView reportType, QStringView reportSubType)
{
    return PartitionKey{salesTableName(reportType, reportSubType),
                        {metadata::Frequency, metadata::ReportDate, metadata::VendorNumber},
                        QString(),
                        -1};
}

PartitionKey financePartitionKey(QStringView reportType)
{
    return PartitionKey{financeTableName(reportType),
                        {metadata::RegionCode, metadata::FiscalMonth, metadata::VendorNumber},
                        QString(),
                        -1};
}

} // namespace ascsync::reports
