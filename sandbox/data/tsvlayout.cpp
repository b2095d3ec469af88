#include "tsvlayout.h"

#include "rng.h"
#include "stablehash.h"

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

TsvLayout::TsvLayout(const QStringList &columns, Drift drift, quint64 key)
{
    for (int i = 0; i < columns.size(); ++i)
        m_source.append(i);
    if (drift == Drift::NewColumn) {
        m_source.insert(columns.size() / 2, -1);
    } else if (drift == Drift::ReorderedColumns && columns.size() > 1) {
        Rng rng(StableHash(key).add(u"reorder").value());
        for (qsizetype i = m_source.size() - 1; i > 0; --i)
            std::swap(m_source[i], m_source[rng.range(0, i)]);
        bool identity = true;
        for (int i = 0; i < m_source.size(); ++i)
            identity = identity && m_source[i] == i;
        if (identity)
            m_source.move(0, m_source.size() - 1); // a permutation that changes nothing is no drift
    }
    for (int source : std::as_const(m_source))
        m_names.append(source < 0 ? u"Campaign Group"_s : columns[source]);
}

QByteArray TsvLayout::headerLine() const
{
    return m_names.join(u'\t').toUtf8();
}

QByteArray TsvLayout::insertedValue(const QList<QByteArray> &fields) const
{
    static const QList<QByteArray> groups = {QByteArray(), QByteArray(), QByteArrayLiteral("Brand"),
                                             QByteArrayLiteral("Performance"), QByteArrayLiteral("Seasonal")};
    StableHash hash(11);
    for (const QByteArray &field : fields)
        hash.add(QString::fromLatin1(field));
    return groups[qsizetype(hash.value() % quint64(groups.size()))];
}

QByteArray TsvLayout::line(const QList<QByteArray> &fields) const
{
    QByteArray out;
    out.reserve(256);
    for (int i = 0; i < m_source.size(); ++i) {
        if (i > 0)
            out.append('\t');
        const int source = m_source[i];
        out.append(source < 0 ? insertedValue(fields) : fields.value(source));
    }
    return out;
}

} // namespace ascsync::sandbox
