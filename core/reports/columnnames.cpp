#include "columnnames.h"

#include "identifierrules.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace ascsync::reports {

QString columnName(QStringView header)
{
    return safeIdentifier(snakeCase(header, CamelCase::Split), header, "col_"_L1);
}

QStringList columnNames(const QStringList &headers)
{
    QStringList names;
    names.reserve(headers.size());
    for (const QString &header : headers) {
        names.append(columnName(header));
    }
    // Pass 1: the first header to produce a name owns it. Pass 2: later duplicates take the first free
    // suffix.
    QSet<QString> taken;
    QList<bool> duplicate(names.size(), false);
    for (qsizetype i = 0; i < names.size(); ++i) {
        duplicate[i] = taken.contains(names.at(i));
        taken.insert(names.at(i));
    }
    for (qsizetype i = 0; i < names.size(); ++i) {
        if (!duplicate.at(i)) {
            continue;
        }
        QString candidate;
        for (int n = 2;; ++n) {
            candidate = identifierWithSuffix(names.at(i), QString(u'_' + QString::number(n)));
            if (!taken.contains(candidate)) {
                break;
            }
        }
        taken.insert(candidate);
        names[i] = candidate;
    }
    return names;
}

} // namespace ascsync::reports
