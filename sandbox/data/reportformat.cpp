#include "reportformat.h"

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

QString ReportFormat::cents(qint64 cents)
{
    const qint64 magnitude = cents < 0 ? -cents : cents;
    return (cents < 0 ? u"-"_s : QString()) + QString::number(magnitude / 100) + u'.' +
           QString::number(magnitude % 100).rightJustified(2, u'0');
}

} // namespace ascsync::sandbox
