#pragma once

#include <QJsonArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTextStream>

namespace ascsync::cli {

// Prints a result as `ascsync query` does: tab-separated lines under a header (NULL for a null value,
// control characters escaped, so stored server text can neither fake rows nor drive the terminal), or with
// --json an array of objects whose values are strings or null.
class TablePrinter {
public:
    TablePrinter(QTextStream &out, bool json);

    void columns(const QStringList &names);
    void row(const QList<QString> &values);
    void finish();

private:
    QTextStream &m_out;
    bool m_json;
    QStringList m_columns;
    QJsonArray m_rows;
};

} // namespace ascsync::cli
