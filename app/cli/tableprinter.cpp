#include "tableprinter.h"

#include "core/common/plaintext.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace ascsync::cli {

TablePrinter::TablePrinter(QTextStream &out, bool json)
    : m_out(out)
    , m_json(json)
{}

void TablePrinter::columns(const QStringList &names)
{
    m_columns = names;
    if (m_json)
        return;
    QStringList header;
    for (const QString &name : names)
        header << escapeControlCharacters(name);
    m_out << header.join(u'\t') << '\n';
}

void TablePrinter::row(const QList<QString> &values)
{
    if (m_json) {
        QJsonObject row;
        for (qsizetype i = 0; i < values.size(); ++i)
            row.insert(m_columns.value(i), values[i].isNull() ? QJsonValue() : QJsonValue(values[i]));
        m_rows.append(row);
        return;
    }
    QStringList cells;
    for (const QString &value : values)
        cells << (value.isNull() ? u"NULL"_s : escapeControlCharacters(value));
    m_out << cells.join(u'\t') << '\n';
}

void TablePrinter::finish()
{
    if (m_json)
        m_out << QJsonDocument(m_rows).toJson(QJsonDocument::Indented);
    m_out.flush();
}

} // namespace ascsync::cli
