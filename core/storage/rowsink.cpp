#include "rowsink.h"

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

void RowSink::releaseLease()
{
    if (m_lease && m_lease->sink == this)
        m_lease->sink = nullptr;
}

} // namespace ascsync::storage
