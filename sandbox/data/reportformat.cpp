#include "data/reportformat.h"

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

QString ReportFormat::usDate(QDate date)
{
    return date.toString(u"MM/dd/yyyy"_s);
}

QString ReportFormat::money(double value)
{
    return QString::number(value, 'f', 2);
}

} // namespace ascsync::sandbox
