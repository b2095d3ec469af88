#include "metricsinput.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace ascsync::metrics {

bool isAppId(const QString &appId)
{
    static const QRegularExpression digits(u"^[0-9]{1,20}$"_s);
    return digits.match(appId).hasMatch();
}

Status requireTables(storage::Destination &destination, const QStringList &tables, const Error &missing)
{
    for (const QString &table : tables) {
        const auto columns = destination.tableColumns(table);
        if (!columns)
            return columns.error();
        if (!columns->has_value())
            return missing;
    }
    return {};
}

} // namespace ascsync::metrics
