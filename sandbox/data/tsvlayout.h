#pragma once

#include "world.h"

#include <QByteArray>
#include <QList>
#include <QStringList>

namespace ascsync::sandbox {

// The column layout of one segment file, including schema drift (a fault the server can inject):
// NewColumn inserts "Campaign Group" in the middle of the columns, ReorderedColumns permutes them; the header
// always matches the data, as "Rely on column names instead of column positions" (API-NOTES §5.1) demands.
class TsvLayout {
public:
    TsvLayout(const QStringList &columns, Drift drift, quint64 key);

    QByteArray headerLine() const;
    QByteArray line(const QList<QByteArray> &fields) const; // fields in the report's own column order

private:
    QByteArray insertedValue(const QList<QByteArray> &fields) const;

    QStringList m_names;
    QList<int> m_source; // index into the report's fields per output column; -1: the inserted column
};

} // namespace ascsync::sandbox
