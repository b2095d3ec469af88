#include "storage/rowsink.h"

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

void RowSink::releaseLease()
{
    if (m_lease && m_lease->sink == this)
        m_lease->sink = nullptr;
}

} // namespace ascsync::storage
