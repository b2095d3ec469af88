#include "partitionkey.h"

#include "tablenames.h"

using namespace Qt::StringLiterals;

namespace ascsync::reports {

PartitionKey salesPartitionKey(QStringView reportType, QStringView reportSubType)
{
    return PartitionKey{salesTableName(reportType, reportSubType),
                        {metadata::Frequency, metadata::ReportDate, metadata::VendorNumber}};
}

PartitionKey financePartitionKey(QStringView reportType)
{
    return PartitionKey{financeTableName(reportType),
                        {metadata::RegionCode, metadata::FiscalMonth, metadata::VendorNumber}};
}

} // namespace ascsync::reports
