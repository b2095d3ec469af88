#include "rowsink.h"

using namespace Qt::StringLiterals;

namespace ascsync::storage {

RowSink::RowSink(std::shared_ptr<Lease> lease)
    : m_lease(std::move(lease))
{
    m_lease->sink = this;
}

RowSink::~RowSink()
{
    releaseLease();
}

Status RowSink::append(const QList<QString> &values)
{
    if (m_utf8.size() < values.size()) {
        m_utf8.resize(values.size());
    }
    m_utf8Views.resize(values.size());
    for (qsizetype i = 0; i < values.size(); ++i) {
        const QString &value = values[i];
        if (value.isNull()) {
            m_utf8Views[i] = QByteArrayView();
            continue;
        }
        if (value.isEmpty()) {
            m_utf8Views[i] = QByteArrayView("", 0); // empty, not NULL
            continue;
        }
        QByteArray &buffer = m_utf8[i];
        buffer.resize(m_encoder.requiredSpace(value.size()));
        const char *end = m_encoder.appendToBuffer(buffer.data(), value);
        m_utf8Views[i] = QByteArrayView(buffer.constData(), end - buffer.constData());
    }
    return appendUtf8(m_utf8Views);
}

Error RowSink::valueError(qint64 row, const QString &table, const Column &column, QByteArrayView value)
{
    static const QStringList expected = {u"text"_s, u"a date (YYYY-MM-DD)"_s, u"a decimal number"_s,
                                         u"an integer"_s};
    return makeError(
        u"storage.sink.value"_s,
        u"Could not load row %1 into %2: column %3 is %4, but the value '%5' is not %6."_s.arg(row).arg(
            table, column.name, columnTypeName(column.type), QString::fromUtf8(value).left(80),
            expected[int(column.type)]));
}

void RowSink::releaseLease()
{
    if (m_lease && m_lease->sink == this)
        m_lease->sink = nullptr;
}

} // namespace ascsync::storage
