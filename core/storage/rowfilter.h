#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <utility>

namespace ascsync::storage {

// Which rows Destination::deleteRows removes: every `equals` condition (a null value means IS NULL), and,
// when inColumn is set, inColumn IN (inValues). Values are text like the loaded values (dates ISO, decimals
// with '.'). An empty inValues list matches no row. A filter without any condition is refused rather than
// emptying a table.
struct RowFilter {
    QList<std::pair<QString, QString>> equals;
    QString inColumn;
    QStringList inValues;
};

} // namespace ascsync::storage
